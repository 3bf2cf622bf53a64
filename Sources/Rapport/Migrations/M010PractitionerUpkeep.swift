import Fluent
import SQLKit

/// Credential changes that wait for an admin, the availability reminder, and the daily count of
/// profile views (a number per day, nothing about who looked).
struct M010PractitionerUpkeep: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per ALTER TABLE.
        let columns: [(String, DatabaseSchema.DataType)] = [
            ("pending_professional_body", .string), ("pending_registration_number", .string), ("pending_qualifications", .string),
            ("credentials_change_sent_at", .datetime), ("availability_reminded_on", .string),
        ]
        for (name, type) in columns {
            try await database.schema("practitioners").field(.string(name), type).update()
        }
        try await database.schema("profile_view_days")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("day", .string, .required)
            .field("views", .int, .required)
            .unique(on: "practitioner_id", "day")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("profile_view_days").delete()
        for field in ["pending_professional_body", "pending_registration_number", "pending_qualifications", "credentials_change_sent_at", "availability_reminded_on"] {
            try await database.schema("practitioners").deleteField(.string(field)).update()
        }
    }
}
