import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("The member's shortlist and their data")
struct ShortlistTests {
    @Test(arguments: TestDatabase.all)
    func aMemberShortlistsTracksDownloadsAndDeletesEverything(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app, name: "Ada Example")
            // Signed out: the profile offers a login instead, and sets no cookie.
            let visitor = try await TestBrowser(app).get("/practitioners/ada-example")
            #expect(visitor.body.string.contains("Log in to save them"))
            #expect(visitor.headers[.setCookie].isEmpty)

            let member = try await TestAccounts.browser(app, role: .member, email: "member@example.org")
            // Results offer saving too, to signed-in people only.
            #expect(try await member.get("/therapists?near=Harrogate").body.string.contains("Save Ada Example to my shortlist"))
            #expect(!(try await TestBrowser(app).get("/therapists?near=Harrogate").body.string.contains("to my shortlist")))
            let profile = try await member.get("/practitioners/ada-example")
            #expect(profile.body.string.contains("Save to my shortlist"))
            #expect(try await member.post("/shortlist", ["slug": "ada-example"]).headers.first(name: .location) == "/shortlist?done=added")
            try await member.get("/practitioners/ada-example")
            try await member.post("/shortlist", ["slug": "ada-example"])
            #expect(try await ShortlistEntry.query(on: app.db).count() == 1, "saving twice keeps one entry")

            let page = try await member.get("/shortlist")
            #expect(page.body.string.contains("Ada Example"))
            let entry = try #require(try await ShortlistEntry.query(on: app.db).first())
            let entryPath = "/shortlist/\(try entry.requireID().uuidString)"
            #expect(try await member.post(entryPath, ["status": "first_conversation_booked", "note": "Thursday at 6, ask about fees"]).status == .seeOther)
            try await member.get("/shortlist")
            #expect(try await member.post(entryPath, ["status": "nonsense", "note": "lost?"]).status == .unprocessableEntity)
            let saved = try #require(try await ShortlistEntry.find(entry.id, on: app.db))
            #expect(saved.status == .firstConversationBooked && saved.note == "Thursday at 6, ask about fees")

            // Someone else cannot see or change it: it does not exist for them.
            let other = try await TestAccounts.browser(app, role: .member)
            try await other.get("/shortlist")
            #expect(try await other.post(entryPath, ["status": "set_aside", "note": ""]).status == .notFound)
            #expect(!(try await other.get("/shortlist").body.string.contains("Thursday at 6")))

            let download = try await member.get("/account/data")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            let data = try JSONSerialization.jsonObject(with: Data(download.body.readableBytesView)) as? [String: Any]
            #expect((data?["account"] as? [String: Any])?["email"] as? String == "member@example.org")
            let shortlist = data?["shortlist"] as? [[String: Any]]
            #expect(shortlist?.first?["note"] as? String == "Thursday at 6, ask about fees")
            #expect(!download.body.string.contains("password_hash") && !download.body.string.contains("$2b$"))

            try await member.get("/account")
            let deleted = try await member.post("/account/delete", ["current_password": TestAccounts.password])
            #expect(deleted.headers.first(name: .location) == "/?account=deleted")
            #expect(try await Account.query(on: app.db).filter(\.$email == "member@example.org").count() == 0)
            #expect(try await ShortlistEntry.query(on: app.db).count() == 0)
            #expect(try await AccountSession.query(on: app.db).count() == 1, "only the other member's session is left")
        }
    }

    @Test(arguments: TestDatabase.all)
    func deletingAPractitionersAccountTakesTheProfileOutOfSearch(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (browser, _) = try await JoinAndReviewTests.joinAndSubmit(app)
            let practitioner = try #require(try await Practitioner.query(on: app.db).first())
            practitioner.verificationStatus = .verified
            try await practitioner.save(on: app.db)
            #expect(try await app.apiSearch("q=Okafor").total == 1)
            // Their data includes the profile and names the document, without its bytes.
            let data = try await browser.get("/account/data").body.string
            #expect(data.contains("Helping couples and families talk again") && data.contains("certificate.pdf ("))
            #expect(!data.contains("%PDF"))
            try await browser.get("/account")
            try await browser.post("/account/delete", ["current_password": TestAccounts.password])
            #expect(try await app.apiSearch("q=Okafor").total == 0)
            #expect(try await Practitioner.query(on: app.db).count() == 0)
            #expect(try await CredentialDocument.query(on: app.db).count() == 0)
        }
    }
}
