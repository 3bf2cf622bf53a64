import Foundation

extension CallSettings {
    /// The weekly hours, read from their stored lines ("2 18:00 20:00").
    var hours: [SlotPlanner.WeeklyRange] {
        weeklyHours.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 3, let weekday = Int(parts[0]), (1...7).contains(weekday),
                let start = LondonWallClock.minuteOfDay(parts[1]), let end = LondonWallClock.minuteOfDay(parts[2]), start < end
            else { return nil }
            return .init(weekday: weekday, startMinute: start, endMinute: end)
        }
    }

    /// The days off, read from their stored lines ("2026-12-24 2027-01-02").
    var daysOff: [SlotPlanner.DaysOff] {
        timeOff.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 2 else { return nil }
            return .init(firstDay: parts[0], lastDay: parts[1])
        }
    }

    func planner(minutes: Int) -> SlotPlanner {
        SlotPlanner(
            minutes: minutes, bufferMinutes: bufferMinutes, noticeHours: noticeHours, daysAhead: daysAhead,
            maximumPerDay: maximumPerDay, maximumPerWeek: maximumPerWeek, hours: hours, daysOff: daysOff)
    }

    static func storedHours(_ ranges: [SlotPlanner.WeeklyRange]) -> String {
        ranges.sorted { ($0.weekday, $0.startMinute) < ($1.weekday, $1.startMinute) }
            .map { "\($0.weekday) \(LondonWallClock.clockTime($0.startMinute)) \(LondonWallClock.clockTime($0.endMinute))" }
            .joined(separator: "\n")
    }

    static func storedTimeOff(_ ranges: [SlotPlanner.DaysOff]) -> String {
        ranges.map { "\($0.firstDay) \($0.lastDay)" }.joined(separator: "\n")
    }
}
