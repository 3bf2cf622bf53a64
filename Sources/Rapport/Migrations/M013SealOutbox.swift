import Foundation
import Fluent
import SQLKit

/// The outbox's recipients and bodies are sealed with the data key from now on: an enquiry's
/// sender is known by their address, and bodies hold private links. Unsent rows are sealed;
/// sent ones were already blanked or are blanked here.
struct M013SealOutbox: AsyncMigration {
    let dataKeys: @Sendable () -> DataKeyRing

    func prepare(on database: any Database) async throws {
        try await rewrite(on: database) { keys, recipient, body in
            (try keys.seal(recipient, for: .outboxRecipient), try keys.seal(body, for: .outboxBody))
        }
    }

    func revert(on database: any Database) async throws {
        try await rewrite(on: database) { keys, recipient, body in
            (try keys.open(recipient, for: .outboxRecipient), try keys.open(body, for: .outboxBody))
        }
    }

    private func rewrite(on database: any Database, _ transform: (DataKeyRing, String, String) throws -> (String, String)) async throws {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "sealing the outbox") }
        try await sql.update("mail_outbox").set("recipient", to: "").set("text_body", to: "")
            .where("sent_epoch", .isNot, SQLLiteral.null).run()
        struct Row: Decodable {
            let id: UUID
            let recipient: String
            let text_body: String
        }
        let keys = dataKeys()
        let rows = try await sql.select().columns("id", "recipient", "text_body").from("mail_outbox")
            .where("sent_epoch", .is, SQLLiteral.null).all(decoding: Row.self)
        for row in rows {
            let (recipient, body) = try transform(keys, row.recipient, row.text_body)
            try await sql.update("mail_outbox").set("recipient", to: recipient).set("text_body", to: body).where("id", .equal, row.id).run()
        }
    }
}
