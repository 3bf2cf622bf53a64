import Fluent
import Foundation
import SQLKit

/// Removes what is no longer needed: ended sessions, used or expired links, old attempt counts,
/// and sent emails (whose bodies hold links and addresses) a day after sending.
enum Housekeeping {
    static func run(on database: any Database, now: Date = Date()) async throws {
        try await AccountSession.query(on: database)
            .group(.or) {
                $0.filter(\.$lastSeenAt < now.addingTimeInterval(-Sessions.idleTimeout(for: .member)))
                    .filter(\.$createdAt < now.addingTimeInterval(-Sessions.absoluteLifetime))
            }
            .delete()
        try await AccountToken.query(on: database).filter(\.$expiresAt < now.addingTimeInterval(-24 * 3600)).delete()
        let epoch = Int(now.timeIntervalSince1970)
        try await OutgoingMail.query(on: database).filter(\.$sentEpoch < epoch - 24 * 3600).delete()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("DELETE FROM rate_limit_hits WHERE window_start < \(bind: epoch - 24 * 3600)").run()
        }
    }
}
