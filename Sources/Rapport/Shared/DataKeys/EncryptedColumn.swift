import Foundation

/// A database column whose values are sealed with the data key. Every such column is listed in
/// `all`, which is what `rapport rotate-data-key` walks: a column missing here would keep an
/// old key's values forever.
struct EncryptedColumn: Sendable, Hashable {
    let table: String
    let column: String
    /// The primary key (a UUID in every such table), for updating one row at a time.
    let idColumn: String

    /// Ties a ciphertext to its column, so it cannot be copied into another one.
    var associatedData: Data { Data("\(table).\(column)".utf8) }

    static let totpSecret = EncryptedColumn(table: "accounts", column: "totp_secret", idColumn: "id")

    static let all: [EncryptedColumn] = [
        totpSecret, outboxRecipient, outboxBody, outboxAttachments, enquiryToken, enquiryName, enquiryEmail, enquiryPhone, enquiryMessage, enquiryTopics, enquiryTimes, enquiryReply, enquiryReport, bookingToken, bookingCancelReason, savedGuideAnswers,
    ]

    /// Keyed hashes kept beside a sealed column, to find rows by a value without storing it.
    /// They derive from the current key, so a rotation computes them again.
    struct Lookup: Sendable {
        let column: EncryptedColumn
        let hashColumn: String
        let purpose: String
    }

    static let lookups: [Lookup] = [Lookup(column: enquiryEmail, hashColumn: "email_lookup", purpose: EnquiryLookup.senderPurpose)]
}
