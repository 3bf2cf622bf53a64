import Fluent

struct M009CreateShortlist: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("shortlist_entries")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", .id, onDelete: .cascade))
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("status", .string, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "account_id", "practitioner_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("shortlist_entries").delete()
    }
}
