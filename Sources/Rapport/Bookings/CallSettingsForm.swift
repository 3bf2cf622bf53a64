import Vapor

/// The practitioner's free first conversation settings: whether, how long, how, when, and the
/// limits. Every problem at once, and nothing typed lost.
enum CallSettingsForm {
    struct Input: Content {
        var offers: String?
        var minutes: String?
        var how: String?
        var videoLink: String?
        var hours: [String: String]?
        var noticeHours: String?
        var daysAhead: String?
        var bufferMinutes: String?
        var maximumPerDay: String?
        var maximumPerWeek: String?
        var timeOff: String?
        var approval: String?

        enum CodingKeys: String, CodingKey {
            case offers, minutes, how, videoLink = "video_link", hours, noticeHours = "notice_hours", daysAhead = "days_ahead"
            case bufferMinutes = "buffer_minutes", maximumPerDay = "maximum_per_day", maximumPerWeek = "maximum_per_week"
            case timeOff = "time_off", approval
        }

        /// The form as it stands for saved settings.
        init(_ practitioner: Practitioner, _ settings: CallSettings?) {
            offers = practitioner.freeFirstConversation ? "yes" : "no"
            minutes = practitioner.freeFirstConversationMinutes.map(String.init) ?? "15"
            how = settings?.how.rawValue ?? CallSettings.How.phone.rawValue
            videoLink = settings?.videoLink
            var byDay: [String: String] = [:]
            for (weekday, ranges) in Dictionary(grouping: settings?.hours ?? [], by: \.weekday) {
                byDay[String(weekday)] = ranges.map { "\(LondonWallClock.clockTime($0.startMinute))-\(LondonWallClock.clockTime($0.endMinute))" }
                    .joined(separator: ", ")
            }
            hours = byDay
            noticeHours = String(settings?.noticeHours ?? CallSettings.defaultNoticeHours)
            daysAhead = String(settings?.daysAhead ?? CallSettings.defaultDaysAhead)
            bufferMinutes = String(settings?.bufferMinutes ?? CallSettings.defaultBufferMinutes)
            maximumPerDay = settings?.maximumPerDay.map(String.init) ?? ""
            maximumPerWeek = settings?.maximumPerWeek.map(String.init) ?? ""
            timeOff = (settings?.daysOff ?? []).map {
                $0.firstDay == $0.lastDay ? TimeOffText.written($0.firstDay) : "\(TimeOffText.written($0.firstDay)) to \(TimeOffText.written($0.lastDay))"
            }.joined(separator: "\n")
            approval = settings?.confirmsEach == true ? "each" : "instant"
        }
    }

    struct Checked: Sendable {
        let minutes: Int?
        let how: CallSettings.How
        let videoLink: String?
        let hours: [SlotPlanner.WeeklyRange]
        let noticeHours: Int
        let daysAhead: Int
        let bufferMinutes: Int
        let maximumPerDay: Int?
        let maximumPerWeek: Int?
        let daysOff: [SlotPlanner.DaysOff]
        let confirmsEach: Bool
    }

    static func check(_ input: Input) -> Result<Checked, FormProblemList> {
        var problems = FormProblems()
        func text(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func whole(_ field: String, _ value: String?, _ range: ClosedRange<Int>, optional: Bool, _ message: String) -> Int? {
            let typed = text(value)
            if typed.isEmpty && optional { return nil }
            guard let number = Int(typed), range.contains(number) else {
                problems.add(field, message)
                return nil
            }
            return number
        }
        let offers = input.offers == "yes"
        let minutes = Int(text(input.minutes))
        if offers {
            problems.require(minutes.map(BookingService.lengths.contains) ?? false, "minutes", "Please choose how long a free first conversation lasts: 10, 15, 20 or 30 minutes.")
        }
        let how = CallSettings.How(rawValue: input.how ?? "") ?? .phone
        let link = text(input.videoLink)
        if how == .video || !link.isEmpty {
            let url = URL(string: link)
            let fine = link.count <= 300 && url?.scheme == "https" && !(url?.host ?? "").isEmpty
            problems.require(fine, "video_link", "Please paste the link people use to join your video call. It starts with https://, like https://meet.example.com/your-room.")
        }
        var hours: [SlotPlanner.WeeklyRange] = []
        for weekday in 1...7 {
            let typed = text(input.hours?[String(weekday)])
            guard !typed.isEmpty else { continue }
            let name = LondonWallClock.weekdayNames[weekday - 1]
            if let ranges = WeeklyHoursText.ranges(typed, weekday: weekday) {
                hours += ranges
            } else {
                problems.add("hours-\(weekday)", "Please write your \(name) hours like 18:00-20:00, using the 24-hour clock. For two spells, put a comma between them: 09:00-11:00, 18:00-20:00.")
            }
        }
        if offers && hours.isEmpty && problems.message(for: "hours-1") == nil {
            problems.add("hours-1", "Please give at least one spell of weekly hours, like 18:00-20:00 on a Tuesday, so people can choose a time.")
        }
        let notice = whole("notice_hours", input.noticeHours, 0...168, optional: false, "Please give the notice you need as a whole number of hours, from 0 to 168 (a week).") ?? CallSettings.defaultNoticeHours
        let ahead = whole("days_ahead", input.daysAhead, 1...90, optional: false, "Please say how many days ahead people can book, from 1 to 90.") ?? CallSettings.defaultDaysAhead
        let buffer = whole("buffer_minutes", input.bufferMinutes, 0...60, optional: false, "Please give the gap between calls in minutes, from 0 to 60.") ?? CallSettings.defaultBufferMinutes
        let perDay = whole("maximum_per_day", input.maximumPerDay, 1...20, optional: true, "Please give the most calls in a day as a number from 1 to 20, or leave it empty for no limit.")
        let perWeek = whole("maximum_per_week", input.maximumPerWeek, 1...60, optional: true, "Please give the most calls in a week as a number from 1 to 60, or leave it empty for no limit.")
        var daysOff: [SlotPlanner.DaysOff] = []
        for line in text(input.timeOff).split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let range = TimeOffText.range(String(line)) else {
                problems.add("time_off", "Please write each day off on its own line, like 24/12/2026, or a spell like 24/12/2026 to 2/1/2027. \"\(line.prefix(40))\" isn't a date we can read.")
                break
            }
            daysOff.append(range)
        }
        problems.require(daysOff.count <= 50, "time_off", "Please list up to 50 days or spells off.")
        guard problems.isEmpty else { return .failure(FormProblemList(problems: problems)) }
        return .success(Checked(
            minutes: offers ? minutes : nil, how: how, videoLink: link.isEmpty ? nil : link, hours: hours, noticeHours: notice, daysAhead: ahead,
            bufferMinutes: buffer, maximumPerDay: perDay, maximumPerWeek: perWeek, daysOff: daysOff, confirmsEach: input.approval == "each"))
    }
}

/// "18:00-20:00, 09:00-11:00" for one weekday.
enum WeeklyHoursText {
    static func ranges(_ text: String, weekday: Int) -> [SlotPlanner.WeeklyRange]? {
        var ranges: [SlotPlanner.WeeklyRange] = []
        for spell in text.split(separator: ",") {
            let ends = spell.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: " to ", with: "-")
                .split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ".", with: ":") }
            guard ends.count == 2, let start = LondonWallClock.minuteOfDay(ends[0]), let end = LondonWallClock.minuteOfDay(ends[1]), start < end
            else { return nil }
            ranges.append(.init(weekday: weekday, startMinute: start, endMinute: end))
        }
        return ranges.isEmpty || ranges.count > 4 ? nil : ranges
    }
}

/// Days off as people write them: "24/12/2026", "2026-12-24", or "24/12/2026 to 2/1/2027".
enum TimeOffText {
    static func range(_ line: String) -> SlotPlanner.DaysOff? {
        let ends = line.lowercased().replacingOccurrences(of: "–", with: " to ").components(separatedBy: " to ")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(ends.count), let first = day(ends[0]), let last = day(ends.last!), first <= last else { return nil }
        return .init(firstDay: first, lastDay: last)
    }

    /// `YYYY-MM-DD` from "24/12/2026" or "2026-12-24"; nil for a day that doesn't exist.
    static func day(_ text: String) -> String? {
        let numbers: [Int]
        if text.contains("/") {
            let parts = text.split(separator: "/").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            numbers = [parts[2], parts[1], parts[0]]
        } else {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            numbers = parts
        }
        guard (2000...2100).contains(numbers[0]) else { return nil }
        let day = String(format: "%04d-%02d-%02d", numbers[0], numbers[1], numbers[2])
        // A day that round-trips through its day number exists (no 31 February).
        guard let number = LondonCalendar.dayNumber(day), LondonCalendar.day(fromDayNumber: number) == day else { return nil }
        return day
    }

    /// "24/12/2026".
    static func written(_ day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return day }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}
