import Fluent
import SQLKit
import Vapor

/// `rapport rotate-data-key`: re-seals every encrypted value under the current key, in batches,
/// so older keys can then be removed. Set the new key as `RAPPORT_DATA_KEY` (or the first line
/// of the key file) and keep the old one in `RAPPORT_DATA_KEY_PREVIOUS` (or the file's later
/// lines) while it runs. Safe to stop and run again: each row is done in its own update.
struct RotateDataKeyCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Re-encrypts every encrypted column under the current data key, so older keys can be removed." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await DatabasePreparation.prepare(app, migrate: true, demoCountIfEmpty: nil)
        let counts = try await DataKeyRotation.rotate(app.db, keys: app.dataKeys)
        for column in EncryptedColumn.all {
            context.console.print("\(column.table).\(column.column): \(counts[column] ?? 0) re-encrypted")
        }
        context.console.print("Every encrypted value is now under data key \(app.dataKeys.current.id); older keys can be removed.")
    }
}

enum DataKeyRotation {
    static let batchSize = 500

    /// Re-seals, column by column, every value not already under the current key; returns how
    /// many values each column had to change. A value that no configured key opens stops the
    /// rotation with an error, before anything is lost.
    static func rotate(_ database: any Database, keys: DataKeyRing) async throws -> [EncryptedColumn: Int] {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "rotating the data key") }
        var counts: [EncryptedColumn: Int] = [:]
        for column in EncryptedColumn.all {
            var changed = 0
            while true {
                let rows = try await sql.select().column(SQLIdentifier(column.idColumn), as: "id").column(SQLIdentifier(column.column), as: "value")
                    .from(column.table)
                    .where(SQLIdentifier(column.column), .isNot, SQLLiteral.null)
                    .where(SQLIdentifier(column.column), .notEqual, SQLBind(""))
                    .where(SQLIdentifier(column.column), .notLike, SQLBind("\(DataKeyRing.prefix).\(keys.current.id).%"))
                    .limit(batchSize).all()
                if rows.isEmpty { break }
                let lookups = EncryptedColumn.lookups.filter { $0.column == column }
                for row in rows {
                    let plain = try keys.open(try row.decode(column: "value", as: String.self), for: column)
                    let update = sql.update(column.table).set(SQLIdentifier(column.column), to: SQLBind(try keys.seal(plain, for: column)))
                    // A keyed hash beside it derives from the key too: computed again with it.
                    for lookup in lookups {
                        _ = update.set(SQLIdentifier(lookup.hashColumn), to: SQLBind(keys.lookupHash(plain, purpose: lookup.purpose)))
                    }
                    try await update.where(SQLIdentifier(column.idColumn), .equal, try row.decode(column: "id", as: UUID.self)).run()
                    changed += 1
                }
            }
            counts[column] = changed
        }
        return counts
    }
}
