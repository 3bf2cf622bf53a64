import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// The written pages: one file per topic and approach, all of them read, plain, reviewed, linked
/// and sourced.
@Suite("Content pages")
struct ContentPagesTests {
    static let library: ContentLibrary = {
        do { return try ContentLibrary.load(from: FileManager.default.currentDirectoryPath + "/Resources/Content") } catch {
            fatalError("content: \(error)")
        }
    }()

    static var everyPage: [ContentPage] {
        Array(library.topics.values) + Array(library.approaches.values) + Array(library.pages.values)
    }

    static let fullTopics = [
        "interpersonal-relationships", "relationship-problems", "family-issues", "loneliness", "anxiety", "social-anxiety",
        "depression", "anger-management", "self-esteem", "stress", "bereavement", "work-related-stress",
    ]
    static let fullApproaches = [
        "interpersonal-therapy", "relational-therapy", "cbt", "person-centred", "psychodynamic", "couples-counselling",
        "systemic-and-family", "relationship-coaching",
    ]

    @Test(arguments: TestDatabase.all)
    func everyTopicAndApproachHasAFileAndEveryFileARow(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let topics = Set(try await Topic.query(on: app.db).all().map(\.slug))
            let approaches = Set(try await Approach.query(on: app.db).all().map(\.slug))
            #expect(topics == Set(Self.library.topics.keys))
            #expect(approaches == Set(Self.library.approaches.keys))
            for row in try await Approach.query(on: app.db).all() {
                #expect(row.audience == Self.library.approaches[row.slug]?.audience, "\(row.slug)'s audience")
                #expect(row.name == Self.library.approaches[row.slug]?.name)
            }
        }
    }

    /// Editing a file renames its row at the next start; a new file adds one.
    @Test func theStartUpSyncFollowsTheFiles() async throws {
        try await withRapport(.sqlite) { app in
            let original = try #require(app.content.topics["anxiety"])
            let renamed = ContentPage(
                kind: .topic, slug: "anxiety", name: "Anxiety and worry", summary: "A new summary.", audience: nil, quickExit: false,
                lastReviewed: original.lastReviewed, nextReview: original.nextReview, sources: original.sources, relatedTopics: [],
                relatedApproaches: [], markdown: "", html: "")
            let added = ContentPage(
                kind: .topic, slug: "a-new-topic", name: "A new topic", summary: "Added by a file.", audience: nil, quickExit: false,
                lastReviewed: original.lastReviewed, nextReview: original.nextReview, sources: [], relatedTopics: [],
                relatedApproaches: [], markdown: "", html: "")
            var topics = app.content.topics
            topics["anxiety"] = renamed
            topics["a-new-topic"] = added
            try await ContentLibrary(topics: topics, approaches: app.content.approaches, pages: app.content.pages).syncTaxonomy(on: app.db)
            #expect(try await Topic.query(on: app.db).filter(\.$slug == "anxiety").first()?.name == "Anxiety and worry")
            #expect(try await Topic.query(on: app.db).filter(\.$slug == "a-new-topic").first()?.summary == "Added by a file.")
        }
    }

    @Test func everyPageIsPlainEnoughToRead() {
        for page in Self.everyPage {
            let (grade, _) = ReadingLevel.grade(page.markdown)
            #expect(grade <= 9, "\(page.kind) \(page.slug) reads at grade \(String(format: "%.1f", grade))")
        }
        // The measure itself: short words and sentences score low, long ones high.
        #expect(ReadingLevel.grade("You can talk to us. We will listen.").grade < 3)
        #expect(ReadingLevel.grade("Interpersonal psychotherapeutic interventions demonstrate considerable effectiveness regarding depressive symptomatology.").grade > 15)
        #expect(ReadingLevel.syllableCount("made") == 1 && ReadingLevel.syllableCount("relationship") == 4)
    }

    @Test func pagesAreAsLongAsTheyNeedToBe() {
        for page in Self.library.topics.values {
            let (_, words) = ReadingLevel.grade(page.markdown)
            if Self.fullTopics.contains(page.slug) {
                #expect((600...1_200).contains(words), "topic \(page.slug): \(words) words")
                #expect(page.sources.count >= 2, "topic \(page.slug) cites \(page.sources.count)")
            } else {
                #expect(words >= 150, "topic \(page.slug): \(words) words")
            }
        }
        for page in Self.library.approaches.values {
            let (_, words) = ReadingLevel.grade(page.markdown)
            if Self.fullApproaches.contains(page.slug) {
                #expect((450...1_000).contains(words), "approach \(page.slug): \(words) words")
                #expect(page.sources.count >= 2, "approach \(page.slug) cites \(page.sources.count)")
            } else {
                #expect(words >= 150, "approach \(page.slug): \(words) words")
            }
        }
    }

    /// Every page has both review dates, and none is past its next review (a month before is
    /// only a warning).
    @Test func everyPageIsReviewedAndNoneIsOverdue() {
        let today = LondonCalendar.today()
        for page in Self.everyPage {
            #expect(page.lastReviewed <= today, "\(page.slug) was reviewed in the future")
            #expect(page.nextReview >= today, "\(page.slug) was due for review on \(page.nextReview)")
            if page.nextReview < LondonCalendar.day(today, addingDays: 31) {
                print("warning: \(page.slug) is due for review on \(page.nextReview)")
            }
        }
    }

    /// Every link inside a page answers 200, and every related slug is a page.
    @Test func everyLinkInsideAPageResolves() async throws {
        try await withRapport(.sqlite) { app in
            var checked = Set<String>()
            for page in Self.everyPage {
                #expect(page.relatedTopics.allSatisfy { Self.library.topics[$0] != nil }, "\(page.slug) relates an unknown topic")
                #expect(page.relatedApproaches.allSatisfy { Self.library.approaches[$0] != nil }, "\(page.slug) relates an unknown approach")
                for target in page.linkTargets where target.hasPrefix("/") && checked.insert(target).inserted {
                    let status = try await TestBrowser(app).get(target).status
                    #expect(status == .ok, "\(page.slug) links to \(target), which answers \(status)")
                }
                #expect(!page.linkTargets.contains { !$0.hasPrefix("/") && !$0.hasPrefix("https://") && !$0.hasPrefix("mailto:") })
            }
            #expect(checked.count > 20)
        }
    }

    /// A topic page: the explanation in one article, review dates, sources, the place search, the
    /// crisis box and schema.org data; sensitive topics offer "Exit this page".
    @Test func aTopicPageHasEverythingAReaderNeeds() async throws {
        try await withRapport(.sqlite) { app in
            try await PractitionerFixture.make(on: app, name: "Listed Person", topics: ["interpersonal-relationships"])
            let html = try await TestBrowser(app).get("/need-help-with/interpersonal-relationships").text
            #expect(html.components(separatedBy: "<article").count == 2)
            #expect(html.contains("Page last reviewed: <time datetime=\"2026-12-01\">") && html.contains("Next review due:"))
            #expect(html.contains("<h2 id=\"sources\">Sources</h2>"))
            #expect(html.contains("action=\"/find\"") && html.contains("name=\"topic\" value=\"interpersonal-relationships\""))
            #expect(html.contains("If you need help now") && html.contains("\"@type\":\"MedicalWebPage\"") && html.contains("\"lastReviewed\":\"2026-12-01\""))
            #expect(html.contains("/approaches/interpersonal-therapy"))
            #expect(html.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/need-help-with/interpersonal-relationships\">"))
            #expect(html.contains("property=\"og:title\" content=\"Interpersonal relationships\""))
            #expect(!html.contains("Exit this page"))
            #expect(try await TestBrowser(app).get("/need-help-with/domestic-abuse").text.contains("Exit this page"))
            #expect(try await TestBrowser(app).get("/approaches/interpersonal-therapy").text.contains("12 to 16"))
        }
    }

    /// The A to Z narrows to what was typed, without JavaScript.
    @Test func theTopicIndexFilterNarrowsWithoutJavaScript() async throws {
        try await withRapport(.sqlite) { app in
            let all = try await TestBrowser(app).get("/need-help-with").text
            let filtered = try await TestBrowser(app).get("/need-help-with?q=grief").text
            #expect(all.contains("/need-help-with/anxiety"))
            #expect(filtered.contains("/need-help-with/bereavement") && !filtered.contains("href=\"/need-help-with/anxiety\""))
        }
    }

    /// Every address in the sitemap answers 200; robots.txt names it.
    @Test(arguments: TestDatabase.all)
    func everyAddressInTheSitemapAnswers(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app, name: "Listed Person")
            try await PractitionerFixture.make(on: app, name: "Hidden Person", visibility: .hidden)
            let xml = try await TestBrowser(app).get("/sitemap.xml").text
            let urls = xml.components(separatedBy: "<loc>").dropFirst().compactMap { $0.components(separatedBy: "</loc>").first }
            let expected = 13 + Self.library.topics.count + Self.library.approaches.count + SiteContentController.pages.count + 1
            #expect(urls.count == expected, "\(urls.count)")
            #expect(!xml.contains("hidden-person") && xml.contains("<lastmod>2026-12-01</lastmod>"))
            for url in urls {
                let path = url.replacingOccurrences(of: "http://127.0.0.1:8080", with: "")
                let status = try await TestBrowser(app).get(path).status
                #expect(status == .ok, "\(path): \(status)")
            }
            let robots = try await TestBrowser(app).get("/robots.txt")
            #expect(robots.text.contains("Sitemap: http://127.0.0.1:8080/sitemap.xml") && robots.text.contains("Disallow: /dashboard"))
            #expect(robots.headers.first(name: .cacheControl) == "public, max-age=3600")
        }
    }

    /// Contact us reaches every admin through the outbox, and a missing message keeps the rest.
    @Test func contactUsReachesTheAdmins() async throws {
        try await withRapport(.sqlite) { app in
            try await TestAccounts.make(app, email: "team@rapport.test", role: .admin)
            let visitor = TestBrowser(app)
            try await visitor.get("/contact")
            let missing = try await visitor.post("/contact", ["name": "Jo", "email": "jo@example.org", "message": ""])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("value=\"jo@example.org\""))
            #expect(try await visitor.post("/contact", ["name": "Jo", "email": "jo@example.org", "message": "Your map is wrong."]).status == .seeOther)
            let mail = try #require(try await app.email(to: "team@rapport.test", about: "Contact us"))
            #expect(mail.body.contains("Your map is wrong.") && mail.body.contains("jo@example.org"))
        }
    }
}
