import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import Rapport

/// "Save this to my account": only when signed in and only when asked; sealed, theirs alone,
/// in "Download my data", and gone when deleted.
@Suite("Which approach: saving")
struct GuideSavingTests {
    @Test(arguments: TestDatabase.all)
    func aMemberSavesSeesDownloadsAndDeletesTheirAnswers(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let anonymous = TestBrowser(app)
            try await anonymous.get("/which-approach")
            #expect(!(try await anonymous.post("/which-approach", pairs: GuideFlowTests.sam())).text.contains("Save this to my account"))
            #expect(try await anonymous.post("/which-approach/save", pairs: GuideFlowTests.sam()).status == .seeOther, "signed out: sent to log in")
            #expect(try await SavedGuide.query(on: app.db).count() == 0)

            let member = try await TestAccounts.browser(app, role: .member)
            try await member.get("/which-approach")
            let result = try await member.post("/which-approach", pairs: GuideFlowTests.sam())
            #expect(result.text.contains("Save this to my account"))
            #expect(try await SavedGuide.query(on: app.db).count() == 0, "showing the answer saves nothing")
            let fields = try #require(result.text.form(action: "/which-approach/save"))
            #expect(fields.contains { $0.name == "happening" && $0.value.contains(GuideFlowTests.canary) })
            let saved = try await member.post("/which-approach/save", pairs: fields.map { ($0.name, $0.value) }, token: .some(nil))
            #expect(saved.status == .seeOther)
            let redirect = try #require(saved.headers.first(name: .location))
            #expect(redirect.hasPrefix("/which-approach/saved/") && redirect.hasSuffix("?done=saved") && !redirect.contains("partner"))
            let location = String(redirect.prefix { $0 != "?" })

            // Stored sealed: the column holds none of their words.
            let sql = try #require(app.db as? any SQLDatabase)
            let stored = try await sql.raw("SELECT sealed_answers FROM saved_guides").all().map { try $0.decode(column: "sealed_answers", as: String.self) }
            #expect(stored.count == 1 && stored.allSatisfy { $0.hasPrefix(DataKeyRing.prefix) && !$0.contains(GuideFlowTests.canary) && !$0.contains("arguments") })

            let shown = try await member.get(redirect)
            #expect(shown.status == .ok && shown.text.unescapedHTML.contains("Saved to your account") && shown.text.contains("Interpersonal therapy (IPT)"))
            #expect(try await member.get("/account").text.contains("/which-approach/saved"))
            let listed = try await member.get("/which-approach/saved")
            #expect(listed.text.contains("interpersonal therapy (IPT)"))
            let download = try await member.get("/account/data")
            #expect(download.body.string.contains(GuideFlowTests.canary) && download.body.string.contains("savedGuideAnswers"))

            // Nobody else can see or delete it.
            let other = try await TestAccounts.browser(app, role: .member)
            #expect(try await other.get(location).status == .notFound)
            try await other.get("/which-approach/saved")
            #expect(try await other.post(location + "/delete", [:]).status == .notFound)
            #expect(try await SavedGuide.query(on: app.db).count() == 1)

            try await member.get(location)
            let deleted = try await member.post(location + "/delete", [:])
            #expect(deleted.status == .seeOther && deleted.headers.first(name: .location) == "/which-approach/saved?done=deleted")
            #expect(try await SavedGuide.query(on: app.db).count() == 0)
            #expect(try await member.get(location).status == .notFound)
        }
    }

    @Test func savedAnswersGoWithTheAccount() async throws {
        try await withRapport(.sqlite) { app in
            let account = try await TestAccounts.make(app, email: "leaving@example.org", role: .member)
            var answers = GuideAnswers()
            (answers.who, answers.changes) = (.partner, [.avoiding])
            _ = try await SavedGuides(app: app, database: app.db).save(answers, for: account)
            #expect(try await SavedGuide.query(on: app.db).count() == 1)
            try await account.delete(on: app.db)
            #expect(try await SavedGuide.query(on: app.db).count() == 0)
        }
    }
}
