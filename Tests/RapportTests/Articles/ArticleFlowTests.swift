import Fluent
import Foundation
import Testing
import Vapor

@testable import Rapport

/// Writing, review and reading, as an author, an admin and a reader would do them.
@Suite("Articles")
struct ArticleFlowTests {
    /// Write, preview, submit with every problem at once, fix, return with a note, fix,
    /// approve; then it is on /articles, the topic page, the profile, both feeds and the sitemap.
    @Test(arguments: TestDatabase.all)
    func anArticleGoesFromDraftToReturnedToPublished(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (_, author, authorEmail) = try await ArticleWorld.author(app)
            let admin = try await TestAccounts.browser(app, role: .admin)
            let reader = TestBrowser(app)

            let editor = try await author.get("/dashboard/articles/new")
            #expect(editor.status == .ok && editor.text.contains("How to format your article") && editor.text.contains("Pictures and HTML are not allowed"))

            // Saving and previewing keep everything and render the preview on the server.
            let saved = try await author.post("/dashboard/articles/new", pairs: ArticleWorld.fields(body: "Too short, \(ArticleWorld.canary).", action: "preview"))
            let location = try #require(saved.headers.first(name: .location))
            #expect(saved.status == .seeOther && location.contains("preview=1"))
            let preview = try await author.get(location)
            #expect(preview.text.contains("id=\"preview\"") && preview.text.contains("Too short, \(ArticleWorld.canary).</p>"))
            let id = String(location.dropFirst("/dashboard/articles/".count).prefix(36))

            // Sending for review shows every problem at once, and loses nothing typed.
            let refused = try await author.post("/dashboard/articles/\(id)", pairs: ArticleWorld.fields(
                title: "", body: "Too short, see [this](javascript:alert(1)). \(ArticleWorld.canary)", topics: [], ownWork: false, action: "submit"))
            #expect(refused.status == .unprocessableEntity && refused.text.contains("There is a problem"))
            for field in ["#title", "#markdown", "#topics", "#own_work"] { #expect(refused.text.contains("href=\"\(field)\""), "\(field)") }
            #expect(refused.text.contains("javascript:alert(1)") && refused.text.contains(ArticleWorld.canary), "what was typed is kept")
            #expect(refused.text.contains("value=\"What may be going on"))
            #expect(try await reader.get("/articles").text.contains("Why the same row") == false)

            let sent = try await author.post("/dashboard/articles/\(id)", pairs: ArticleWorld.fields(action: "submit"))
            #expect(sent.status == .seeOther)
            #expect(try await author.get("/dashboard/articles").text.contains("Waiting for review (1)"))

            // The admin sees it in the queue, returns it; a note is needed.
            let queue = try await admin.get("/admin")
            #expect(queue.text.contains("Articles waiting for review (1)") && queue.text.contains("/admin/articles/\(id)"))
            let review = try await admin.get("/admin/articles/\(id)")
            #expect(review.status == .ok && review.text.contains(ArticleWorld.canary))
            #expect(try await admin.post("/admin/articles/\(id)/return", ["note": ""]).status == .unprocessableEntity)
            let note = "Please add a line about when couples counselling may suit better."
            #expect(try await admin.post("/admin/articles/\(id)/return", ["note": note]).status == .seeOther)
            let returnedMail = try #require(try await app.email(to: authorEmail, about: "few changes"))
            #expect(returnedMail.body.contains(note) && !returnedMail.body.contains(ArticleWorld.canary))
            #expect(try await author.get("/dashboard/articles").text.contains(note))
            #expect(try await reader.get("/articles/why-the-same-row-keeps-coming-back").status == .notFound, "a returned article is not public")

            // Fixed and sent again; approved.
            let fixed = ArticleWorld.fields(body: ArticleWorld.longBody + "\n\nIf you both want to work on it together, couples counselling may suit you better.", action: "submit")
            try await author.get("/dashboard/articles/\(id)")
            #expect(try await author.post("/dashboard/articles/\(id)", pairs: fixed).status == .seeOther)
            #expect(try await ArticleWorld.approve(admin, id).status == .seeOther)
            #expect(try await app.email(to: authorEmail, about: "is live") != nil)
            let actions = try await AuditEntry.query(on: app.db).all().map(\.action)
            #expect(actions.contains("returned article") && actions.contains("approved article"))

            // Everywhere a reader would look.
            let path = "/articles/why-the-same-row-keeps-coming-back"
            let page = try await reader.get(path)
            #expect(page.status == .ok && page.text.contains(ArticleWorld.canary) && page.text.contains("couples counselling may suit"))
            #expect(page.text.contains("href=\"/practitioners/ada-example/get-in-touch\"") && page.text.contains("If you need help now"))
            #expect(page.text.contains("\"@type\":\"Article\"") && page.text.contains("<time datetime=\""))
            #expect(page.text.contains("rel=\"alternate\" type=\"application/atom+xml\""))
            #expect(try await reader.get("/articles").text.contains(path))
            #expect(try await reader.get("/articles?topic=relationship-problems").text.contains(path))
            #expect(try await reader.get("/articles?topic=anxiety").text.contains(path) == false)
            #expect(try await reader.get("/need-help-with/relationship-problems").text.contains(path))
            #expect(try await reader.get("/practitioners/ada-example").text.contains(path))
            #expect(try await reader.get("/sitemap.xml").text.contains(path))
            for feed in ["/articles/feed.xml", "/need-help-with/relationship-problems/feed.xml"] {
                let atom = try AtomFeed.parse(try await reader.get(feed).body)
                #expect(atom.entries.contains { $0.link.hasSuffix(path) && $0.content.contains(ArticleWorld.canary) }, "\(feed)")
            }
            #expect(try AtomFeed.parse(try await reader.get("/need-help-with/anxiety/feed.xml").body).entries.isEmpty)
        }
    }

    /// After publishing, an edit waits for review while readers still see the approved version.
    @Test(arguments: TestDatabase.all)
    func anEditWaitsForReviewWhileThePublishedVersionStaysUp(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (_, author, _) = try await ArticleWorld.author(app)
            let admin = try await TestAccounts.browser(app, role: .admin)
            let id = try await ArticleWorld.submit(author, ArticleWorld.fields(action: "submit"))
            _ = try await ArticleWorld.approve(admin, id)
            let path = "/articles/why-the-same-row-keeps-coming-back"

            try await author.get("/dashboard/articles/\(id)")
            let changed = ArticleWorld.longBody.replacingOccurrences(of: ArticleWorld.canary, with: "Second-Version-Words")
            #expect(try await author.post("/dashboard/articles/\(id)", pairs: ArticleWorld.fields(title: "A new title for it", body: changed, action: "submit")).status == .seeOther)
            let during = try await TestBrowser(app).get(path)
            #expect(during.text.contains(ArticleWorld.canary) && !during.text.contains("Second-Version-Words"))
            #expect(try await admin.get("/admin").text.contains("a change to a published article"))

            _ = try await ArticleWorld.approve(admin, id)
            let after = try await TestBrowser(app).get(path)
            #expect(after.status == .ok, "the address stays the same when the title changes")
            #expect(after.text.contains("Second-Version-Words") && after.text.contains("A new title for it"))
        }
    }

    /// Only verified practitioners write; nobody sees another's draft; admins decide.
    @Test(arguments: TestDatabase.all)
    func onlyTheRightPeopleWriteReadAndDecide(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (_, unverified, _) = try await ArticleWorld.author(app, name: "Una Waiting", verification: .pending)
            #expect(try await unverified.get("/dashboard/articles").text.contains("once our team has verified your profile"))
            #expect(try await unverified.get("/dashboard/articles/new").status == .forbidden)
            try await unverified.get("/dashboard/articles")
            #expect(try await unverified.post("/dashboard/articles/new", pairs: ArticleWorld.fields(action: "submit")).status == .forbidden)
            #expect(try await Article.query(on: app.db).count() == 0)

            let (_, ada, _) = try await ArticleWorld.author(app)
            let (_, bea, _) = try await ArticleWorld.author(app, name: "Bea Other")
            try await ada.get("/dashboard/articles/new")
            let saved = try await ada.post("/dashboard/articles/new", pairs: ArticleWorld.fields(action: "save"))
            let id = String((saved.headers.first(name: .location) ?? "").dropFirst("/dashboard/articles/".count).prefix(36))
            let theirs = try await bea.get("/dashboard/articles/\(id)")
            #expect(theirs.status == .notFound && !theirs.text.contains(ArticleWorld.canary))
            try await bea.get("/dashboard/articles")
            #expect(try await bea.post("/dashboard/articles/\(id)", pairs: ArticleWorld.fields(title: "Taken over", action: "save")).status == .notFound)
            #expect(try await bea.post("/dashboard/articles/\(id)/delete", [:]).status == .notFound)
            #expect(try await ArticleWorld.published(app, id: id).title != "Taken over")
            #expect(try await TestBrowser(app).get("/dashboard/articles/\(id)").status == .seeOther)
            let member = try await TestAccounts.browser(app, role: .member)
            #expect(try await member.get("/admin/articles/\(id)").status == .forbidden)
            #expect(try await bea.get("/admin/articles/\(id)").status == .forbidden)
            // A draft is never public, whatever its address would be.
            #expect(try await TestBrowser(app).get("/articles/why-the-same-row-keeps-coming-back").status == .notFound)
            #expect(try await TestBrowser(app).get("/articles/\(try await ArticleWorld.published(app, id: id).slug)").status == .notFound)
        }
    }

    /// Taken down by its author, by an admin with a reason, by suspension, and by deletion.
    @Test(arguments: TestDatabase.all)
    func anArticleComesDownEveryWayItShould(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (ada, author, authorEmail) = try await ArticleWorld.author(app)
            let admin = try await TestAccounts.browser(app, role: .admin)
            let path = "/articles/why-the-same-row-keeps-coming-back"
            let id = try await ArticleWorld.submit(author, ArticleWorld.fields(action: "submit"))
            _ = try await ArticleWorld.approve(admin, id)
            #expect(try await TestBrowser(app).get(path).status == .ok)

            // The author takes it down; sending it again brings it back after review only.
            try await author.get("/dashboard/articles/\(id)")
            #expect(try await author.post("/dashboard/articles/\(id)/unpublish", [:]).status == .seeOther)
            #expect(try await TestBrowser(app).get(path).status == .notFound)
            #expect(try await author.post("/dashboard/articles/\(id)/delete", [:]).status == .conflict, "a published address is kept")
            try await author.get("/dashboard/articles/\(id)")
            _ = try await author.post("/dashboard/articles/\(id)", pairs: ArticleWorld.fields(action: "save"))
            #expect(try await TestBrowser(app).get(path).status == .notFound, "saving a draft does not republish it")
            try await author.get("/dashboard/articles/\(id)")
            _ = try await author.post("/dashboard/articles/\(id)", pairs: ArticleWorld.fields(action: "submit"))
            _ = try await ArticleWorld.approve(admin, id)
            #expect(try await TestBrowser(app).get(path).status == .ok, "same address as before")

            // An admin unpublishes with a reason, which the author is told.
            try await admin.get("/admin/articles/\(id)")
            #expect(try await admin.post("/admin/articles/\(id)/unpublish", ["reason": ""]).status == .unprocessableEntity)
            #expect(try await admin.post("/admin/articles/\(id)/unpublish", ["reason": "It names a real clinic without permission."]).status == .seeOther)
            #expect(try await app.email(to: authorEmail, about: "taken down")?.body.contains("real clinic") == true)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "unpublished article").count() == 1)
            #expect(try await TestBrowser(app).get(path).status == .notFound)

            // Published again, then the author is suspended: it goes with the profile.
            try await author.get("/dashboard/articles/\(id)")
            _ = try await author.post("/dashboard/articles/\(id)", pairs: ArticleWorld.fields(action: "submit"))
            _ = try await ArticleWorld.approve(admin, id)
            ada.visibility = .suspended
            try await ada.save(on: app.db)
            #expect(try await TestBrowser(app).get(path).status == .notFound)
            #expect(!(try await TestBrowser(app).get("/articles/feed.xml").text.contains(path)))
            ada.visibility = .visible
            try await ada.save(on: app.db)
            #expect(try await TestBrowser(app).get(path).status == .ok)

            // Deleting the account deletes the articles.
            try await author.get("/account")
            _ = try await author.post("/account/delete", ["current_password": TestAccounts.password])
            #expect(try await Article.query(on: app.db).count() == 0)
        }
    }

    /// The reviewer's warnings: shown, and approving past them needs a tick that is logged.
    @Test(arguments: TestDatabase.all)
    func warningsAreShownAndOverridingThemIsDeliberate(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (_, author, _) = try await ArticleWorld.author(app)
            let admin = try await TestAccounts.browser(app, role: .admin)
            let risky = ArticleWorld.longBody + "\n\nThis approach is guaranteed to work, with complete confidentiality. Last year Sarah, 34, came to me from Elm Street."
            let id = try await ArticleWorld.submit(author, ArticleWorld.fields(body: risky, action: "submit"))
            let review = try await admin.get("/admin/articles/\(id)")
            for kind in ["A claim nobody can prove", "A promise of complete confidentiality", "a name with an age", "a street"] {
                #expect(review.text.contains(kind), "\(kind)")
            }
            let refused = try await admin.post("/admin/articles/\(id)/approve", [:])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("href=\"#override_warnings\""))
            #expect(try await admin.post("/admin/articles/\(id)/approve", ["override_warnings": "yes"]).status == .seeOther)
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "approved article").first())
            #expect(entry.detail.contains("warnings overridden"))
            #expect(ArticleChecks.warnings(in: "There is no quick fix, and no promise of change.").isEmpty)
        }
    }
}
