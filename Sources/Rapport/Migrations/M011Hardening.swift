import Foundation
import Fluent
import SQLKit

/// What the security review asked for: the last accepted two-step step (no code works twice),
/// a verified practitioner's new name waiting for review, and authenticator secrets sealed with
/// the data key instead of stored as plain base32.
struct M011Hardening: AsyncMigration {
    /// Read when the migration runs, not when it is registered: a rotation may come in between.
    let dataKeys: @Sendable () -> DataKeyRing

    func prepare(on database: any Database) async throws {
        try await database.schema("accounts").field("totp_last_step", .int64).update()
        try await database.schema("practitioners").field("pending_display_name", .string).update()
        try await rewriteTOTPSecrets(on: database) { try dataKeys().seal($0, for: .totpSecret) }
    }

    func revert(on database: any Database) async throws {
        try await rewriteTOTPSecrets(on: database) { try dataKeys().open($0, for: .totpSecret) }
        try await database.schema("practitioners").deleteField("pending_display_name").update()
        try await database.schema("accounts").deleteField("totp_last_step").update()
    }

    private func rewriteTOTPSecrets(on database: any Database, _ transform: (String) throws -> String) async throws {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "sealing authenticator secrets") }
        struct Row: Decodable {
            let id: UUID
            let totp_secret: String
        }
        let rows = try await sql.select().column("id").column("totp_secret").from("accounts")
            .where("totp_secret", .isNot, SQLLiteral.null).all(decoding: Row.self)
        for row in rows {
            try await sql.update("accounts").set("totp_secret", to: try transform(row.totp_secret))
                .where("id", .equal, row.id).run()
        }
    }
}
