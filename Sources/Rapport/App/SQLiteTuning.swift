import FluentSQLiteDriver
import Vapor

/// Durable, concurrent SQLite: write-ahead logging (readers do not wait for a writer) with
/// `synchronous=FULL`, so a committed enquiry survives a power cut. The sqlite-nio build already
/// defaults to FULL and turns foreign keys on for every connection; WAL is a property of the file,
/// so setting it once is enough.
enum SQLiteTuning {
    static func apply(_ app: Application) async throws {
        guard case .sqliteFile = app.settings.database, let sql = app.db(.sqlite) as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=FULL").run()
    }
}
