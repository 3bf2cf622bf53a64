import Fluent
import SQLKit

/// Practitioners' articles: the draft being written and, beside it, the version readers see.
struct M014Articles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("articles")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("slug", .string, .required)
            .field("status", .string, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("markdown", .string, .required)
            .field("topics", .string, .required)
            .field("approaches", .string, .required)
            .field("includes_invitation", .bool, .required)
            .field("return_note", .string)
            .field("submitted_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("published_title", .string)
            .field("published_summary", .string)
            .field("published_markdown", .string)
            .field("published_topics", .string)
            .field("published_approaches", .string)
            .field("published_invitation", .bool)
            .field("first_published_at", .datetime)
            .field("last_published_at", .datetime)
            .field("unpublished_reason", .string)
            .unique(on: "slug")
            .create()
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "articles") }
        try await sql.createIndex("articles_author", on: "articles", columns: ["practitioner_id", "first_published_at"])
        try await sql.createIndex("articles_published", on: "articles", columns: ["status", "first_published_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("articles").delete()
    }
}
