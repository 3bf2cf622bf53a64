import Fluent
import Vapor

/// Something to try on a fresh demo site: a practitioner account anyone can log in to (its
/// address and password are printed when demo data loads, and in the README), with a few
/// fictional enquiries waiting in its inbox.
enum DemoInbox {
    static let email = "demo.practitioner@rapport.test"
    static let password = "try the practitioner side"

    static let samples: [(name: String, email: String, topics: [String], kind: EnquiryForm.Kind, message: String, daysAgo: Double)] = [
        ("Jess", "jess@example.org", ["relationship-problems"], .firstConversation,
         "My partner and I have the same argument every week, about who does what at home. It gets loud quickly and then we don't speak for a day. I'd like to understand why it keeps happening. Could we have a first chat?", 1),
        ("Marcus", "marcus@example.org", ["loneliness", "life-transitions"], .question,
         "I moved to a new city for work six months ago and I still don't really know anyone. Is this something you help with, and do you see people online in the evenings?", 3),
        ("Anna", "anna@example.org", ["family-issues"], .question,
         "Since my dad died, my brother and I keep falling out over small things. I don't want to lose him too. Do you work with grief that affects the whole family?", 9),
    ]

    /// Adds the account and its enquiries once, to the first listed demo practitioner.
    static func prepare(_ app: Application) async throws {
        guard try await Account.query(on: app.db).filter(\.$email == email).count() == 0,
            let practitioner = try await Practitioner.publiclyListed(on: app.db).filter(\.$isDemo == true).filter(\.$accountID == nil)
                .sort(\.$displayName).with(\.$topics).first()
        else { return }
        let account = Account(email: email, passwordHash: try await app.password.async.hash(Passwords.prepared(password)), role: .practitioner)
        account.emailConfirmedAt = Date()
        try await account.create(on: app.db)
        practitioner.accountID = account.id
        practitioner.freeFirstConversation = true
        practitioner.freeFirstConversationMinutes = practitioner.freeFirstConversationMinutes ?? 20
        try await practitioner.save(on: app.db)
        if try await CallSettings.query(on: app.db).filter(\.$practitioner.$id == practitioner.requireID()).count() == 0 {
            let settings = CallSettings()
            settings.$practitioner.id = try practitioner.requireID()
            (settings.how, settings.weeklyHours, settings.timeOff, settings.confirmsEach) = (.phone, DemoCallHours.patterns[5], "", false)
            (settings.noticeHours, settings.daysAhead, settings.bufferMinutes) = (CallSettings.defaultNoticeHours, CallSettings.defaultDaysAhead, CallSettings.defaultBufferMinutes)
            settings.updatedAt = Date()
            try await settings.create(on: app.db)
        }
        let service = EnquiryService(app: app, database: app.db)
        for sample in samples {
            let checked = EnquiryForm.Checked(
                name: sample.name, email: sample.email, phone: nil, contactPreference: .email, topics: sample.topics, format: .online,
                message: sample.message, kind: sample.kind, times: sample.kind == .firstConversation ? "Weekday evenings after 6" : nil,
                idempotencyKey: "demo-\(sample.email)")
            _ = try await service.send(checked, to: [practitioner], now: Date().addingTimeInterval(-sample.daysAgo * 86_400), notify: false)
        }
        app.logger.notice("Demo practitioner account: \(email), password \"\(password)\" (practitioner: \(practitioner.displayName)).")
    }
}
