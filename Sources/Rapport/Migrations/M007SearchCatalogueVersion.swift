import FluentKit
import SQLKit

/// Search now runs over an in-memory catalogue in each app instance (see `SearchCatalogue`).
/// This replaces the database word index with the one row those instances watch to know when
/// to rebuild.
struct M007SearchCatalogueVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await M004CreateSearchIndex.dropWordIndex(on: sql)
        try await sql.raw("CREATE TABLE \(ident: "search_catalogue_version") (id INTEGER PRIMARY KEY, generation BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO \(ident: "search_catalogue_version") (id, generation) VALUES (1, 0)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE \(ident: "search_catalogue_version")").run()
        // The word index comes back empty: nothing at this version reads it.
        try await M004CreateSearchIndex.createWordIndex(on: sql)
    }
}
