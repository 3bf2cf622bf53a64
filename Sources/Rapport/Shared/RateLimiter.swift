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

    static let loginPerAddress = RateLimit(name: "login-ip", limit: 20, windowSeconds: 900)
    static let loginPerAccount = RateLimit(name: "login-account", limit: 8, windowSeconds: 900)
    static let registerPerAddress = RateLimit(name: "register-ip", limit: 10, windowSeconds: 3600)
    static let resetPerAddress = RateLimit(name: "reset-ip", limit: 10, windowSeconds: 3600)
    static let resetPerAccount = RateLimit(name: "reset-account", limit: 3, windowSeconds: 3600)
    static let reportPerAddress = RateLimit(name: "report-ip", limit: 10, windowSeconds: 3600)
    static let secondStepPerAccount = RateLimit(name: "second-step", limit: 10, windowSeconds: 900)
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
    func countAttempt(_ limit: RateLimit, key: String, now: Date = Date()) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let window = Int(now.timeIntervalSince1970) / limit.windowSeconds * limit.windowSeconds
        let bucket = limit.name + ":" + SecretToken.hash(key.lowercased()).prefix(32)
        let hits = try await sql.raw(
            """
            INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES (\(bind: bucket), \(bind: window), 1) \
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1 RETURNING hits
            """
        ).first()?.decode(column: "hits", as: Int.self) ?? 0
        let previousHits = try await sql.raw(
            "SELECT hits FROM rate_limit_hits WHERE bucket = \(bind: bucket) AND window_start = \(bind: window - limit.windowSeconds)"
        ).first()?.decode(column: "hits", as: Int.self) ?? 0
        let previousShare = 1 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: Double(limit.windowSeconds)) / Double(limit.windowSeconds)
        if Double(hits) + Double(previousHits) * previousShare > Double(limit.limit) {
            SecurityLog.record("rate limit \(limit.name) reached", request: self)
            throw TooManyAttempts()
        }
    }
}
