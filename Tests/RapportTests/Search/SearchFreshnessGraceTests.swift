import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// A served site lets a search answer from the index it has while a change it has only just
/// learnt of is applied (`freshnessGrace`), so searches do not queue behind applies; the change
/// still arrives at once, and whoever made a change through the site sees it in their next search.
@Suite("Search freshness grace")
struct SearchFreshnessGraceTests {
    @Test(arguments: TestDatabase.all)
    func searchesAnswerAtOnceWhileAChangeIsAppliedAndWritersSeeTheirOwn(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            // Longer than the test: only the apply a search starts can bring the change in.
            app.searchIndex = SearchIndexStore(logger: app.logger, freshnessGrace: .seconds(120))
            let practitioner = try await PractitionerFixture(name: "Grace Note").create(on: app)
            let owner = try await TestAccounts.make(app, email: "grace@example.org", role: .practitioner)
            practitioner.accountID = owner.id
            try await practitioner.save(on: app.db)
            let id = try practitioner.requireID()
            let sql = try #require(app.db as? any SQLDatabase)
            #expect(try await app.apiSearch("q=lighthouse").total == 0)

            // An operator's change: the first search after it is answered from the index it has,
            // and starts the apply, which brings the change in without anyone waiting.
            try await sql.raw("UPDATE practitioners SET headline = 'Lighthouse walks' WHERE id = \(bind: id)").run()
            #expect(try await app.apiSearch("q=lighthouse").total == 0, "answered from the published index")
            try await waitUntil("the change is applied", seconds: 10) { try await app.apiSearch("q=lighthouse").total == 1 }

            // A change through the site: the request catches up before it answers, so the very
            // next search has it.
            let browser = try await TestAccounts.browser(app, account: owner)
            try await browser.get("/dashboard")
            let saved = try await browser.post("/dashboard/visibility", ["visible": "no"])
            #expect(saved.status.code < 400)
            #expect(try await app.apiSearch("q=lighthouse").total == 0, "the writer's next search has their change")
            #expect(app.searchIndex.work.fullBuilds == 1)
        }
    }
}
