import Foundation
import Testing

@testable import Rapport

@Suite("Dates in Europe/London")
struct LondonCalendarTests {
    @Test func daysAreLondonDaysWhateverTheServerZone() {
        // 23:30 UTC on 30 June is already 1 July in London (BST, UTC+1).
        let lateJune = Date(timeIntervalSince1970: 1_782_862_200)
        #expect(LondonCalendar.dayString(lateJune) == "2026-07-01")
        #expect(LondonCalendar.day("2026-03-28", addingDays: 2) == "2026-03-30", "across the clocks going forward")
        #expect(LondonCalendar.daysBetween("2026-10-20", and: "2026-11-22") == 33)
        #expect(LondonCalendar.longDisplay(ofDay: "2026-11-02") == "2 November 2026")
        #expect(LondonCalendar.longDisplay(ofDay: "nonsense") == "nonsense")
    }

    /// `today` remembers the last day it worked out; asked in any order, near midnight and on
    /// the days the clocks change, it must still give the calendar's answer.
    @Test func todayIsRightAcrossMidnightsAndClockChanges() {
        let midnights = ["2026-03-29", "2026-03-30", "2026-10-25", "2026-10-26", "2026-11-22", "2027-01-01"].map {
            LondonCalendar.calendar.startOfDay(for: LondonCalendar.date(fromDay: $0)!)
        }
        var instants: [Date] = []
        for midnight in midnights {
            for offset in [-3_600.0, -1, -0.0005, 0, 0.0005, 1, 3_600, 43_200, 86_399] { instants.append(midnight + offset) }
        }
        for instant in instants + instants.reversed() + instants.shuffled() {
            #expect(LondonCalendar.today(now: instant) == LondonCalendar.dayString(instant), "\(instant)")
        }
    }

    @Test func dayNumbersRoundTripThroughTheCalendar() {
        // Every day for 400 years (one whole Gregorian cycle, leap centuries included) agrees
        // with Foundation's calendar, both ways.
        var date = LondonCalendar.date(fromDay: "1900-01-01")!
        var number = LondonCalendar.dayNumber("1900-01-01")!
        #expect(number == -25_567)
        for _ in 0..<(146_097 / 40) {
            let day = LondonCalendar.dayString(date)
            #expect(LondonCalendar.day(fromDayNumber: number) == day)
            #expect(LondonCalendar.dayNumber(day) == number)
            date = LondonCalendar.calendar.date(byAdding: .day, value: 40, to: date)!
            number += 40
        }
        #expect(LondonCalendar.day(fromDayNumber: 0) == "1970-01-01")
        #expect(LondonCalendar.day(fromDayNumber: 11_016) == "2000-02-29")
        #expect(LondonCalendar.daysBetween("2024-02-28", and: "2024-03-01") == 2)
        for nonsense in ["", "nonsense", "2026-13-01", "2026-00-10", "2026-1", "2026--01-01", "2026-01-01-01", "2026-01-32", "２０２６-01-01"] {
            #expect(LondonCalendar.dayNumber(nonsense) == nil, "\(nonsense)")
        }
    }
}
