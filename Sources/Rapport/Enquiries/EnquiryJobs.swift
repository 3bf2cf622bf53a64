import Fluent
import Vapor

/// Making sure every enquiry gets a reply, and that none is kept longer than needed: scheduled
/// jobs, run under the jobs lease, each given the time so tests can move the clock.
enum EnquiryJobs {
    /// Days without a reply after which the practitioner is reminded.
    static let reminderDays = [2, 5]
    static let batchSize = 200

    /// Reminds practitioners at 2 and 5 days, tells senders kindly at 7 and offers others, and
    /// marks as "not taking enquiries right now" anyone with 3 enquiries unanswered at 7 days.
    static func keepPromises(_ app: Application, on database: any Database, now: Date = Date()) async throws {
        let service = EnquiryService(app: app, database: database)
        let waiting = try await Enquiry.query(on: database).filter(\.$firstRepliedAt == nil).filter(\.$closedAt == nil)
            .filter(\.$createdAt < now.addingTimeInterval(-Double(reminderDays[0]) * 86_400))
            .with(\.$practitioner).with(\.$request).limit(batchSize * 5).all()
        var overdue: [UUID: Int] = [:]
        for copy in waiting {
            let days = Int(now.timeIntervalSince(copy.createdAt) / 86_400)
            let dueReminders = reminderDays.filter { days >= $0 }.count
            if copy.remindersSent < dueReminders, let accountID = copy.practitioner.accountID, let owner = try await Account.find(accountID, on: database) {
                let message = EnquiryReminderMessage(
                    practitionerName: copy.practitioner.displayName, days: reminderDays[dueReminders - 1],
                    link: app.publicLink(.inboxEnquiry(id: try copy.requireID().uuidString)))
                try await database.transaction { transaction in
                    copy.remindersSent = dueReminders
                    try await copy.save(on: transaction)
                    try await Mailer.enqueue(message, to: owner.email, app: app, on: transaction)
                }
            }
            guard days >= EnquiryService.replyWithinDays else { continue }
            overdue[copy.$practitioner.id, default: 0] += 1
            if copy.senderToldAt == nil {
                let sender = try service.open(copy.request)
                let message = NoReplyYetMessage(practitionerName: copy.practitioner.displayName, link: try service.privateLink(copy.request))
                try await database.transaction { transaction in
                    copy.senderToldAt = now
                    try await copy.save(on: transaction)
                    try await Mailer.enqueue(message, to: sender.email, app: app, on: transaction)
                }
            }
        }
        for (id, count) in overdue where count >= ListingPolicy.unansweredEnquiriesBeforePause {
            try await Practitioner.query(on: database).filter(\.$id == id).filter(\.$enquiriesPausedAt == nil)
                .set(\.$enquiriesPausedAt, to: now).update()
        }
    }

    /// Deletes enquiries (with every copy and reply) whose last message is older than the
    /// retention period, and access-log entries as old.
    @discardableResult
    static func purge(_ app: Application, on database: any Database, now: Date = Date()) async throws -> Int {
        let cutoff = now.addingTimeInterval(-Double(app.settings.enquiryRetentionDays) * 86_400)
        let expired = try await EnquiryRequest.query(on: database).filter(\.$lastActivityAt < cutoff).count()
        try await EnquiryRequest.query(on: database).filter(\.$lastActivityAt < cutoff).delete()
        try await EnquiryAccess.query(on: database).filter(\.$createdAt < cutoff).delete()
        return expired
    }
}

/// `rapport purge`: deletes every enquiry past its retention now, as the daily job does.
struct PurgeCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Deletes enquiries (and their replies) whose last message is older than RAPPORT_ENQUIRY_RETENTION_DAYS." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await DatabasePreparation.prepare(app, migrate: true, demoCountIfEmpty: nil)
        let count = try await EnquiryJobs.purge(app, on: app.db)
        context.console.print("Deleted \(count) enquiries older than \(app.settings.enquiryRetentionDays) days since their last message.")
    }
}
