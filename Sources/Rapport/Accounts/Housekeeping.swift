import Fluent
import Foundation
import SQLKit

/// Removes what is no longer needed: ended sessions, used or expired links, old attempt counts,
/// sent emails a day after sending (their bodies and addresses are blanked when sent), emails
/// that failed for good a week after their last try, and daily profile view counts older than
/// the dashboard shows.
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
        try await OutgoingMail.query(on: database).filter(\.$sentEpoch == nil).filter(\.$attempts >= MailJob.maximumAttempts)
            .filter(\.$sendAfterEpoch < epoch - 7 * 24 * 3600).delete()
        let oldestViewDay = LondonCalendar.day(LondonCalendar.today(now: now), addingDays: -7 * ProfileViewDay.keptWeeks)
        try await ProfileViewDay.query(on: database).filter(\.$day < oldestViewDay).delete()
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "housekeeping") }
        try await sql.raw("DELETE FROM rate_limit_hits WHERE window_start < \(bind: epoch - 24 * 3600)").run()
    }
}
