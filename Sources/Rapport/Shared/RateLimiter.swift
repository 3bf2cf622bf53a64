import Fluent
import SQLKit
import Vapor

/// Counts attempts in the database (so every instance counts together) and refuses with a 429
/// page once a limit is passed. Every public form uses it. Counts are kept per fixed window, but
/// judged over a sliding one: this window's count plus the previous window's, weighted by how
/// much of it the last `windowSeconds` still cover. Fixed windows alone forgot everything at
/// each boundary, so twice the limit fitted either side of one.
struct RateLimit: Sendable {
    let name: String
    let limit: Int
    let windowSeconds: Int

    // Logging in counts failures only, per address and per account from that address: a wrong
    // password typed from one place must never lock the owner out from another.
    static let loginFailuresPerAddress = RateLimit(name: "login-ip", limit: 20, windowSeconds: 900)
    static let loginFailuresPerAccountAndAddress = RateLimit(name: "login-account-ip", limit: 8, windowSeconds: 900)
    static let registerPerAddress = RateLimit(name: "register-ip", limit: 10, windowSeconds: 3600)
    static let resetPerAddress = RateLimit(name: "reset-ip", limit: 10, windowSeconds: 3600)
    static let resetPerAccountAndAddress = RateLimit(name: "reset-account-ip", limit: 3, windowSeconds: 3600)
    static let reportPerAddress = RateLimit(name: "report-ip", limit: 10, windowSeconds: 3600)
    static let secondStepPerAccount = RateLimit(name: "second-step", limit: 10, windowSeconds: 900)
    /// Checking a signed-in person's current password (changing their email or password,
    /// deleting the account, granting admin): each check is a bcrypt.
    static let passwordChecksPerAccount = RateLimit(name: "password-check", limit: 10, windowSeconds: 900)
    /// Emails to one address that nobody there asked for (a reset, "someone tried to register",
    /// a confirmation link): beyond this they are quietly not sent.
    static let unaskedMailPerRecipient = RateLimit(name: "mail-recipient", limit: 5, windowSeconds: 3600)
    /// Emails a signed-in account can trigger (resending confirmation, changing address).
    static let accountMailPerAccount = RateLimit(name: "mail-account", limit: 5, windowSeconds: 3600)
    static let uploadsPerAccount = RateLimit(name: "upload", limit: 10, windowSeconds: 3600)
}

struct TooManyAttempts: AbortError {
    var status: HTTPResponseStatus { .tooManyRequests }
    var reason: String {
        "You've tried that a few times in a short while, so we've paused it to keep accounts safe. Please wait a little and try again."
    }
}

extension Request {
    /// Counts one attempt against `limit` for `key` (an address, or an account); throws
    /// `TooManyAttempts` once over. Keys are hashed, so no address or email sits in the table.
    func countAttempt(_ limit: RateLimit, key: String, now: Date = Date(), on database: (any Database)? = nil) async throws {
        guard try await attempts(limit, key: key, adding: 1, now: now, on: database ?? db) <= Double(limit.limit) else {
            SecurityLog.record("rate limit \(limit.name) reached", request: self)
            throw TooManyAttempts()
        }
    }

    /// Throws `TooManyAttempts` if one more attempt would pass the limit, without counting one:
    /// for limits that count only failures, recorded with `countFailure`.
    func refuseIfOverLimit(_ limit: RateLimit, key: String, now: Date = Date()) async throws {
        guard try await attempts(limit, key: key, adding: 0, now: now, on: db) + 1 <= Double(limit.limit) else {
            SecurityLog.record("rate limit \(limit.name) reached", request: self)
            throw TooManyAttempts()
        }
    }

    func countFailure(_ limit: RateLimit, key: String, now: Date = Date()) async throws {
        _ = try await attempts(limit, key: key, adding: 1, now: now, on: db)
    }

    /// Counts one attempt and says whether it is within the limit, for things that should stop
    /// quietly rather than show a 429 (an email that would tell a stranger something).
    func isWithinLimit(_ limit: RateLimit, key: String, now: Date = Date()) async throws -> Bool {
        try await attempts(limit, key: key, adding: 1, now: now, on: db) <= Double(limit.limit)
    }

    /// The sliding-window count for `key`, after adding `adding` to this window.
    private func attempts(_ limit: RateLimit, key: String, adding: Int, now: Date, on database: any Database) async throws -> Double {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "rate limiting") }
        let window = Int(now.timeIntervalSince1970) / limit.windowSeconds * limit.windowSeconds
        let bucket = limit.name + ":" + SecretToken.hash(key.lowercased()).prefix(32)
        let hits: Int
        if adding > 0 {
            hits = try await sql.raw(
                """
                INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES (\(bind: bucket), \(bind: window), \(bind: adding)) \
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + \(bind: adding) RETURNING hits
                """
            ).first()?.decode(column: "hits", as: Int.self) ?? 0
        } else {
            hits = try await sql.raw(
                "SELECT hits FROM rate_limit_hits WHERE bucket = \(bind: bucket) AND window_start = \(bind: window)"
            ).first()?.decode(column: "hits", as: Int.self) ?? 0
        }
        let previousHits = try await sql.raw(
            "SELECT hits FROM rate_limit_hits WHERE bucket = \(bind: bucket) AND window_start = \(bind: window - limit.windowSeconds)"
        ).first()?.decode(column: "hits", as: Int.self) ?? 0
        let previousShare = 1 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: Double(limit.windowSeconds)) / Double(limit.windowSeconds)
        return Double(hits) + Double(previousHits) * previousShare
    }
}

/// Rate-limit keys that combine two things, such as an account and the address it is tried from.
enum RateLimitKey {
    static func pair(_ first: String, _ second: String) -> String { first + "\u{1F}" + second }
}

extension RateLimit {
    /// Forgets counts older than a day (every window is far shorter): a scheduled job.
    static func removeOldCounts(on database: any Database, now: Date = Date()) async throws {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "rate limiting") }
        try await sql.raw("DELETE FROM rate_limit_hits WHERE window_start < \(bind: Int(now.timeIntervalSince1970) - 24 * 3600)").run()
    }
}
