import Foundation
import NIOConcurrencyHelpers

/// Calendar days as people in the UK see them: every date shown or stored as a day is in
/// Europe/London, whatever the server's own time zone.
enum LondonCalendar {
    static let timeZone = TimeZone(identifier: "Europe/London")!

    /// Made once: building a Calendar is slow, and this one is used for every card and every
    /// demo practitioner.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_GB")
        return calendar
    }()

    /// Today in London, as `YYYY-MM-DD`.
    static func today(now: Date = Date()) -> String {
        // Every page asks, and a calendar takes microseconds to answer; the day it gave last
        // holds until London's next midnight.
        if let known = todayCache.withLockedValue({ $0 }), known.start <= now, now < known.end { return known.day }
        let day = dayString(now)
        if let interval = calendar.dateInterval(of: .day, for: now) {
            todayCache.withLockedValue { $0 = (day, interval.start, interval.end) }
        }
        return day
    }

    private static let todayCache = NIOLockedValueBox<(day: String, start: Date, end: Date)?>(nil)

    static func dayString(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// Noon on that London day, so adding days never trips over a clock change.
    static func date(fromDay day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
    }

    static func day(_ day: String, addingDays offset: Int) -> String {
        guard let date = date(fromDay: day), let moved = calendar.date(byAdding: .day, value: offset, to: date) else { return day }
        return dayString(moved)
    }

    /// Plain arithmetic on day numbers: a calendar would give the same answer, far more slowly,
    /// and every result card asks.
    static func daysBetween(_ earlier: String, and later: String) -> Int? {
        guard let start = dayNumber(earlier), let end = dayNumber(later) else { return nil }
        return end - start
    }

    /// Days since 1970-01-01 for a `YYYY-MM-DD` day: plain arithmetic (Howard Hinnant's
    /// days-from-civil), fast enough to run for 100,000 practitioners.
    static func dayNumber(_ day: String) -> Int? {
        // Read the digits directly: this runs for every card on every results page.
        var fields = (0, 0, 0)
        var field = 0
        var digits = 0
        for byte in day.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 9 else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch field {
                case 0: fields.0 = fields.0 * 10 + digit
                case 1: fields.1 = fields.1 * 10 + digit
                default: fields.2 = fields.2 * 10 + digit
                }
                digits += 1
            case UInt8(ascii: "-") where field < 2 && digits > 0:
                field += 1
                digits = 0
            default:
                return nil
            }
        }
        guard field == 2, digits > 0 else { return nil }
        let (yearField, month, dayOfMonth) = fields
        guard (1...12).contains(month), (1...31).contains(dayOfMonth) else { return nil }
        let year = yearField - (month <= 2 ? 1 : 0)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + dayOfMonth - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The `YYYY-MM-DD` day of a day number: the inverse of `dayNumber(_:)` (Hinnant's
    /// civil-from-days).
    static func day(fromDayNumber number: Int) -> String {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// "21 November 2026".
    static func longDisplay(ofDay day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return day }
        return "\(parts[2]) \(monthNames[parts[1] - 1]) \(parts[0])"
    }

    /// "21 November 2026 at 18:05", in London's time.
    static func dateAndTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return "\(longDisplay(ofDay: dayString(date))) at \(time)"
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}
