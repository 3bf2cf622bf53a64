import Fluent
import Foundation
import SQLKit
import Vapor

/// Sends what is due in the outbox, one message at a time. Each is claimed with a short lease
/// by one conditional update first, so two instances (or a cron run beside a server) never send
/// one message twice. After a crash the rest of the queue resumes as soon as the jobs lease
/// passes on (15 s); only the one message the dead process held waits for its own lease. A
/// failure is retried with backoff.
struct MailJob: Sendable {
    static let batchSize = 20
    /// Longer than one send can take (the SMTP transport gives up after 50 s).
    static let leaseSeconds = 60
    static let maximumAttempts = 8

    let transport: any MailTransport
    let sender: String
    let keys: DataKeyRing

    /// Returns how many messages were sent.
    @discardableResult
    func runOnce(on database: any Database, logger: Logger, now: Date = Date()) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "sending mail") }
        var sent = 0
        for _ in 0..<Self.batchSize {
            guard let mail = try await claimNext(sql, on: database, now: now) else { break }
            if try await send(mail, logger: logger, nowEpoch: Int(now.timeIntervalSince1970)) { sent += 1 }
            try await mail.save(on: database)
        }
        return sent
    }

    /// The next due message, leased to this call; nil when none is due.
    private func claimNext(_ sql: any SQLDatabase, on database: any Database, now: Date) async throws -> OutgoingMail? {
        let nowEpoch = Int(now.timeIntervalSince1970)
        let rows = try await sql.raw(
            """
            UPDATE mail_outbox SET lease_holder = \(bind: UUID().uuidString), leased_until_epoch = \(bind: nowEpoch + Self.leaseSeconds) \
            WHERE id = (SELECT id FROM mail_outbox WHERE sent_epoch IS NULL AND send_after_epoch <= \(bind: nowEpoch) \
            AND attempts < \(bind: Self.maximumAttempts) AND (leased_until_epoch IS NULL OR leased_until_epoch < \(bind: nowEpoch)) \
            ORDER BY send_after_epoch LIMIT 1) \
            AND sent_epoch IS NULL AND (leased_until_epoch IS NULL OR leased_until_epoch < \(bind: nowEpoch)) RETURNING id
            """
        ).all()
        guard let id = try rows.first?.decode(column: "id", as: UUID.self) else { return nil }
        return try await OutgoingMail.find(id, on: database)
    }

    /// Sends one claimed message and records the outcome on it (the caller saves it).
    private func send(_ mail: OutgoingMail, logger: Logger, nowEpoch: Int) async throws -> Bool {
        defer {
            mail.leaseHolder = nil
            mail.leasedUntilEpoch = nil
        }
        do {
            guard let message = try mail.opened(keys) else { return false }
            try await transport.send(message, from: sender)
            mail.sentEpoch = Int(Date().timeIntervalSince1970)
            mail.lastError = nil
            // Sent: its links and its address have no reason to stay in the database.
            mail.sealedRecipient = ""
            mail.sealedBody = ""
            mail.sealedAttachments = nil
            return true
        } catch {
            mail.attempts += 1
            // Kind of failure only: an address or a body never reaches a log or a column.
            mail.lastError = String(describing: type(of: error)) + ": " + String(String(describing: error).prefix(80))
            mail.sendAfterEpoch = nowEpoch + Self.backoffSeconds(afterAttempt: mail.attempts)
            logger.warning("Could not send an email (attempt \(mail.attempts)): \(type(of: error))")
            return false
        }
    }

    /// One minute, then doubling, at most six hours.
    static func backoffSeconds(afterAttempt attempt: Int) -> Int {
        min(6 * 3600, 60 << max(0, min(attempt - 1, 12)))
    }
}
