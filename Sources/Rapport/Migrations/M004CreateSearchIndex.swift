import Foundation
import FluentKit
import SQLKit

/// Added a database word index for search (FTS5 on SQLite, a `tsvector` on PostgreSQL). Search
/// has since moved to an in-memory catalogue and M007 removes the word index again; the SQL stays
/// here, as it shipped, so that migrating a fresh database retraces the same history.
struct M004CreateSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await Self.createWordIndex(on: sql)
        try await sql.createIndex("practitioners_fee", on: "practitioners", columns: ["fee_min_pence"])
        try await sql.createIndex("practitioners_confirmed", on: "practitioners", columns: ["availability_confirmed_on"])
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "practitioners_fee").run()
        try await sql.drop(index: "practitioners_confirmed").run()
        try await Self.dropWordIndex(on: sql)
    }

    static func createWordIndex(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE TABLE practitioner_search_documents (practitioner_id UUID PRIMARY KEY \
                REFERENCES practitioners (id) ON DELETE CASCADE, document TSVECTOR NOT NULL)
                """
            ).run()
            try await sql.raw("CREATE INDEX practitioner_search_documents_words ON practitioner_search_documents USING GIN (document)").run()
        } else {
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE practitioner_search USING fts5(practitioner_id UNINDEXED, name, headline, about, \
                topics, approaches, tokenize = 'porter unicode61 remove_diacritics 2')
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER practitioner_search_forget AFTER DELETE ON practitioners \
                BEGIN DELETE FROM practitioner_search WHERE practitioner_id = old.id; END
                """
            ).run()
        }
    }

    static func dropWordIndex(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TABLE IF EXISTS practitioner_search_documents").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS practitioner_search_forget").run()
            try await sql.raw("DROP TABLE IF EXISTS practitioner_search").run()
        }
    }
}
