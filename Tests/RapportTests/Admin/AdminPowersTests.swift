import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import Rapport

/// What admins may do about practitioners, and what nobody may do about their own profile.
@Suite("Admin powers")
struct AdminPowersTests {
    /// An admin who also practises cannot verify (or otherwise decide on) their own profile.
    @Test(arguments: TestDatabase.all)
    func anAdminCannotDecideOnTheirOwnProfile(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (browser, practitioner) = try await JoinAndReviewTests.joinAndSubmit(app, name: "Ada Selfmade")
            let account = try #require(try await Account.find(practitioner.accountID, on: app.db))
            account.role = .admin
            try await account.save(on: app.db)
            let id = try practitioner.requireID().uuidString
            try await browser.get("/admin/practitioners/\(id)")
            let refused = try await browser.post("/admin/practitioners/\(id)/approve", [:])
            #expect(refused.status == .forbidden && refused.text.contains("another admin"))
            #expect(try await Practitioner.find(practitioner.id, on: app.db)?.verificationStatus == .pending)

            let colleague = try await TestAccounts.browser(app, role: .admin)
            try await colleague.get("/admin/practitioners/\(id)")
            #expect(try await colleague.post("/admin/practitioners/\(id)/approve", [:]).status == .seeOther)
            #expect(try await Practitioner.find(practitioner.id, on: app.db)?.verificationStatus == .verified)
        }
    }

    /// A verified practitioner's new name waits for an admin, like new credentials: until then
    /// the "Credentials checked" badge stays on the name that was checked.
    @Test(arguments: TestDatabase.all)
    func aVerifiedPractitionersNewNameWaitsForReview(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (browser, practitioner) = try await JoinAndReviewTests.joinAndSubmit(app)
            let id = try practitioner.requireID().uuidString
            let admin = try await TestAccounts.browser(app, role: .admin)
            try await admin.get("/admin/practitioners/\(id)")
            try await admin.post("/admin/practitioners/\(id)/approve", [:])

            try await browser.get("/dashboard/profile")
            var fields = JoinAndReviewTests.profileFields()
            fields[0] = ("display_name", "Dr Famous Person")
            let saved = try await browser.post("/dashboard/profile", pairs: fields)
            #expect(saved.headers.first(name: .location) == "/dashboard?saved=profile-name-sent")
            let profile = try await TestBrowser(app).get("/practitioners/sam-okafor")
            #expect(profile.text.contains("Sam Okafor") && !profile.text.contains("Famous"))
            #expect(try await browser.get("/dashboard/profile").text.contains("value=\"Dr Famous Person\""), "the form shows what they asked for")

            let queue = try await admin.get("/admin")
            #expect(queue.text.contains("Name and credential changes to check (1)"))
            #expect(try await admin.get("/admin/practitioners/\(id)").text.contains("Dr Famous Person"))
            try await admin.post("/admin/practitioners/\(id)/approve-credentials", [:])
            let after = try await TestBrowser(app).get("/practitioners/sam-okafor")
            #expect(after.text.contains("Dr Famous Person"), "same address, new name, once checked")
        }
    }

    /// An unlisted draft's saves never make every instance rebuild search; a listed profile's do.
    @Test(arguments: TestDatabase.all)
    func onlyChangesToListedProfilesTellSearch(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = try await TestAccounts.browser(app, role: .member)
            try await browser.get("/join")
            try await browser.post("/join", ["kind": "therapist"])
            let before = try await SearchCatalogueVersion.current(on: app.db)
            for _ in 1...3 {
                try await browser.get("/dashboard/profile")
                try await browser.post("/dashboard/profile", pairs: JoinAndReviewTests.profileFields())
                try await browser.get("/dashboard")
                try await browser.post("/dashboard/availability", ["accepting": "yes"])
                try await browser.post("/dashboard/visibility", ["visible": "no"])
            }
            #expect(try await SearchCatalogueVersion.current(on: app.db) == before, "a draft is not in search")

            let owned = try await PractitionerFixture(name: "Owned Person").create(on: app)
            let owner = try await TestAccounts.make(app, email: "owned@example.org", role: .practitioner)
            owned.accountID = owner.id
            try await owned.save(on: app.db)
            let ownerBrowser = try await TestAccounts.browser(app, account: owner)
            let beforeListed = try await SearchCatalogueVersion.current(on: app.db)
            try await ownerBrowser.get("/dashboard")
            try await ownerBrowser.post("/dashboard/visibility", ["visible": "no"])
            #expect(try await SearchCatalogueVersion.current(on: app.db) == beforeListed + 1, "hiding a listed profile reaches search")
            try await ownerBrowser.post("/dashboard/visibility", ["visible": "no"])
            #expect(try await SearchCatalogueVersion.current(on: app.db) == beforeListed + 1, "hidden already: nothing for search")
        }
    }
}
