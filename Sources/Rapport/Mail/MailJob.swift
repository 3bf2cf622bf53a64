import Fluent
import Foundation
import SQLKit
import Vapor

/// Sends what is due in the outbox. Rows are claimed with a lease first, so two instances (or a
/// cron run beside a server) never send one message twice; a failure is retried with backoff.
struct MailJob: Sendable {
    static let batchSize = 20
    static let leaseSeconds = 120
    static let maximumAttempts = 8

    let transport: any MailTransport
    let sender: String

    /// Returns how many messages were sent.
    @discardableResult
    func runOnce(on database: any Database, logger: Logger, now: Date = Date()) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "sending mail") }
        let nowEpoch = Int(now.timeIntervalSince1970)
        let claim = UUID().uuidString
        try await sql.raw(
            """
            UPDATE mail_outbox SET lease_holder = \(bind: claim), leased_until_epoch = \(bind: nowEpoch + Self.leaseSeconds) \
            WHERE id IN (SELECT id FROM mail_outbox WHERE sent_epoch IS NULL AND send_after_epoch <= \(bind: nowEpoch) \
            AND attempts < \(bind: Self.maximumAttempts) \
            AND (leased_until_epoch IS NULL OR leased_until_epoch < \(bind: nowEpoch)) \
            ORDER BY send_after_epoch LIMIT \(bind: Self.batchSize))
            """
        ).run()
        let claimed = try await OutgoingMail.query(on: database)
            .filter(\.$leaseHolder == claim)
            .filter(\.$sentEpoch == nil)
            .all()
        var sent = 0
        for mail in claimed {
            do {
                try await transport.send(.init(to: mail.recipient, subject: mail.subject, body: mail.textBody), from: sender)
                mail.sentEpoch = Int(Date().timeIntervalSince1970)
                mail.lastError = nil
                // Sent: its links and its address have no reason to stay in the database.
                mail.recipient = ""
                mail.textBody = ""
                sent += 1
            } catch {
                mail.attempts += 1
                // Kind of failure only: an address or a body never reaches a log or a column.
                mail.lastError = String(describing: type(of: error)) + ": " + String(String(describing: error).prefix(80))
                mail.sendAfterEpoch = nowEpoch + Self.backoffSeconds(afterAttempt: mail.attempts)
                logger.warning("Could not send an email (attempt \(mail.attempts)): \(type(of: error))")
            }
            mail.leaseHolder = nil
            mail.leasedUntilEpoch = nil
            try await mail.save(on: database)
        }
        return sent
    }

    /// One minute, then doubling, at most six hours.
    static func backoffSeconds(afterAttempt attempt: Int) -> Int {
        min(6 * 3600, 60 << max(0, min(attempt - 1, 12)))
    }
}
