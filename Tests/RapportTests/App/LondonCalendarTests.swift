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
}
