import Foundation
import Testing

@testable import Rapport

/// London wall-clock times and the times on offer, across the clock changes, with a clock the
/// tests choose. 2027's changes: 28 March (01:00 GMT becomes 02:00 BST) and 31 October.
@Suite("Free first conversation times")
struct SlotPlannerTests {
    static func at(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    @Test func wallClockTimesBecomeTheRightInstantsOnBothSidesOfEachChange() {
        let instant = { (id: String) in LondonWallClock.instant(WallClockSlot(id: id)!) }
        #expect(instant("2027-03-27T09:00") == Self.at("2027-03-27T09:00:00Z"))
        #expect(instant("2027-03-28T09:00") == Self.at("2027-03-28T08:00:00Z"))
        // The hour the clocks skip never happens, so it is never offered.
        #expect(instant("2027-03-28T01:30") == nil)
        #expect(instant("2027-10-30T18:00") == Self.at("2027-10-30T17:00:00Z"))
        #expect(instant("2027-10-31T18:00") == Self.at("2027-10-31T18:00:00Z"))
        // The repeated hour in October: the first one.
        #expect(instant("2027-10-31T01:30") == Self.at("2027-10-31T00:30:00Z"))
        #expect(LondonWallClock.slot(at: Self.at("2027-03-28T08:00:00Z")).id == "2027-03-28T09:00")
    }

    @Test func labelsSayUKTimeAndWhetherItIsGMTOrBST() {
        #expect(LondonWallClock.label(WallClockSlot(id: "2026-03-03T18:15")!) == "Tuesday 3 March, 18:15 (UK time, GMT)")
        #expect(LondonWallClock.label(WallClockSlot(id: "2026-07-07T09:00")!) == "Tuesday 7 July, 09:00 (UK time, BST)")
        #expect(WallClockSlot(id: "2026-02-30T10:00") == nil)
        #expect(WallClockSlot(id: "2026-03-03T25:00") == nil)
        #expect(WallClockSlot(id: "<script>") == nil)
    }

    static func planner(hours: [SlotPlanner.WeeklyRange], notice: Int = 0, ahead: Int = 24, buffer: Int = 5, perDay: Int? = nil, perWeek: Int? = nil,
                        off: [SlotPlanner.DaysOff] = [], minutes: Int = 15) -> SlotPlanner {
        SlotPlanner(minutes: minutes, bufferMinutes: buffer, noticeHours: notice, daysAhead: ahead, maximumPerDay: perDay, maximumPerWeek: perWeek, hours: hours, daysOff: off)
    }

    /// Sundays 09:00-10:00 (weekday 7).
    static let sundayMornings = [SlotPlanner.WeeklyRange(weekday: 7, startMinute: 9 * 60, endMinute: 10 * 60)]

    @Test func slotsKeepTheirWallClockTimeAcrossTheMarchChange() {
        let offers = Self.planner(hours: Self.sundayMornings, ahead: 14).offers(now: Self.at("2027-03-20T12:00:00Z"), taken: [])
        // 15 minutes plus a 5-minute gap: 09:00, 09:20, 09:40 each Sunday.
        #expect(offers.map(\.slot.id) == ["2027-03-21T09:00", "2027-03-21T09:20", "2027-03-21T09:40", "2027-03-28T09:00", "2027-03-28T09:20", "2027-03-28T09:40"])
        #expect(offers[0].start == Self.at("2027-03-21T09:00:00Z"))
        #expect(offers[3].start == Self.at("2027-03-28T08:00:00Z"))
        #expect(LondonWallClock.label(offers[3].slot).hasSuffix("(UK time, BST)"))
    }

    @Test func slotsKeepTheirWallClockTimeAcrossTheOctoberChange() {
        let offers = Self.planner(hours: Self.sundayMornings, ahead: 14).offers(now: Self.at("2027-10-23T12:00:00Z"), taken: [])
        #expect(offers.first { $0.slot.id == "2027-10-24T09:00" }?.start == Self.at("2027-10-24T08:00:00Z"))
        #expect(offers.first { $0.slot.id == "2027-10-31T09:00" }?.start == Self.at("2027-10-31T09:00:00Z"))
    }

    @Test func noticeDaysAheadTimeOffAndLimitsAreRespected() {
        let now = Self.at("2027-01-04T08:00:00Z")  // a Monday
        let weekdays = (1...5).map { SlotPlanner.WeeklyRange(weekday: $0, startMinute: 18 * 60, endMinute: 19 * 60) }
        // 15 hours' notice from 08:00 rules out Monday 18:00-18:40 (10 hours away), not Tuesday.
        let noticed = Self.planner(hours: weekdays, notice: 15, ahead: 1).offers(now: now, taken: [])
        #expect(noticed.map(\.slot.day) == ["2027-01-05", "2027-01-05", "2027-01-05"])
        let off = Self.planner(hours: weekdays, ahead: 4, off: [.init(firstDay: "2027-01-05", lastDay: "2027-01-07")]).offers(now: now, taken: [])
        #expect(Set(off.map(\.slot.day)) == ["2027-01-04", "2027-01-08"])
        // One call already on Monday and a limit of one a day: Monday is full.
        let monday = Int(Self.at("2027-01-04T18:00:00Z").timeIntervalSince1970)
        let taken = [SlotPlanner.Taken(fromEpoch: monday, untilEpoch: monday + 20 * 60)]
        let capped = Self.planner(hours: weekdays, ahead: 1, perDay: 1).offers(now: now, taken: taken)
        #expect(Set(capped.map(\.slot.day)) == ["2027-01-05"])
        let weekly = Self.planner(hours: weekdays, ahead: 13, perWeek: 1).offers(now: now, taken: taken)
        #expect(weekly.allSatisfy { $0.slot.day >= "2027-01-11" } && !weekly.isEmpty)
    }

    @Test func aLongerEarlierBookingBlocksEveryTimeItOverlapsBufferIncluded() {
        let now = Self.at("2027-01-01T00:00:00Z")
        let start = Int(Self.at("2027-01-03T09:00:00Z").timeIntervalSince1970)
        // Booked when calls were 30 minutes: blocked until 09:35 with its 5-minute gap.
        let taken = [SlotPlanner.Taken(fromEpoch: start, untilEpoch: start + 35 * 60)]
        let offers = Self.planner(hours: Self.sundayMornings, ahead: 3, minutes: 10).offers(now: now, taken: taken)
        // 10-minute calls every 15 minutes: 09:00, 09:15 and 09:30 overlap; 09:45 is free.
        #expect(offers.map(\.slot.id) == ["2027-01-03T09:45"])
    }

    @Test func weeklyHoursAndDaysOffAreReadAsPeopleWriteThem() {
        #expect(WeeklyHoursText.ranges("18:00-20:00", weekday: 2) == [.init(weekday: 2, startMinute: 1080, endMinute: 1200)])
        #expect(WeeklyHoursText.ranges("9:00 – 11:00, 18.00-20.00", weekday: 6)?.count == 2)
        #expect(WeeklyHoursText.ranges("evenings", weekday: 2) == nil)
        #expect(WeeklyHoursText.ranges("20:00-18:00", weekday: 2) == nil)
        #expect(TimeOffText.range("24/12/2026 to 2/1/2027") == .init(firstDay: "2026-12-24", lastDay: "2027-01-02"))
        #expect(TimeOffText.range("2026-12-25") == .init(firstDay: "2026-12-25", lastDay: "2026-12-25"))
        #expect(TimeOffText.range("31/2/2027") == nil)
        #expect(TimeOffText.range("next week") == nil)
    }
}
