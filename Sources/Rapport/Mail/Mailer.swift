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
    }

    static func enqueue(_ message: Message, keys: DataKeyRing, on database: any Database, now: Date = Date()) async throws {
        try await OutgoingMail(message, now: Int(now.timeIntervalSince1970), keys: keys).create(on: database)
    }
}

/// Where sent mail goes: SMTP in production, files in development, memory in tests.
protocol MailTransport: Sendable {
    func send(_ message: Mailer.Message, from sender: String) async throws
}
