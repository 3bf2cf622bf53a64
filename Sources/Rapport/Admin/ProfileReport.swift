import Fluent
import Foundation

/// "Report this profile": a concern from anyone, for admins to look at.
final class ProfileReport: Model, @unchecked Sendable {
    static let schema = "profile_reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    @Field(key: "reason") var reason: String
    @Field(key: "details") var details: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "resolved_by") var resolvedBy: UUID?

    init() {}

    static let reasons: [(value: String, label: String)] = [
        ("inaccurate", "Something on it is wrong or misleading"),
        ("credentials", "I doubt their qualifications or registration"),
        ("conduct", "I am worried about how they treat people"),
        ("offensive", "It contains something offensive"),
        ("other", "Something else"),
    ]
}
