import Fluent
import Foundation

/// Puts email in the outbox. Call it with the same database (transaction) as the change that
/// causes the email; the mail job sends it afterwards.
struct Mailer: Sendable {
    struct Message: Sendable, Equatable {
        let to: String
        let subject: String
        let body: String
        /// The outbox row's id: the same for every try, so a retry is the same message
        /// (its Message-ID, and its file name in development).
        var id: UUID? = nil
        /// Files sent with it, such as a calendar invitation; none for most emails.
        var attachments: [Attachment] = []
    }

    /// A file sent with an email: text only (a calendar invitation is text).
    struct Attachment: Codable, Sendable, Equatable {
        let filename: String
        /// The whole Content-Type, such as `text/calendar; method=REQUEST; charset=utf-8`.
        let contentType: String
        let text: String
    }

    /// `sendAfter`: not before then (a reminder). `reference`: a name the outbox can find it by
    /// again, so a reminder for a call that was moved or cancelled can be taken back.
    static func enqueue(
        _ message: Message, keys: DataKeyRing, on database: any Database, now: Date = Date(), sendAfter: Date? = nil, reference: String? = nil
    ) async throws {
        let mail = try OutgoingMail(message, now: Int(now.timeIntervalSince1970), keys: keys)
        if let sendAfter { mail.sendAfterEpoch = max(mail.sendAfterEpoch, Int(sendAfter.timeIntervalSince1970)) }
        mail.reference = reference
        try await mail.create(on: database)
    }

    /// Takes back every unsent email with this reference (reminders for a call that moved).
    static func withdraw(reference: String, on database: any Database) async throws {
        try await OutgoingMail.query(on: database).filter(\.$reference == reference).filter(\.$sentEpoch == nil).delete()
    }
}

/// Where sent mail goes: SMTP in production, files in development, memory in tests.
protocol MailTransport: Sendable {
    func send(_ message: Mailer.Message, from sender: String) async throws
}
