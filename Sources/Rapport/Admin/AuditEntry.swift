import Fluent
import Foundation
import Vapor

/// One admin action, kept for good. There is deliberately no way to change or remove an entry:
/// the app has no update or delete path, and the database refuses both (see M008).
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "admin_audit_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "admin_account_id") var adminAccountID: UUID
    /// Kept as written at the time, so the log still reads if the admin's account goes.
    @Field(key: "admin_email") var adminEmail: String
    @Field(key: "action") var action: String
    @OptionalField(key: "practitioner_id") var practitionerID: UUID?
    @Field(key: "detail") var detail: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// Writes an entry in the caller's transaction, so the action and its record stand or fall
    /// together.
    static func record(_ action: String, by admin: Account, practitioner: UUID?, detail: String, on database: any Database) async throws {
        let entry = AuditEntry()
        entry.adminAccountID = try admin.requireID()
        entry.adminEmail = admin.email
        entry.action = action
        entry.practitionerID = practitioner
        entry.detail = detail
        entry.createdAt = Date()
        try await entry.create(on: database)
    }
}
