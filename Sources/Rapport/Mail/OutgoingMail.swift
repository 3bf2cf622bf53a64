import Fluent
import SQLKit
import Foundation

/// A message waiting in the outbox. Written in the same transaction as the action that causes it,
/// so an email is never sent for something that did not happen, nor lost for something that did.
/// Its recipient and body are sealed with the data key (an enquiry's sender is known by their
/// address, and bodies hold private links); both are blanked once it is sent.
final class OutgoingMail: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var sealedRecipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var sealedBody: String
    /// Seconds since 1970: plain integers compare the same way in both databases.
    @Field(key: "created_epoch") var createdEpoch: Int
    @Field(key: "send_after_epoch") var sendAfterEpoch: Int
    @Field(key: "attempts") var attempts: Int
    /// What went wrong last time, as an error kind only: never the address or the body.
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "lease_holder") var leaseHolder: String?
    @OptionalField(key: "leased_until_epoch") var leasedUntilEpoch: Int?
    @OptionalField(key: "sent_epoch") var sentEpoch: Int?
    /// Files sent with it (a calendar invitation holds names and a private link), sealed as JSON.
    @OptionalField(key: "sealed_attachments") var sealedAttachments: String?
    /// What it is about, so it can be taken back before it goes: `booking-reminder:<id>`.
    @OptionalField(key: "reference") var reference: String?

    init() {}

    init(_ message: Mailer.Message, now: Int, keys: DataKeyRing) throws {
        self.sealedRecipient = try keys.seal(message.to, for: .outboxRecipient)
        self.subject = message.subject
        self.sealedBody = try keys.seal(message.body, for: .outboxBody)
        if !message.attachments.isEmpty {
            let json = String(decoding: try JSONEncoder().encode(message.attachments), as: UTF8.self)
            self.sealedAttachments = try keys.seal(json, for: .outboxAttachments)
        }
        self.createdEpoch = now
        self.sendAfterEpoch = now
        self.attempts = 0
    }
}

/// A job that only one app instance may run at a time: whoever holds its lease.
final class JobLease: Model, @unchecked Sendable {
    static let schema = "job_leases"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "holder") var holder: String
    @Field(key: "leased_until_epoch") var leasedUntilEpoch: Int

    init() {}
}

extension OutgoingMail {
    /// The message as it will be sent, opened with the data key; nil once sent and blanked.
    func opened(_ keys: DataKeyRing) throws -> Mailer.Message? {
        guard !sealedRecipient.isEmpty else { return nil }
        return Mailer.Message(
            to: try keys.open(sealedRecipient, for: .outboxRecipient), subject: subject,
            body: try keys.open(sealedBody, for: .outboxBody), id: id,
            attachments: try sealedAttachments.map { try JSONDecoder().decode([Mailer.Attachment].self, from: Data(keys.open($0, for: .outboxAttachments).utf8)) } ?? [])
    }
}

extension EncryptedColumn {
    static let outboxRecipient = EncryptedColumn(table: "mail_outbox", column: "recipient", idColumn: "id")
    static let outboxBody = EncryptedColumn(table: "mail_outbox", column: "text_body", idColumn: "id")
    static let outboxAttachments = EncryptedColumn(table: "mail_outbox", column: "sealed_attachments", idColumn: "id")
}
