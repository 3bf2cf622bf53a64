import Foundation

/// An iCalendar invitation (RFC 5545, with the iTIP methods of RFC 5546) for a free first
/// conversation, as Outlook, Google and Apple calendars read it: a stable UID, the start as
/// London wall-clock time with its VTIMEZONE, and SEQUENCE going up with every change. It names
/// the practitioner and holds the private link, and nothing anyone wrote.
struct CalendarInvite: Sendable {
    enum Method: String, Sendable {
        case request = "REQUEST", cancel = "CANCEL"
        /// For a file someone downloads to add to their own calendar.
        case publish = "PUBLISH"
    }

    let method: Method
    let uid: String
    let sequence: Int
    let stamp: Date
    let start: WallClockSlot
    let minutes: Int
    let summary: String
    let description: String
    let location: String
    let organizerName: String
    let organizerEmail: String
    let attendeeName: String
    let attendeeEmail: String

    var attachment: Mailer.Attachment {
        Mailer.Attachment(
            filename: method == .cancel ? "cancelled.ics" : "invite.ics",
            contentType: "text/calendar; method=\(method.rawValue); charset=utf-8", text: text)
    }

    var text: String {
        let end = LondonWallClock.slot(at: (LondonWallClock.instant(start) ?? Date()).addingTimeInterval(TimeInterval(minutes * 60)))
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Rapport//Free first conversations//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:\(method.rawValue)",
        ]
        lines += Self.londonTimeZone
        lines += [
            "BEGIN:VEVENT",
            "UID:\(uid)",
            "SEQUENCE:\(sequence)",
            "DTSTAMP:\(Self.utc(stamp))",
            "DTSTART;TZID=\(LondonWallClock.zoneIdentifier):\(Self.local(start))",
            "DTEND;TZID=\(LondonWallClock.zoneIdentifier):\(Self.local(end))",
            "SUMMARY:\(Self.escaped(summary))",
            "DESCRIPTION:\(Self.escaped(description))",
            "LOCATION:\(Self.escaped(location))",
            "ORGANIZER;CN=\(Self.parameter(organizerName)):mailto:\(organizerEmail)",
            "ATTENDEE;CN=\(Self.parameter(attendeeName));ROLE=REQ-PARTICIPANT;PARTSTAT=\(method == .cancel ? "DECLINED" : "ACCEPTED");RSVP=FALSE:mailto:\(attendeeEmail)",
            "STATUS:\(method == .cancel ? "CANCELLED" : "CONFIRMED")",
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    /// Europe/London's rules since 1996: BST from 01:00 UTC on the last Sunday of March to
    /// 01:00 UTC on the last Sunday of October.
    static let londonTimeZone = [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:BST",
        "DTSTART:19810329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "DTSTART:19961027T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// "20260303T181500".
    static func local(_ slot: WallClockSlot) -> String {
        slot.day.replacingOccurrences(of: "-", with: "") + "T" + LondonWallClock.clockTime(slot.minuteOfDay).replacingOccurrences(of: ":", with: "") + "00"
    }

    /// "20260303T181500Z".
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    /// TEXT values escape backslashes, semicolons, commas and line breaks (RFC 5545 3.3.11).
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A parameter value such as CN: quoted, with no quotes or control characters inside.
    static func parameter(_ text: String) -> String {
        "\"" + text.filter { $0 != "\"" && !$0.isNewline && $0.asciiValue.map { $0 >= 32 } ?? true } + "\""
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 character.
    static func folded(_ line: String) -> String {
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
