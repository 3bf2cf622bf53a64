import Fluent
import Foundation
import SQLKit

struct M006CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .id()
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("email_confirmed_at", .datetime)
            .field("totp_secret", .string)
            .field("totp_enabled_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema("account_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references("accounts", .id, onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("awaiting_second_step", .bool, .required)
            .field("device", .string, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema("account_tokens")
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references("accounts", .id, onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("new_email", .string)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema("account_recovery_codes")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .create()
        try await database.schema("rate_limit_hits")
            .field("bucket", .string, .required)
            .field("window_start", .int64, .required)
            .field("hits", .int, .required)
            .unique(on: "bucket", "window_start")
            .create()
        // Secrets every instance must share (the CSRF key), made once here.
        try await database.schema("site_secrets")
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.createIndex("account_sessions_owner", on: "account_sessions", columns: ["account_id"])
            let secret = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            try await sql.insert(into: "site_secrets").columns("name", "value").values(SQLBind("csrf"), SQLBind(secret)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in ["site_secrets", "rate_limit_hits", "account_recovery_codes", "account_tokens", "account_sessions", "accounts"] {
            try await database.schema(schema).delete()
        }
    }
}
