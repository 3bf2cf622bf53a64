import Fluent
import Foundation

/// Removes ended sessions and emailed links a day after they expired: a scheduled job.
enum AccountCleanup {
    static func run(on database: any Database, now: Date = Date()) async throws {
        try await AccountSession.query(on: database)
            .group(.or) {
                $0.filter(\.$lastSeenAt < now.addingTimeInterval(-Sessions.idleTimeout(for: .member)))
                    .filter(\.$createdAt < now.addingTimeInterval(-Sessions.absoluteLifetime))
            }
            .delete()
        try await AccountToken.query(on: database).filter(\.$expiresAt < now.addingTimeInterval(-24 * 3600)).delete()
    }
}
