import Foundation

/// Works out the free first conversation times a practitioner can offer: their weekly hours,
/// less time off, limits, notice and what is already booked. Pure, so tests can give it any
/// clock, and fast enough to run on every profile view (see `bench/slot-benchmark.sh`).
struct SlotPlanner: Sendable {
    /// One weekly range of hours, in London wall-clock time.
    struct WeeklyRange: Hashable, Sendable {
        /// 1 for Monday … 7 for Sunday.
        let weekday: Int
        let startMinute: Int
        let endMinute: Int
    }

    /// A range of whole days off, both ends included.
    struct DaysOff: Hashable, Sendable {
        let firstDay: String
        let lastDay: String
    }

    /// Time already taken: an active booking's blocked range, as instants.
    struct Taken: Sendable {
        let fromEpoch: Int
        let untilEpoch: Int
    }

    struct Offer: Sendable, Hashable {
        let slot: WallClockSlot
        let start: Date
    }

    let minutes: Int
    let bufferMinutes: Int
    let noticeHours: Int
    let daysAhead: Int
    let maximumPerDay: Int?
    let maximumPerWeek: Int?
    let hours: [WeeklyRange]
    let daysOff: [DaysOff]

    /// Every time that can be booked from `now`, earliest first, up to `limit`.
    func offers(now: Date, taken: [Taken], limit: Int = .max) -> [Offer] {
        guard minutes > 0, !hours.isEmpty else { return [] }
        let earliest = Int(now.timeIntervalSince1970) + noticeHours * 3600
        let today = LondonWallClock.slot(at: now).day
        guard let todayNumber = LondonCalendar.dayNumber(today) else { return [] }
        let taken = taken.sorted { $0.fromEpoch < $1.fromEpoch }
        // How many calls each London day and week already has.
        var perDay: [Int: Int] = [:], perWeek: [Int: Int] = [:]
        for booking in taken {
            let day = LondonWallClock.slot(at: Date(timeIntervalSince1970: TimeInterval(booking.fromEpoch))).day
            guard let number = LondonCalendar.dayNumber(day) else { continue }
            perDay[number, default: 0] += 1
            perWeek[Self.weekNumber(number), default: 0] += 1
        }
        let offDays = daysOff.compactMap { range -> ClosedRange<Int>? in
            guard let first = LondonCalendar.dayNumber(range.firstDay), let last = LondonCalendar.dayNumber(range.lastDay), first <= last else { return nil }
            return first...last
        }
        let byWeekday = Dictionary(grouping: hours, by: \.weekday).mapValues { $0.sorted { $0.startMinute < $1.startMinute } }
        let step = minutes + bufferMinutes
        var offers: [Offer] = []
        var takenIndex = 0
        for number in todayNumber...(todayNumber + daysAhead) {
            let weekday = ((number % 7) + 10) % 7 + 1
            guard let ranges = byWeekday[weekday], !offDays.contains(where: { $0.contains(number) }) else { continue }
            if let maximumPerDay, perDay[number, default: 0] >= maximumPerDay { continue }
            if let maximumPerWeek, perWeek[Self.weekNumber(number), default: 0] >= maximumPerWeek { continue }
            let day = LondonCalendar.day(fromDayNumber: number)
            // On a day with no clock change one offset holds all day, so a time needs no time
            // zone lookup; on the two change days each time is worked out on its own.
            let before = LondonWallClock.offset(at: number * 86_400 - 7_200)
            let steadyOffset = before == LondonWallClock.offset(at: (number + 1) * 86_400 + 7_200) ? before : nil
            for range in ranges {
                var minute = range.startMinute
                while minute + minutes <= range.endMinute {
                    defer { minute += step }
                    let from: Int
                    if let steadyOffset {
                        from = number * 86_400 + minute * 60 - steadyOffset
                    } else if let start = LondonWallClock.instant(WallClockSlot(day: day, minuteOfDay: minute)) {
                        from = Int(start.timeIntervalSince1970)
                    } else {
                        continue
                    }
                    guard from >= earliest else { continue }
                    let until = from + step * 60
                    // Bookings are sorted by start, so the ones that end before this slot can be skipped for good.
                    while takenIndex < taken.count, taken[takenIndex].untilEpoch <= from - 86_400 { takenIndex += 1 }
                    let clashes = taken[takenIndex...].prefix { $0.fromEpoch < until }.contains { $0.untilEpoch > from }
                    guard !clashes else { continue }
                    offers.append(Offer(slot: WallClockSlot(day: day, minuteOfDay: minute), start: Date(timeIntervalSince1970: TimeInterval(from))))
                    if offers.count >= limit { return offers }
                }
            }
        }
        return offers
    }

    /// Weeks run Monday to Sunday: day 0 (1 January 1970) was a Thursday.
    static func weekNumber(_ dayNumber: Int) -> Int {
        Int((Double(dayNumber + 3) / 7).rounded(.down))
    }
}
