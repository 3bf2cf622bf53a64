import Fluent
import Foundation
import PostgresKit
import SQLKit

/// Runs the catalogue loader's queries and gives their rows back to be read by column position.
///
/// On PostgreSQL the rows are read with PostgresNIO and each cell decoded directly: PostgresKit's
/// by-name decoding builds a coding path and makes several dynamic casts per cell, and at about a
/// microsecond a cell it was a quarter of a cold build. SQLite rows are read through SQLKit.
/// Either way the query is the same `SQLQueryString`.
enum CatalogueRows {
    struct Row: Sendable {
        fileprivate enum Storage: Sendable {
            case postgres(PostgresRandomAccessRow)
            case sql(any SQLRow)
        }

        fileprivate let storage: Storage
        /// The query's column names, in order (SQLite reads by name).
        fileprivate let names: [String]

        /// The value in the `column`th column (from 0).
        func decode<Value: Decodable & PostgresDecodable>(_ column: Int, as _: Value.Type = Value.self) throws -> Value {
            switch storage {
            case .postgres(let row): try row[column].decode(Value.self, context: .default)
            case .sql(let row): try row.decode(column: names[column], as: Value.self)
            }
        }
    }

    /// `SELECT` these columns `FROM …` (`rest`).
    static func select(_ columns: [String], _ rest: SQLQueryString, on sql: any SQLDatabase) async throws -> [Row] {
        try await select(columns.map { (expression: "\(ident: $0)", name: $0) }, rest, on: sql)
    }

    /// `SELECT` each expression `AS` its name, `FROM …` (`rest`).
    static func select(_ columns: [(expression: SQLQueryString, name: String)], _ rest: SQLQueryString, on sql: any SQLDatabase) async throws -> [Row] {
        let list = columns.map { "\($0.expression) AS \(ident: $0.name)" as SQLQueryString }.joined(separator: ", ")
        let query: SQLQueryString = "SELECT \(list) \(rest)"
        let names = columns.map(\.name)
        guard sql.dialect.name == "postgresql", let postgres = sql as? any PostgresDatabase else {
            return try await sql.raw(query).all().map { Row(storage: .sql($0), names: names) }
        }
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        for bind in serializer.binds {
            switch bind {
            case let uuid as UUID: bindings.append(uuid)
            case let text as String: bindings.append(text)
            case let number as Int: bindings.append(number)
            default: throw SearchCatalogue.CatalogueError.unreadable("a bind of type \(type(of: bind))")
            }
        }
        let statement = PostgresQuery(unsafeSQL: serializer.sql, binds: bindings)
        let logger = sql.logger
        // Collected on the event loop as they arrive: the async row sequence costs a task switch
        // per row, a fifth of a cold build.
        let rows = try await postgres.withConnection { connection in
            connection.query(statement, logger: logger).map(\.rows)
        }.get()
        return rows.map { Row(storage: .postgres($0.makeRandomAccess()), names: names) }
    }
}
