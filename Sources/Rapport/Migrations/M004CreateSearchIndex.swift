import Foundation
import FluentKit
import SQLKit

/// Adds the word index for search, filled from the practitioners already there.
struct M004CreateSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let dialect = SearchDialect(sql)
        try await dialect.createIndex(on: sql)
        try await dialect.refresh(nil, on: sql)
        // Ranking sorts by these; the topic, approach and language filters use the unique
        // indexes of M002, and distance uses the latitude index.
        try await sql.createIndex("practitioners_fee", on: Practitioner.schema, columns: ["fee_min_pence"])
        try await sql.createIndex("practitioners_confirmed", on: Practitioner.schema, columns: ["availability_confirmed_on"])
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "practitioners_fee").run()
        try await sql.drop(index: "practitioners_confirmed").run()
        try await SearchDialect(sql).dropIndex(on: sql)
    }
}
