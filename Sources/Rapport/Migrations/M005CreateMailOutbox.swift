import Fluent
import SQLKit

struct M005CreateMailOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("mail_outbox")
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("created_epoch", .int64, .required)
            .field("send_after_epoch", .int64, .required)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .field("lease_holder", .string)
            .field("leased_until_epoch", .int64)
            .field("sent_epoch", .int64)
            .create()
        try await database.schema("job_leases")
            .field("name", .string, .identifier(auto: false))
            .field("holder", .string, .required)
            .field("leased_until_epoch", .int64, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.createIndex("mail_outbox_due", on: "mail_outbox", columns: ["sent_epoch", "send_after_epoch"])
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("job_leases").delete()
        try await database.schema("mail_outbox").delete()
    }
}
