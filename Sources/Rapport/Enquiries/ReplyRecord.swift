import Fluent
import Foundation

/// How a practitioner answers enquiries, shown on their profile once there is enough to say
/// anything (3 enquiries in 90 days), and always on their dashboard.
struct ReplyRecord: Encodable, Sendable {
    static let minimumEnquiries = 3
    static let windowDays = 90

    let enquiries: Int
    /// "Usually replies within 2 days": the median time to a first reply, rounded up.
    let usualReplyDays: Int?
    let replyPercent: Int?
    let isShownPublicly: Bool
    /// Received in each of the last 8 weeks, oldest first.
    let perWeek: [Int]

    var usually: String? {
        usualReplyDays.map { $0 <= 1 ? "Usually replies within a day" : "Usually replies within \($0) days" }
    }
    var replies: String? { replyPercent.map { "Replies to \($0)% of enquiries" } }

    enum CodingKeys: String, CodingKey { case enquiries, usually, replies, isShownPublicly, perWeek }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(enquiries, forKey: .enquiries)
        try container.encodeIfPresent(usually, forKey: .usually)
        try container.encodeIfPresent(replies, forKey: .replies)
        try container.encode(isShownPublicly, forKey: .isShownPublicly)
        try container.encode(perWeek, forKey: .perWeek)
    }

    init(created: [Date], firstReplies: [Date?], now: Date = Date()) {
        let since = now.addingTimeInterval(-Double(Self.windowDays) * 86_400)
        let recent = zip(created, firstReplies).filter { $0.0 >= since }
        enquiries = recent.count
        let delays = recent.compactMap { created, replied in replied.map { $0.timeIntervalSince(created) } }.sorted()
        usualReplyDays = delays.isEmpty ? nil : max(1, Int((delays[delays.count / 2] / 86_400).rounded(.up)))
        replyPercent = recent.isEmpty ? nil : Int((Double(delays.count) / Double(recent.count) * 100).rounded())
        isShownPublicly = recent.count >= Self.minimumEnquiries
        perWeek = (0..<8).reversed().map { weeksAgo in
            let end = now.addingTimeInterval(-Double(weeksAgo) * 7 * 86_400)
            let start = end.addingTimeInterval(-7 * 86_400)
            return created.filter { $0 > start && $0 <= end }.count
        }
    }
}

extension EnquiryService {
    func replyRecord(for practitioner: Practitioner, now: Date = Date()) async throws -> ReplyRecord {
        let since = now.addingTimeInterval(-Double(ReplyRecord.windowDays) * 86_400)
        let copies = try await Enquiry.query(on: database).filter(\.$practitioner.$id == practitioner.requireID())
            .filter(\.$createdAt >= since).field(\.$id).field(\.$createdAt).field(\.$firstRepliedAt).all()
        return ReplyRecord(created: copies.map(\.createdAt), firstReplies: copies.map(\.firstRepliedAt), now: now)
    }
}
