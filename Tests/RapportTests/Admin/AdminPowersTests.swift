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

    /// An unlisted draft's saves cost search next to nothing: no rebuild, no new overlay, and at
    /// most that one practitioner read again per search. A listed profile's change reaches search.
    @Test(arguments: TestDatabase.all)
    func draftSavesCostSearchNextToNothing(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            _ = try await app.apiSearch("")
            let browser = try await TestAccounts.browser(app, role: .member)
            try await browser.get("/join")
            try await browser.post("/join", ["kind": "therapist"])
            _ = try await app.apiSearch("")
            let before = app.searchIndex.work
            var searches = 0
            for _ in 1...3 {
                try await browser.get("/dashboard/profile")
                try await browser.post("/dashboard/profile", pairs: JoinAndReviewTests.profileFields())
                _ = try await app.apiSearch("q=Okafor")
                try await browser.get("/dashboard")
                try await browser.post("/dashboard/availability", ["accepting": "yes"])
                _ = try await app.apiSearch("")
                try await browser.post("/dashboard/visibility", ["visible": "no"])
                _ = try await app.apiSearch("")
                searches += 3
            }
            let after = app.searchIndex.work
            #expect(after.fullBuilds == before.fullBuilds, "no rebuild")
            #expect(after.overlayBuilds == before.overlayBuilds, "a draft is not in search, so nothing in it changes")
            #expect(after.applies - before.applies == searches, "each search after a save applied it")
            #expect(after.practitionersReloaded - before.practitionersReloaded <= searches, "at most the one practitioner each time")
            #expect(try await app.apiSearch("q=Okafor").total == 0)

            let owned = try await PractitionerFixture(name: "Owned Person").create(on: app)
            let owner = try await TestAccounts.make(app, email: "owned@example.org", role: .practitioner)
            owned.accountID = owner.id
            try await owned.save(on: app.db)
            let ownerBrowser = try await TestAccounts.browser(app, account: owner)
            #expect(try await app.apiSearch("q=Owned").total == 1)
            try await ownerBrowser.get("/dashboard")
            try await ownerBrowser.post("/dashboard/visibility", ["visible": "no"])
            #expect(try await app.apiSearch("q=Owned").total == 0, "hiding a listed profile reaches search at once")
            try await ownerBrowser.post("/dashboard/visibility", ["visible": "yes"])
            #expect(try await app.apiSearch("q=Owned").total == 1, "and showing it again")
        }
    }
}
