import FluentKit
import SQLKit

/// The database itself records every change search must follow: triggers on each table the
/// search loader reads append the practitioner's id to `search_changes`, in the same transaction
/// as the change, whoever made it (the site, a script, an operator's SQL). A NULL id means
/// "everything": a topic or approach was renamed. This replaces the version row of migration 7,
/// which relied on every writer remembering to bump it.
///
/// SQLite's triggers use nothing newer than Debian 12's sqlite3 shell (3.40) understands.
struct M017SearchChanges: AsyncMigration {
    /// The practitioner columns the loader reads; a change to any other (counts, review notes)
    /// does not concern search.
    static let searchedColumns = [
        "slug", "kind", "display_name", "headline", "about", "offers_in_person", "offers_online", "offers_phone",
        "fee_min_pence", "fee_max_pence", "concessions", "free_first_conversation", "gender", "works_with_individuals",
        "works_with_couples", "works_with_families", "works_with_young_people", "accepting_new_clients",
        "availability_confirmed_on", "shuffle_seed", "verification_status", "visibility",
    ]
    static let relatedTables = ["practitioner_locations", "practitioner_languages", "practitioner_topics", "practitioner_approaches"]
    /// The topic and approach columns a listing shows or is searched by.
    static let taxonomyTables = ["topics": "slug, name, summary", "approaches": "slug, name, summary, audience"]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "the search change log") }
        if sql.dialect.name == "postgresql" {
            try await preparePostgres(sql)
        } else {
            try await prepareSQLite(sql)
        }
        try await sql.raw("CREATE INDEX search_changes_by_time ON search_changes (changed_at)").run()
        // The version row of migration 7 is no longer read, but it stays for one release: an
        // instance still running the old code during a rolling deploy bumps it on every save.
    }

    private func prepareSQLite(_ sql: any SQLDatabase) async throws {
        // AUTOINCREMENT: a number is never given out twice, even after the newest rows are trimmed.
        try await sql.raw(
            "CREATE TABLE search_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, practitioner_id BLOB, changed_at REAL NOT NULL)"
        ).run()
        let now = "(strftime('%s', 'now') + 0.0)"
        func trigger(_ name: String, _ event: String, on table: String, ids: [String]) async throws {
            let inserts = ids.map { "INSERT INTO search_changes (practitioner_id, changed_at) VALUES (\($0), \(now));" }.joined(separator: " ")
            try await sql.raw("CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table) BEGIN \(unsafeRaw: inserts) END").run()
        }
        let columns = Self.searchedColumns.joined(separator: ", ")
        try await trigger("search_change_practitioner_insert", "INSERT", on: "practitioners", ids: ["NEW.id"])
        try await trigger("search_change_practitioner_update", "UPDATE OF \(columns)", on: "practitioners", ids: ["NEW.id"])
        try await trigger("search_change_practitioner_delete", "DELETE", on: "practitioners", ids: ["OLD.id"])
        for table in Self.relatedTables {
            try await trigger("search_change_\(table)_insert", "INSERT", on: table, ids: ["NEW.practitioner_id"])
            try await trigger("search_change_\(table)_update", "UPDATE", on: table, ids: ["OLD.practitioner_id", "NEW.practitioner_id"])
            try await trigger("search_change_\(table)_delete", "DELETE", on: table, ids: ["OLD.practitioner_id"])
        }
        for (table, columns) in Self.taxonomyTables {
            try await trigger("search_change_\(table)_insert", "INSERT", on: table, ids: ["NULL"])
            try await trigger("search_change_\(table)_update", "UPDATE OF \(columns)", on: table, ids: ["NULL"])
            try await trigger("search_change_\(table)_delete", "DELETE", on: table, ids: ["NULL"])
        }
    }

    private func preparePostgres(_ sql: any SQLDatabase) async throws {
        try await sql.raw(
            "CREATE TABLE search_changes (seq BIGSERIAL PRIMARY KEY, practitioner_id UUID, changed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp())"
        ).run()
        // One function for every table: TG_ARGV[0] names the column holding the practitioner's
        // id (no argument for the topic and approach tables). `clock_timestamp()`, not `now()`
        // (the transaction's start), so a long transaction's rows are not trimmed as they commit. NOTIFY wakes the other instances; it is
        // sent when the transaction commits, and only once per transaction.
        try await sql.raw(
            """
            CREATE FUNCTION search_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_NARGS = 0 THEN
                    INSERT INTO search_changes (practitioner_id) VALUES (NULL);
                ELSE
                    IF TG_OP <> 'INSERT' THEN
                        INSERT INTO search_changes (practitioner_id) VALUES ((to_jsonb(OLD) ->> TG_ARGV[0])::uuid);
                    END IF;
                    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (to_jsonb(NEW) ->> TG_ARGV[0]) IS DISTINCT FROM (to_jsonb(OLD) ->> TG_ARGV[0])) THEN
                        INSERT INTO search_changes (practitioner_id) VALUES ((to_jsonb(NEW) ->> TG_ARGV[0])::uuid);
                    END IF;
                END IF;
                PERFORM pg_notify('search_changes', '');
                RETURN NULL;
            END $$
            """
        ).run()
        let columns = Self.searchedColumns.joined(separator: ", ")
        func trigger(_ name: String, _ events: String, on table: String, column: String?) async throws {
            // No argument for the topic and approach tables: trigger arguments are always text.
            let argument = column.map { "'\($0)'" } ?? ""
            try await sql.raw(
                "CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: events) ON \(unsafeRaw: table) FOR EACH ROW EXECUTE FUNCTION search_change(\(unsafeRaw: argument))"
            ).run()
        }
        try await trigger("search_change_practitioner_write", "INSERT OR DELETE", on: "practitioners", column: "id")
        try await trigger("search_change_practitioner_update", "UPDATE OF \(columns)", on: "practitioners", column: "id")
        for table in Self.relatedTables {
            try await trigger("search_change_\(table)", "INSERT OR UPDATE OR DELETE", on: table, column: "practitioner_id")
        }
        for (table, columns) in Self.taxonomyTables {
            try await trigger("search_change_\(table)", "INSERT OR UPDATE OF \(columns) OR DELETE", on: table, column: nil)
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE search_changes").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION search_change() CASCADE").run()
        } else {
            let triggers = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_change_%'").all()
            for row in triggers {
                try await sql.raw("DROP TRIGGER \(ident: try row.decode(column: "name", as: String.self))").run()
            }
        }
    }
}
