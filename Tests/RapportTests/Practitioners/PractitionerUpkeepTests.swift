import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// What keeps a live profile honest: checked credential changes, availability reminders and
/// hiding, and view counts.
@Suite("Keeping a profile up to date")
struct PractitionerUpkeepTests {
    /// A verified practitioner who joined through the site, with their browser and an admin's.
    static func verifiedPractitioner(_ app: Application) async throws -> (practitioner: TestBrowser, admin: TestBrowser, id: UUID) {
        let (browser, practitioner) = try await JoinAndReviewTests.joinAndSubmit(app)
        let admin = try await TestAccounts.browser(app, role: .admin)
        let id = try practitioner.requireID()
        try await admin.get("/admin/practitioners/\(id.uuidString)")
        try await admin.post("/admin/practitioners/\(id.uuidString)/approve", [:])
        return (browser, admin, id)
    }

    @Test(arguments: TestDatabase.all)
    func changedCredentialsWaitForAnAdminWhileTheProfileKeepsTheApprovedOnes(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (browser, admin, id) = try await Self.verifiedPractitioner(app)
            try await browser.get("/dashboard/credentials")
            let sent = try await browser.postMultipart(
                "/dashboard/credentials",
                ["professional_body": "UKCP", "registration_number": "UK-42", "qualifications": "MA Integrative Psychotherapy", "insurance": "yes"],
                file: ("document", "ukcp.pdf", "application/pdf", JoinAndReviewTests.pdf))
            #expect(sent.headers.first(name: .location) == "/dashboard?saved=credentials-sent")
            let profile = try await TestBrowser(app).get("/practitioners/sam-okafor").body.string
            #expect(profile.contains("BACP") && !profile.contains("UKCP"), "the public sees the approved credentials")

            let queue = try await admin.get("/admin")
            #expect(queue.body.string.contains("Name and credential changes to check (1)"))
            let review = try await admin.get("/admin/practitioners/\(id.uuidString)")
            #expect(review.body.string.contains("UK-42"))
            try await admin.post("/admin/practitioners/\(id.uuidString)/approve-credentials", [:])
            let updated = try await TestBrowser(app).get("/practitioners/sam-okafor").body.string
            #expect(updated.contains("UKCP") && updated.contains("UK-42"))
            let practitioner = try #require(try await Practitioner.find(id, on: app.db))
            #expect(practitioner.credentialsChangeSentAt == nil && practitioner.pendingProfessionalBody == nil)
            #expect(try await AuditEntry.query(on: app.db).sort(\.$createdAt).all().map(\.action) == ["approved practitioner", "approved credentials change"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func unconfirmedAvailabilityIsRemindedOnceThenHiddenUntilConfirmed(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (browser, _, id) = try await Self.verifiedPractitioner(app)
            let today = LondonCalendar.today()
            let practitioner = try #require(try await Practitioner.find(id, on: app.db))
            let owner = try #require(try await Account.find(practitioner.accountID, on: app.db))

            practitioner.availabilityConfirmedOn = LondonCalendar.day(today, addingDays: -44)
            try await practitioner.save(on: app.db)
            #expect(try await AvailabilityReminders.run(app, on: app.db) == 0, "not yet due at 44 days")
            practitioner.availabilityConfirmedOn = LondonCalendar.day(today, addingDays: -45)
            try await practitioner.save(on: app.db)
            #expect(try await AvailabilityReminders.run(app, on: app.db) == 1)
            #expect(try await AvailabilityReminders.run(app, on: app.db) == 0, "one reminder per lapse")
            #expect(try await app.email(to: owner.email, about: "still taking new clients") != nil)

            // At 120 days the profile leaves search and its page, until confirmed.
            practitioner.availabilityConfirmedOn = LondonCalendar.day(today, addingDays: -121)
            try await practitioner.save(on: app.db)
            #expect(try await app.apiSearch("q=Okafor&accepting=any").total == 0)
            #expect(try await TestBrowser(app).get("/practitioners/sam-okafor").status == .notFound)
            #expect(try await browser.get("/dashboard").body.string.contains("not been confirmed for over 120 days"))
            try await browser.post("/dashboard/availability", ["accepting": "yes"])
            #expect(try await app.apiSearch("q=Okafor").total == 1)
            #expect(try await TestBrowser(app).get("/practitioners/sam-okafor").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.all)
    func profileViewsAreCountedPerDayAndShownPerWeek(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (browser, _, id) = try await Self.verifiedPractitioner(app)
            let visitor = TestBrowser(app)
            for _ in 0..<3 { try await visitor.get("/practitioners/sam-okafor") }
            // Their own preview is not a view.
            try await browser.get("/dashboard/preview")
            let days = try await ProfileViewDay.query(on: app.db).filter(\.$practitioner.$id == id).all()
            #expect(days.map(\.views) == [3])
            let weeks = try await ProfileViewDay.weekly(id, weeks: 8, on: app.db)
            #expect(weeks.count == 8 && weeks.last?.views == 3 && weeks.dropLast().allSatisfy { $0.views == 0 })
            #expect(try await browser.get("/dashboard").body.string.contains("Profile views"))
            // Counts older than 12 weeks are cleared by housekeeping; recent ones stay.
            try await ProfileViewDay.count(id, on: app.db, today: LondonCalendar.day(LondonCalendar.today(), addingDays: -85))
            try await ProfileViewDay.removeOld(on: app.db)
            #expect(try await ProfileViewDay.query(on: app.db).all().map(\.views) == [3])
        }
    }
}
