import Fluent
import SQLKit

/// Free first conversations: each practitioner's hours and limits, and the bookings, with the
/// database itself refusing two that overlap. The outbox learns to carry a calendar invitation
/// and to send later (reminders), with a reference so a cancelled call's reminders can go.
struct M015Bookings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("first_call_settings")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("how", .string, .required)
            .field("video_link", .string)
            .field("notice_hours", .int, .required)
            .field("days_ahead", .int, .required)
            .field("buffer_minutes", .int, .required)
            .field("maximum_per_day", .int)
            .field("maximum_per_week", .int)
            .field("confirms_each", .bool, .required)
            .field("weekly_hours", .string, .required)
            .field("time_off", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "practitioner_id")
            .create()
        try await database.schema("bookings")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("enquiry_id", .uuid, .references("enquiries", .id, onDelete: .cascade))
            .field("status", .string, .required)
            .field("is_active", .bool, .required)
            .field("local_start", .string, .required)
            .field("time_zone", .string, .required)
            .field("minutes", .int, .required)
            .field("buffer_minutes", .int, .required)
            .field("blocked_from_epoch", .int64, .required)
            .field("blocked_until_epoch", .int64, .required)
            .field("how", .string, .required)
            .field("hold_key_hash", .string)
            .field("hold_expires_epoch", .int64)
            .field("token_hash", .string)
            .field("sealed_token", .string)
            .field("sequence", .int, .required)
            .field("cancelled_by", .string)
            .field("sealed_cancel_reason", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        // One column per statement: SQLite adds one at a time.
        try await database.schema("mail_outbox").field("sealed_attachments", .string).update()
        try await database.schema("mail_outbox").field("reference", .string).update()
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "bookings") }
        // A free first conversation now lasts 10, 15, 20 or 30 minutes: other lengths move to the
        // nearest (longer ones to 30), so every profile can still be saved.
        try await sql.raw(
            """
            UPDATE practitioners SET free_first_conversation_minutes = CASE \
            WHEN free_first_conversation_minutes <= 12 THEN 10 WHEN free_first_conversation_minutes <= 17 THEN 15 \
            WHEN free_first_conversation_minutes <= 25 THEN 20 ELSE 30 END \
            WHERE free_first_conversation_minutes IS NOT NULL AND free_first_conversation_minutes NOT IN (10, 15, 20, 30)
            """
        ).run()
        try await sql.createIndex("bookings_practitioner_time", on: "bookings", columns: ["practitioner_id", "blocked_from_epoch"])
        try await sql.createIndex("bookings_enquiry", on: "bookings", columns: ["enquiry_id"])
        try await sql.createIndex("mail_outbox_reference", on: "mail_outbox", columns: ["reference"])
        try await Self.refuseOverlaps(database)
    }

    /// No two active bookings (holds included) of one practitioner may overlap, buffer included.
    /// Enforced by the database, never by a check before an insert, so two people choosing one
    /// slot at the same moment can never both get it.
    static func refuseOverlaps(_ database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "bookings") }
        // One active booking per start time, on both databases.
        try await sql.raw(
            "CREATE UNIQUE INDEX bookings_one_per_start ON bookings (practitioner_id, blocked_from_epoch) WHERE is_active"
        ).run()
        switch sql.dialect.name {
        case "postgresql":
            // btree_gist lets one exclusion constraint say "same practitioner, and the time ranges
            // meet". It lives in `public`, made under a lock, because it belongs to the whole
            // database (the tests make one schema each).
            try await database.transaction { transaction in
                guard let locked = transaction as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "bookings") }
                try await locked.raw("SELECT pg_advisory_xact_lock(15015)").run()
                try await locked.raw("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public").run()
            }
            try await sql.raw(
                """
                ALTER TABLE bookings ADD CONSTRAINT bookings_never_overlap EXCLUDE USING gist \
                (practitioner_id WITH =, int8range(blocked_from_epoch, blocked_until_epoch) WITH &&) WHERE (is_active)
                """
            ).run()
        case "sqlite":
            // SQLite has one writer at a time, so a trigger that looks before each write is race-free.
            for event in ["INSERT", "UPDATE"] {
                try await sql.raw(
                    SQLQueryString(
                        """
                        CREATE TRIGGER bookings_never_overlap_\(event.lowercased()) BEFORE \(event) ON bookings \
                        WHEN NEW.is_active BEGIN \
                        SELECT RAISE(ABORT, 'bookings_never_overlap') WHERE EXISTS (SELECT 1 FROM bookings \
                        WHERE practitioner_id = NEW.practitioner_id AND is_active AND id <> NEW.id \
                        AND blocked_from_epoch < NEW.blocked_until_epoch AND NEW.blocked_from_epoch < blocked_until_epoch); END
                        """)
                ).run()
            }
        default:
            throw UnsupportedDatabase(purpose: "refusing overlapping bookings")
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("bookings").delete()
        try await database.schema("first_call_settings").delete()
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "bookings") }
        try await sql.raw("DROP INDEX IF EXISTS mail_outbox_reference").run()
        try await database.schema("mail_outbox").deleteField("reference").update()
        try await database.schema("mail_outbox").deleteField("sealed_attachments").update()
    }
}
