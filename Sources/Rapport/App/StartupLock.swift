import FluentPostgresDriver
import Foundation
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// Serialises start-up work (migrations, loading demo data) across every instance that shares a
/// database, so several instances starting together never migrate or seed twice.
enum StartupLock {
    /// Any fixed number works; this one spells "rap" so it is recognisable in `pg_locks`.
    private static let postgresLockKey = 0x72_61_70

    static func withLock<T: Sendable>(_ app: Application, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        switch app.settings.database {
        case .postgres:
            guard let postgres = app.db(.psql) as? any PostgresDatabase else { return try await work() }
            // A session-level advisory lock lives on one connection, so hold that connection for
            // the whole job while the work itself uses the pool.
            return try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    try await connection.sql().raw("SELECT pg_advisory_lock(\(unsafeRaw: String(postgresLockKey)))").run()
                    do {
                        let result = try await work()
                        try await connection.sql().raw("SELECT pg_advisory_unlock(\(unsafeRaw: String(postgresLockKey)))").run()
                        return result
                    } catch {
                        try? await connection.sql().raw("SELECT pg_advisory_unlock(\(unsafeRaw: String(postgresLockKey)))").run()
                        throw error
                    }
                }
            }.get()
        case .sqliteFile(let path):
            let lockFile = try await FileLock.acquire(path: path + ".startup-lock")
            defer { lockFile.release() }
            return try await work()
        case .sqliteMemory:
            return try await work()
        }
    }
}

/// An advisory `flock` on a file next to the SQLite database, for processes on one machine.
private struct FileLock {
    let descriptor: Int32

    /// Waits for the lock without holding a thread: a blocking `flock` on the shared thread pool
    /// (two threads on two cores) once left SQLite's queries for the lock's holder with nowhere
    /// to run, and both sides waited for ever.
    static func acquire(path: String) async throws -> FileLock {
        let descriptor = open(path, O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else { throw Abort(.internalServerError, reason: "Cannot open lock file \(path)") }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(descriptor)
                throw Abort(.internalServerError, reason: "Cannot lock \(path)")
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return FileLock(descriptor: descriptor)
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
