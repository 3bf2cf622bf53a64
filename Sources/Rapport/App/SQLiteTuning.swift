import FluentSQLiteDriver
import Vapor

/// Durable, concurrent SQLite: write-ahead logging (readers do not wait for a writer) with
/// `synchronous=FULL`, so a committed enquiry survives a power cut. The sqlite-nio build already
/// defaults to FULL and turns foreign keys on for every connection; WAL is a property of the file,
/// so setting it once is enough.
///
/// A writer that finds the database locked waits up to `busyTimeoutMilliseconds`, sleeping
/// between tries. sqlite-nio's own busy handler retries at once, for ever, spinning a thread of
/// the pool every query shares, while the writer it waits for may need that thread to finish.
/// Fluent keeps one SQLite connection per event loop, so setting it on each loop's connection
/// at start covers them all.
enum SQLiteTuning {
    static let busyTimeoutMilliseconds = 10_000

    static func apply(_ app: Application) async throws {
        switch app.settings.database {
        case .sqliteFile, .sqliteMemory: break
        case .postgres: return
        }
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let sql = app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
        }
        guard case .sqliteFile = app.settings.database, let sql = app.db(.sqlite) as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=FULL").run()
    }
}
