import Fluent
import Vapor

/// Who is who in a booking, opened for its emails: the person (from their enquiry, sealed) and
/// the practitioner's account address.
struct BookingParties: Sendable {
    let personName: String
    let personEmail: String
    let practitionerName: String
    let practitionerEmail: String?
    let personLink: String
    let practitionerLink: String
    /// The practitioner's own video link, for a video call.
    let joinLink: String?
}

extension BookingService {
    func parties(_ booking: Booking, on database: any Database) async throws -> BookingParties {
        let practitioner = try await booking.$practitioner.get(on: database)
        guard let copy = try await booking.$enquiry.get(on: database) else { throw Abort(.notFound) }
        let request = try await copy.$request.get(on: database)
        let person = try EnquiryService(app: app, database: database).open(request)
        let owner = try await practitioner.accountID.asyncFlatMap { try await Account.find($0, on: database) }
        let token = try booking.sealedToken.map { try keys.open($0, for: .bookingToken) } ?? ""
        let settings = try await CallSettings.query(on: database).filter(\.$practitioner.$id == practitioner.requireID()).first()
        return BookingParties(
            personName: person.name, personEmail: person.email, practitionerName: practitioner.displayName, practitionerEmail: owner?.email,
            personLink: app.publicLink(.privateBooking(token: token)),
            practitionerLink: app.publicLink(.practitionerBooking(id: try booking.requireID().uuidString)),
            joinLink: booking.how == .video ? settings?.videoLink : nil)
    }

    /// The invitation as one side's calendar should hold it. No message text, no health details.
    func invite(_ booking: Booking, _ parties: BookingParties, forPractitioner: Bool, method: CalendarInvite.Method) throws -> Mailer.Attachment {
        CalendarInvite(
            method: method, uid: "\(try booking.requireID().uuidString.lowercased())@\(app.settings.publicURL.host ?? "rapport")",
            sequence: booking.sequence, stamp: now, start: booking.slot ?? WallClockSlot(day: "1970-01-01", minuteOfDay: 0), minutes: booking.minutes,
            // The practitioner's calendar may be shared or synced: no name of the person in it.
            summary: forPractitioner ? "Free first conversation (Rapport)" : "Free first conversation with \(parties.practitionerName)",
            description: "To see, move or cancel it: \(forPractitioner ? parties.practitionerLink : parties.personLink)",
            location: booking.how == .video ? (parties.joinLink ?? "Video call") : "Phone call",
            organizerName: "Rapport for \(parties.practitionerName)", organizerEmail: EmailFormat.address(app.settings.mailFrom),
            attendeeName: forPractitioner ? parties.practitionerName : parties.personName,
            attendeeEmail: forPractitioner ? (parties.practitionerEmail ?? "") : parties.personEmail
        ).attachment
    }

    /// Tells both sides what just happened to a booking, with the calendar change, and puts the
    /// reminders for it in the outbox (or takes them back). In the caller's transaction.
    /// `sendsInvite: false` leaves the calendar file out (a cancelled request was never in a calendar).
    func announce(_ change: BookingChange, _ booking: Booking, on database: any Database, sendsInvite: Bool = true) async throws {
        let parties = try await parties(booking, on: database)
        let when = booking.slot.map(LondonWallClock.label) ?? booking.localStart
        let how = booking.how == .video ? "by video" : "by phone"
        let sendsInvite = sendsInvite && (booking.status == .confirmed || change == .cancelled)
        let method: CalendarInvite.Method = change == .cancelled ? .cancel : .request
        let requested = booking.status == .requested
        let personInvite = sendsInvite && change != .requested ? [try invite(booking, parties, forPractitioner: false, method: method)] : []
        let personMail = BookingMessage(
            change: change, toPractitioner: false, otherName: parties.practitionerName, when: when, how: how, link: parties.personLink,
            joinLink: parties.joinLink, confirmsEach: requested, hasInvite: !personInvite.isEmpty)
        try await Mailer.enqueue(personMail, to: parties.personEmail, attachments: personInvite, app: app, on: database)
        if let address = parties.practitionerEmail {
            let practitionerInvite = sendsInvite ? [try invite(booking, parties, forPractitioner: true, method: method)] : []
            // Like the new-enquiry email, nothing about the person: the dashboard shows who it is.
            let practitionerMail = BookingMessage(
                change: change, toPractitioner: true, otherName: "", when: when, how: how, link: parties.practitionerLink,
                joinLink: parties.joinLink, confirmsEach: requested, hasInvite: !practitionerInvite.isEmpty)
            try await Mailer.enqueue(practitionerMail, to: address, attachments: practitionerInvite, app: app, on: database)
        }
        try await scheduleReminders(booking, parties, on: database)
    }

    /// Reminders 24 hours and 1 hour before, to both sides, for a confirmed call. Any left from
    /// before (a call moved, or cancelled) are taken back first, so one never comes for an old time.
    func scheduleReminders(_ booking: Booking, _ parties: BookingParties, on database: any Database) async throws {
        let reference = try Self.reminderReference(booking)
        try await Mailer.withdraw(reference: reference, on: database)
        guard booking.status == .confirmed, let slot = booking.slot else { return }
        for hoursBefore in [24, 1] {
            let due = booking.start.addingTimeInterval(TimeInterval(-hoursBefore * 3600))
            guard due > now else { continue }
            let soon = hoursBefore == 24 ? "tomorrow" : "in an hour"
            let time = LondonWallClock.label(slot)
            try await Mailer.enqueue(
                BookingReminderMessage(otherName: parties.practitionerName, soon: soon, when: time, link: parties.personLink),
                to: parties.personEmail, app: app, on: database, sendAfter: due, reference: reference)
            if let address = parties.practitionerEmail {
                try await Mailer.enqueue(
                    BookingReminderMessage(otherName: "someone who wrote to you on Rapport", soon: soon, when: time, link: parties.practitionerLink),
                    to: address, app: app, on: database, sendAfter: due, reference: reference)
            }
        }
    }
}

/// What happened to a booking, for its emails.
enum BookingChange: String, Encodable, Sendable {
    /// Made and confirmed at once, or confirmed by the practitioner.
    case confirmed
    /// Made, waiting for the practitioner to confirm.
    case requested
    case moved
    case cancelled
}

/// Every email about a booking: what happened, when, and the private link. Never what anyone wrote.
struct BookingMessage: Email {
    var template: String { "booking-\(change.rawValue)" }
    let change: BookingChange
    let toPractitioner: Bool
    /// The practitioner's name for the person; the person's chosen name for the practitioner.
    let otherName: String
    let when: String
    let how: String
    let link: String
    let joinLink: String?
    let confirmsEach: Bool
    /// Whether a calendar file goes with it, so the words can mention it.
    let hasInvite: Bool

    var subject: String {
        switch change {
        case .confirmed: toPractitioner ? "Free first conversation booked: \(when)" : "Your free first conversation with \(otherName) is booked"
        case .requested: toPractitioner ? "Please confirm a free first conversation: \(when)" : "Your request for a free first conversation with \(otherName)"
        case .moved: toPractitioner ? "Free first conversation moved to \(when)" : "Your free first conversation with \(otherName) has moved"
        case .cancelled: toPractitioner ? "Free first conversation cancelled: \(when)" : "Your free first conversation with \(otherName) is cancelled"
        }
    }
}

struct BookingReminderMessage: Email {
    var template: String { "booking-reminder" }
    let otherName: String
    /// "tomorrow" or "in an hour".
    let soon: String
    let when: String
    let link: String
    var subject: String { "Reminder: your free first conversation is \(soon)" }
}
