import Fluent
import Foundation
import SQLKit

/// `search_changes`, the log the database's own triggers write (migration 17): which
/// practitioners changed, in commit order on SQLite and in insert order on PostgreSQL. Instances
/// read it past the last number they applied.
enum SearchChangeLog {
    struct Change: Sendable, Equatable {
        let seq: Int64
        /// Nil: a topic or approach changed, so everything is read again.
        let practitionerID: UUID?
    }

    /// How many rows one read takes at most; a reader that gets this many reads again.
    static let pageSize = 10_000

    /// Rows are kept this long, so an instance that pauses briefly still finds what it missed.
    static let keptFor: TimeInterval = 15 * 60

    /// The newest number given out (0 before the first change). The newest row is never trimmed.
    static func latest(on database: any Database) async throws -> Int64 {
        try await sql(database).raw("SELECT MAX(seq) AS latest FROM search_changes").first()?
            .decode(column: "latest", as: Int64?.self) ?? 0
    }

    /// The oldest number still in the log: an instance that applied less than the one before it
    /// missed changes that were trimmed, and must rebuild.
    static func oldestKept(on database: any Database) async throws -> Int64? {
        try await sql(database).raw("SELECT MIN(seq) AS oldest FROM search_changes").first()?
            .decode(column: "oldest", as: Int64?.self)
    }

    /// Changes after `seq`, and any of `gaps` (numbers skipped earlier, perhaps by a transaction
    /// still open then), oldest first.
    static func changes(after seq: Int64, orAmong gaps: [Int64] = [], limit: Int = pageSize, on database: any Database) async throws -> [Change] {
        let alsoGaps: SQLQueryString = gaps.isEmpty ? "" : " OR seq IN (\(binds: gaps))"
        return try await sql(database).raw(
            "SELECT seq, practitioner_id FROM search_changes WHERE seq > \(bind: seq)\(alsoGaps) ORDER BY seq LIMIT \(unsafeRaw: String(limit))"
        ).all().map { Change(seq: try $0.decode(column: "seq", as: Int64.self), practitionerID: try $0.decode(column: "practitioner_id", as: UUID?.self)) }
    }

    /// Deletes rows older than `keptFor`, always keeping the newest, so `latest` stays true.
    /// In chunks of `trimChunk`, each its own statement: a large seed leaves millions of rows,
    /// and one statement deleting them all would hold SQLite's write lock for many seconds.
    @discardableResult
    static func trim(now: Date, on database: any Database, maxChunks: Int = 50) async throws -> Int {
        let sql = try sql(database)
        let before = now.addingTimeInterval(-keptFor)
        let older: SQLQueryString = sql.dialect.name == "postgresql" ? "changed_at < \(bind: before)" : "changed_at < \(bind: before.timeIntervalSince1970)"
        var deleted = 0
        for _ in 0..<maxChunks {
            let rows = try await sql.raw(
                """
                DELETE FROM search_changes WHERE seq IN (SELECT seq FROM search_changes WHERE \(older) \
                AND seq < (SELECT MAX(seq) FROM search_changes) ORDER BY seq LIMIT \(unsafeRaw: String(trimChunk))) RETURNING seq
                """
            ).all()
            deleted += rows.count
            if rows.count < trimChunk { break }
        }
        return deleted
    }

    static let trimChunk = 10_000

    /// A number skipped in the log is rechecked this long: on PostgreSQL it may belong to a
    /// transaction that had not committed yet when the numbers after it were read (an
    /// operator's long transaction too). Less than `keptFor`, so its row is still there.
    static let gapsRecheckedFor: Duration = .seconds(10 * 60)
    /// More skipped numbers than this (a bulk change still open while others commit) are not
    /// tracked one by one: the reader asks for a rebuild instead.
    static let maxGaps = 1_000

    /// Numbers skipped so far, and when each was first missed.
    typealias Gaps = [Int64: ContinuousClock.Instant]

    struct Read {
        var practitioners = Set<UUID>()
        /// A topic or approach changed: every listing shows their names.
        var everything = false
        /// The log was trimmed past what this instance applied, or too many numbers were skipped
        /// to follow one by one: only a rebuild can catch up.
        var fellBehind = false
        var newest: Int64 = 0
    }

    /// Everything in the log past `applied`, and any numbers skipped earlier that have appeared.
    static func read(after applied: Int64, gaps: inout Gaps, on database: any Database) async throws -> Read {
        var read = Read(newest: applied)
        var position = applied
        var recheck = Array(gaps.keys)
        while true {
            let changes = try await changes(after: position, orAmong: recheck, on: database)
            recheck = []
            for change in changes {
                if let id = change.practitionerID { read.practitioners.insert(id) } else { read.everything = true }
                gaps.removeValue(forKey: change.seq)
            }
            let newer = changes.map(\.seq).filter { $0 > position }
            if let first = newer.first, first > applied + 1, position == applied,
                let oldest = try await oldestKept(on: database), oldest > applied + 1
            {
                read.fellBehind = true
            }
            var expected = position + 1
            for seq in newer {
                while !read.fellBehind && expected < seq {
                    gaps[expected] = .now
                    expected += 1
                    if gaps.count > maxGaps {
                        read.fellBehind = true
                        gaps = [:]
                    }
                }
                expected = seq + 1
            }
            position = newer.last ?? position
            read.newest = position
            if changes.count < pageSize { break }
        }
        let forgetBefore = ContinuousClock.now - gapsRecheckedFor
        gaps = gaps.filter { $0.value >= forgetBefore }
        return read
    }

    private static func sql(_ database: any Database) throws -> any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "search") }
        return sql
    }
}
