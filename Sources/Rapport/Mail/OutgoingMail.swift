import Fluent
import SQLKit
import Foundation

/// A message waiting in the outbox. Written in the same transaction as the action that causes it,
/// so an email is never sent for something that did not happen, nor lost for something that did.
final class OutgoingMail: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var textBody: String
    /// Seconds since 1970: plain integers compare the same way in both databases.
    @Field(key: "created_epoch") var createdEpoch: Int
    @Field(key: "send_after_epoch") var sendAfterEpoch: Int
    @Field(key: "attempts") var attempts: Int
    /// What went wrong last time, as an error kind only: never the address or the body.
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "lease_holder") var leaseHolder: String?
    @OptionalField(key: "leased_until_epoch") var leasedUntilEpoch: Int?
    @OptionalField(key: "sent_epoch") var sentEpoch: Int?

    init() {}

    init(to recipient: String, subject: String, body: String, now: Int) {
        self.recipient = recipient
        self.subject = subject
        self.textBody = body
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
