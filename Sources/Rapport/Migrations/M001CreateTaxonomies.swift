import Fluent

struct M001CreateTaxonomies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("topics")
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("summary", .string, .required)
            .unique(on: "slug")
            .create()
        try await database.schema("approaches")
            .id()
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("summary", .string, .required)
            .field("audience", .string, .required)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("approaches").delete()
        try await database.schema("topics").delete()
    }
}
