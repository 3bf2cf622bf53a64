import Fluent
import SQLKit

/// What joining and reviewing practitioners needs: uploaded credential documents (kept in the
/// database so every app instance can serve them), reports from the public, and the admin
/// audit log, which the database itself refuses to change once written.
struct M008PractitionerReview: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("credential_documents")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int, .required)
            .field("bytes", .data, .required)
            .field("uploaded_at", .datetime, .required)
            .create()

        try await database.schema("profile_reports")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("reason", .string, .required)
            .field("details", .string, .required)
            .field("created_at", .datetime, .required)
            .field("resolved_at", .datetime)
            .field("resolved_by", .uuid)
            .create()

        try await database.schema("admin_audit_log")
            .id()
            .field("admin_account_id", .uuid, .required)
            .field("admin_email", .string, .required)
            .field("action", .string, .required)
            .field("practitioner_id", .uuid)
            .field("detail", .string, .required)
            .field("created_at", .datetime, .required)
            .create()

        // Submitted profiles wait in the queue oldest first.
        try await database.schema("practitioners").field("submitted_at", .datetime).update()

        guard let sql = database as? any SQLDatabase else { return }
        try await sql.createIndex("credential_documents_owner", on: "credential_documents", columns: ["practitioner_id"])
        try await sql.createIndex("profile_reports_open", on: "profile_reports", columns: ["resolved_at", "created_at"])
        try await sql.createIndex("admin_audit_log_time", on: "admin_audit_log", columns: ["created_at"])
        try await sql.createIndex("practitioners_owner", on: "practitioners", columns: ["account_id"])
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE FUNCTION admin_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS \
                $$ BEGIN RAISE EXCEPTION 'the admin audit log cannot be changed'; END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER admin_audit_log_append_only BEFORE UPDATE OR DELETE ON admin_audit_log \
                FOR EACH ROW EXECUTE FUNCTION admin_audit_log_is_append_only()
                """
            ).run()
        } else {
            for event in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER admin_audit_log_no_\(unsafeRaw: event.lowercased()) BEFORE \(unsafeRaw: event) ON admin_audit_log \
                    BEGIN SELECT RAISE(ABORT, 'the admin audit log cannot be changed'); END
                    """
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "practitioners_owner").run()
            if sql.dialect.name == "postgresql" {
                try await sql.raw("DROP TABLE admin_audit_log").run()
                try await sql.raw("DROP FUNCTION admin_audit_log_is_append_only()").run()
            } else {
                try await sql.raw("DROP TABLE admin_audit_log").run()
            }
        }
        try await database.schema("practitioners").deleteField("submitted_at").update()
        try await database.schema("profile_reports").delete()
        try await database.schema("credential_documents").delete()
    }
}
