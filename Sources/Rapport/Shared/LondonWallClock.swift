import Foundation

/// A start time as people in the UK read it: a London day and a time of day, such as
/// "2026-03-03T18:15". This is what is stored and what forms send; it becomes an instant only
/// when worked out, so the clock changes in March and October never move a call.
struct WallClockSlot: Hashable, Comparable, Sendable {
    /// `YYYY-MM-DD`, in Europe/London.
    let day: String
    /// Minutes after midnight, 0..<1440.
    let minuteOfDay: Int

    init(day: String, minuteOfDay: Int) {
        self.day = day
        self.minuteOfDay = minuteOfDay
    }

    /// From "2026-03-03T18:15"; nil for anything else.
    init?(id: String) {
        let parts = id.split(separator: "T", omittingEmptySubsequences: false)
        // A day that comes back the same from its day number exists (no 30 February).
        guard parts.count == 2, parts[0].count == 10, let number = LondonCalendar.dayNumber(String(parts[0])),
            LondonCalendar.day(fromDayNumber: number) == parts[0],
            let minute = LondonWallClock.minuteOfDay(String(parts[1]))
        else { return nil }
        self.init(day: String(parts[0]), minuteOfDay: minute)
    }

    var id: String { "\(day)T\(LondonWallClock.clockTime(minuteOfDay))" }

    static func < (left: WallClockSlot, right: WallClockSlot) -> Bool {
        (left.day, left.minuteOfDay) < (right.day, right.minuteOfDay)
    }
}

/// Turning London wall-clock times into instants and back, and saying them the way people in
/// the UK do ("Tuesday 3 March, 18:15 (UK time, GMT)").
enum LondonWallClock {
    static let zoneIdentifier = "Europe/London"
    private static let zone = LondonCalendar.timeZone

    /// The instant a London wall-clock time happens, or nil when the clock skips it (the hour
    /// lost in March). In October's repeated hour the first one counts.
    static func instant(_ slot: WallClockSlot) -> Date? {
        guard let dayNumber = LondonCalendar.dayNumber(slot.day) else { return nil }
        let asIfUTC = dayNumber * 86_400 + slot.minuteOfDay * 60
        // Try the offset in force a day before and after: one of them is right, and checking
        // the answer finds which (and spots a time that never happens).
        let candidates = [asIfUTC - offset(at: asIfUTC - 86_400), asIfUTC - offset(at: asIfUTC + 86_400)].sorted()
        for candidate in candidates where candidate + offset(at: candidate) == asIfUTC {
            return Date(timeIntervalSince1970: TimeInterval(candidate))
        }
        return nil
    }

    /// London's offset from UTC, in seconds, at an instant.
    static func offset(at epoch: Int) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    /// The wall-clock time of an instant, in London.
    static func slot(at date: Date) -> WallClockSlot {
        let epoch = Int(date.timeIntervalSince1970.rounded(.down))
        let local = epoch + offset(at: epoch)
        let dayNumber = Int((Double(local) / 86_400).rounded(.down))
        return WallClockSlot(day: LondonCalendar.day(fromDayNumber: dayNumber), minuteOfDay: (local - dayNumber * 86_400) / 60)
    }

    /// "GMT" in winter, "BST" in summer.
    static func zoneName(at date: Date) -> String {
        offset(at: Int(date.timeIntervalSince1970)) == 0 ? "GMT" : "BST"
    }

    /// 1 for Monday … 7 for Sunday.
    static func isoWeekday(ofDay day: String) -> Int? {
        guard let number = LondonCalendar.dayNumber(day) else { return nil }
        // 1970-01-01 was a Thursday.
        return ((number % 7) + 7 + 3) % 7 + 1
    }

    /// "18:15" from minutes after midnight.
    static func clockTime(_ minuteOfDay: Int) -> String {
        let hours = minuteOfDay / 60, minutes = minuteOfDay % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    /// Minutes after midnight from "18:15" or "9:00"; nil for anything else.
    static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...23).contains(hours), (0...59).contains(minutes)
        else { return nil }
        return hours * 60 + minutes
    }

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// "Tuesday 3 March".
    static func dayLabel(_ day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), let weekday = isoWeekday(ofDay: day) else { return day }
        return "\(weekdayNames[weekday - 1]) \(parts[2]) \(monthNames[parts[1] - 1])"
    }

    /// "Tuesday 3 March, 18:15 (UK time, GMT)".
    static func label(_ slot: WallClockSlot) -> String {
        let zone = instant(slot).map(zoneName(at:)) ?? "GMT"
        return "\(dayLabel(slot.day)), \(clockTime(slot.minuteOfDay)) (UK time, \(zone))"
    }
}
