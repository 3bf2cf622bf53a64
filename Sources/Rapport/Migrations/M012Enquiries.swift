import Fluent
import SQLKit

/// Enquiries: what a person sent (sealed), each practitioner's copy with its conversation, and
/// the log of who opened one. Practitioners gain the "not taking enquiries right now" mark.
struct M012Enquiries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("enquiry_requests")
            .id()
            .field("token_hash", .string, .required)
            .field("sealed_token", .string, .required)
            .field("sealed_name", .string, .required)
            .field("sealed_email", .string, .required)
            .field("sealed_phone", .string)
            .field("email_lookup", .string, .required)
            .field("contact_preference", .string, .required)
            .field("sealed_message", .string, .required)
            .field("sealed_topics", .string, .required)
            .field("format", .string)
            .field("kind", .string, .required)
            .field("sealed_times", .string)
            .field("has_crisis_words", .bool, .required)
            .field("message_fingerprint", .string, .required)
            .field("copy_count", .int, .required)
            .field("consent_at", .datetime, .required)
            .field("privacy_notice_version", .string, .required)
            .field("idempotency_key", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_activity_at", .datetime, .required)
            .unique(on: "token_hash")
            .unique(on: "idempotency_key")
            .create()
        try await database.schema("enquiries")
            .id()
            .field("request_id", .uuid, .required, .references("enquiry_requests", .id, onDelete: .cascade))
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("opened_at", .datetime)
            .field("replied_at", .datetime)
            .field("first_replied_at", .datetime)
            .field("sender_wrote_at", .datetime, .required)
            .field("closed_at", .datetime)
            .field("declined_at", .datetime)
            .field("reminders_sent", .int, .required)
            .field("sender_told_at", .datetime)
            .field("reported_at", .datetime)
            .field("sealed_report_reason", .string)
            .field("report_resolved_at", .datetime)
            .create()
        try await database.schema("enquiry_messages")
            .id()
            .field("enquiry_id", .uuid, .required, .references("enquiries", .id, onDelete: .cascade))
            .field("author", .string, .required)
            .field("sealed_body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // No foreign key: the record of who looked outlives the enquiry, until retention ends it.
        try await database.schema("enquiry_access_log")
            .id()
            .field("enquiry_id", .uuid, .required)
            .field("account_id", .uuid, .required)
            .field("role", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("practitioners").field("enquiries_paused_at", .datetime).update()
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "enquiries") }
        try await sql.createIndex("enquiry_requests_sender", on: "enquiry_requests", columns: ["email_lookup", "created_at"])
        try await sql.createIndex("enquiry_requests_fingerprint", on: "enquiry_requests", columns: ["message_fingerprint", "created_at"])
        try await sql.createIndex("enquiry_requests_activity", on: "enquiry_requests", columns: ["last_activity_at"])
        try await sql.createIndex("enquiries_inbox", on: "enquiries", columns: ["practitioner_id", "created_at"])
        try await sql.createIndex("enquiries_request", on: "enquiries", columns: ["request_id"])
        try await sql.createIndex("enquiry_messages_thread", on: "enquiry_messages", columns: ["enquiry_id", "created_at"])
        try await sql.createIndex("enquiry_access_log_time", on: "enquiry_access_log", columns: ["created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practitioners").deleteField("enquiries_paused_at").update()
        for table in ["enquiry_access_log", "enquiry_messages", "enquiries", "enquiry_requests"] {
            try await database.schema(table).delete()
        }
    }
}
