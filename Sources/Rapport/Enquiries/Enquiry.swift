import Fluent
import Foundation

/// What one person sent: their message and contact details, kept once however many
/// practitioners (up to three) it went to. Everything they wrote is sealed with the data key;
/// their address is found again only by a keyed hash. They reach it through a private link
/// whose token is stored only as a hash.
final class EnquiryRequest: Model, @unchecked Sendable {
    static let schema = "enquiry_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    /// The private link's token itself, sealed: only so a reply's email can carry the link again.
    @Field(key: "sealed_token") var sealedToken: String
    @Field(key: "sealed_name") var sealedName: String
    @Field(key: "sealed_email") var sealedEmail: String
    @OptionalField(key: "sealed_phone") var sealedPhone: String?
    @Field(key: "email_lookup") var emailLookup: String
    @Field(key: "contact_preference") var contactPreference: String
    @Field(key: "sealed_message") var sealedMessage: String
    /// The topics chosen, comma-separated slugs, sealed: what someone needs help with is health data.
    @Field(key: "sealed_topics") var sealedTopics: String
    @OptionalField(key: "format") var format: String?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "sealed_times") var sealedTimes: String?
    @Field(key: "has_crisis_words") var hasCrisisWords: Bool
    /// A keyed hash of the message's words, to spot the same text sent to many practitioners.
    @Field(key: "message_fingerprint") var messageFingerprint: String
    @Field(key: "copy_count") var copyCount: Int
    @Field(key: "consent_at") var consentAt: Date
    @Field(key: "privacy_notice_version") var privacyNoticeVersion: String
    /// From the form, so a double click or the back button makes one enquiry.
    @Field(key: "idempotency_key") var idempotencyKey: String
    @Field(key: "created_at") var createdAt: Date
    /// Retention counts from here: the last message either way.
    @Field(key: "last_activity_at") var lastActivityAt: Date

    @Children(for: \.$request) var copies: [Enquiry]

    init() {}
}

/// One practitioner's copy of an enquiry: its own conversation, status and reminders.
final class Enquiry: Model, @unchecked Sendable {
    static let schema = "enquiries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "request_id") var request: EnquiryRequest
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "opened_at") var openedAt: Date?
    /// When the practitioner last replied (in Rapport, or said they replied by phone or email).
    @OptionalField(key: "replied_at") var repliedAt: Date?
    @OptionalField(key: "first_replied_at") var firstRepliedAt: Date?
    /// When the sender last wrote (the enquiry itself, then any answer to a reply).
    @Field(key: "sender_wrote_at") var senderWroteAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// When the practitioner replied that they have no space: the sender is offered others.
    @OptionalField(key: "declined_at") var declinedAt: Date?
    /// How many "no reply yet" reminders the practitioner has had (at 2 and 5 days).
    @Field(key: "reminders_sent") var remindersSent: Int
    /// When the sender was told, at 7 days with no reply, and offered others.
    @OptionalField(key: "sender_told_at") var senderToldAt: Date?
    @OptionalField(key: "reported_at") var reportedAt: Date?
    @OptionalField(key: "sealed_report_reason") var sealedReportReason: String?
    @OptionalField(key: "report_resolved_at") var reportResolvedAt: Date?

    @Children(for: \.$enquiry) var messages: [EnquiryMessage]

    init() {}

    enum Status: String, Encodable, CaseIterable, Sendable {
        case new, awaitingReply = "awaiting-reply", replied, closed
    }

    var status: Status {
        if closedAt != nil { return .closed }
        if openedAt == nil { return .new }
        if let repliedAt, repliedAt >= senderWroteAt { return .replied }
        return .awaitingReply
    }
}

/// A reply in one copy's conversation, from either side. Sealed.
final class EnquiryMessage: Model, @unchecked Sendable {
    static let schema = "enquiry_messages"

    enum Author: String, Codable, Sendable { case sender, practitioner }

    @ID(key: .id) var id: UUID?
    @Parent(key: "enquiry_id") var enquiry: Enquiry
    @Field(key: "author") var author: Author
    @Field(key: "sealed_body") var sealedBody: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// Who opened an enquiry, and when: every time its practitioner reads it, and the only times
/// an admin may (after the practitioner reported it as abusive).
final class EnquiryAccess: Model, @unchecked Sendable {
    static let schema = "enquiry_access_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "enquiry_id") var enquiryID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "role") var role: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    static func record(_ enquiryID: UUID, by account: Account, on database: any Database) async throws {
        let entry = EnquiryAccess()
        entry.enquiryID = enquiryID
        entry.accountID = try account.requireID()
        entry.role = account.role.rawValue
        entry.createdAt = Date()
        try await entry.create(on: database)
    }
}

extension EncryptedColumn {
    static let enquiryToken = EncryptedColumn(table: "enquiry_requests", column: "sealed_token", idColumn: "id")
    static let enquiryName = EncryptedColumn(table: "enquiry_requests", column: "sealed_name", idColumn: "id")
    static let enquiryEmail = EncryptedColumn(table: "enquiry_requests", column: "sealed_email", idColumn: "id")
    static let enquiryPhone = EncryptedColumn(table: "enquiry_requests", column: "sealed_phone", idColumn: "id")
    static let enquiryMessage = EncryptedColumn(table: "enquiry_requests", column: "sealed_message", idColumn: "id")
    static let enquiryTopics = EncryptedColumn(table: "enquiry_requests", column: "sealed_topics", idColumn: "id")
    static let enquiryTimes = EncryptedColumn(table: "enquiry_requests", column: "sealed_times", idColumn: "id")
    static let enquiryReply = EncryptedColumn(table: "enquiry_messages", column: "sealed_body", idColumn: "id")
    static let enquiryReport = EncryptedColumn(table: "enquiries", column: "sealed_report_reason", idColumn: "id")
}
