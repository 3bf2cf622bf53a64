import Fluent
import Foundation

/// Removes sent mail a day after sending (its address and body were blanked when it went) and
/// mail that failed for good a week after its last try: a scheduled job.
enum OutboxCleanup {
    static func run(on database: any Database, now: Date = Date()) async throws {
        let epoch = Int(now.timeIntervalSince1970)
        try await OutgoingMail.query(on: database).filter(\.$sentEpoch < epoch - 24 * 3600).delete()
        try await OutgoingMail.query(on: database).filter(\.$sentEpoch == nil).filter(\.$attempts >= MailJob.maximumAttempts)
            .filter(\.$sendAfterEpoch < epoch - 7 * 24 * 3600).delete()
    }
}
