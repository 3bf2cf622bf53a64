import Fluent

/// Answers to "Which approach might suit me?" that a signed-in person chose to keep. The answers
/// are sealed with the data key; the row holds nothing else about them.
struct M016SavedGuides: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("saved_guides")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", .id, onDelete: .cascade))
            .field("sealed_answers", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("saved_guides").delete()
    }
}
