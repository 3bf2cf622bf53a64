import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// Search follows every change, whoever makes it: the database's triggers log it, and each
/// instance applies just what changed to an overlay over its immutable base.
@Suite("Search follows every change")
struct SearchFollowsChangesTests {
    @Test(arguments: TestDatabase.all)
    func anOperatorsPlainSQLReachesSearch(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let practitioner = try await PractitionerFixture.make(on: app, name: "Plain Change")
            let id = try practitioner.requireID()
            #expect(try await app.apiSearch("q=lighthouse").total == 0)
            let sql = try #require(app.db as? any SQLDatabase)

            try await sql.raw("UPDATE practitioners SET headline = 'Lighthouse talks for couples' WHERE id = \(bind: id)").run()
            #expect(try await app.apiSearch("q=lighthouse").slugs == ["plain-change"])

            // Every table the loader reads is followed, not just the practitioner's own row.
            #expect(try await app.apiSearch("language=Welsh").total == 0)
            try await sql.raw("INSERT INTO practitioner_languages (id, practitioner_id, language) VALUES (\(bind: UUID()), \(bind: id), 'Welsh')").run()
            #expect(try await app.apiSearch("language=Welsh").slugs == ["plain-change"])
            try await sql.raw("DELETE FROM practitioner_topics WHERE practitioner_id = \(bind: id)").run()
            #expect(try await app.apiSearch("topic=interpersonal-relationships").total == 0)
            try await sql.raw("UPDATE practitioner_locations SET place_label = 'Nowhere', latitude = 0, longitude = 0 WHERE practitioner_id = \(bind: id)").run()
            #expect(try await app.apiSearch("near=Harrogate&radius_miles=25").total == 0)

            try await sql.raw("UPDATE practitioners SET visibility = 'hidden' WHERE id = \(bind: id)").run()
            #expect(try await app.apiSearch("").total == 0)
            try await sql.raw("UPDATE practitioners SET visibility = 'visible' WHERE id = \(bind: id)").run()
            #expect(try await app.apiSearch("q=lighthouse").total == 1)
            try await sql.raw("DELETE FROM practitioners WHERE id = \(bind: id)").run()
            #expect(try await app.apiSearch("").total == 0)
            #expect(app.searchIndex.work.fullBuilds == 1, "every change was applied, none rebuilt the index")
        }
    }

    /// A column search does not read (a count, a note) logs nothing.
    @Test(arguments: TestDatabase.all)
    func changesSearchDoesNotReadAreNotLogged(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let practitioner = try await PractitionerFixture.make(on: app, name: "Quiet Change")
            let before = try await SearchChangeLog.latest(on: app.db)
            practitioner.enquiriesPausedAt = Date()
            try await practitioner.save(on: app.db)
            #expect(try await SearchChangeLog.latest(on: app.db) == before)
            practitioner.headline = "A new headline"
            try await practitioner.save(on: app.db)
            #expect(try await SearchChangeLog.latest(on: app.db) > before)
        }
    }

    /// The index with an overlay must answer every search exactly as an index built afresh from
    /// the same database: same total, same people, same order, on every page and sort.
    @Test(arguments: TestDatabase.all)
    func theOverlayAnswersExactlyAsAFreshBuild(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await DemoSeeder(app: app).seed(count: 300, seed: 7, today: "2026-11-22")
            _ = try await app.apiSearch("")
            let sql = try #require(app.db as? any SQLDatabase)
            func some(_ count: Int, skipping skip: Int) -> SQLQueryString {
                "SELECT id FROM practitioners ORDER BY id LIMIT \(unsafeRaw: String(count)) OFFSET \(unsafeRaw: String(skip))"
            }
            try await sql.raw("UPDATE practitioners SET headline = 'Relationships and lighthouse walks' WHERE id IN (\(some(8, skipping: 0)))").run()
            try await sql.raw("UPDATE practitioners SET fee_min_pence = 1500 WHERE id IN (\(some(6, skipping: 20)))").run()
            try await sql.raw("UPDATE practitioners SET shuffle_seed = 5 WHERE id IN (\(some(6, skipping: 40)))").run()
            try await sql.raw("UPDATE practitioners SET visibility = 'hidden' WHERE id IN (\(some(5, skipping: 60)))").run()
            try await sql.raw("UPDATE practitioners SET availability_confirmed_on = '2026-06-01' WHERE id IN (\(some(5, skipping: 80)))").run()
            try await sql.raw("DELETE FROM practitioner_topics WHERE practitioner_id IN (\(some(5, skipping: 100)))").run()
            for number in 1...4 {
                var fixture = PractitionerFixture(name: "Newcomer \(number)")
                fixture.headline = "Family relationships, lighthouse calm"
                fixture.shuffleSeed = number * 104_729
                fixture.feeMinPence = 1000 * number
                try await fixture.create(on: app)
            }

            let following = try await app.searchIndex.index(on: app.db)
            #expect(following.listingCount > 0 && !following.overlay.ids.isEmpty && following.hiddenCount > 0)
            #expect(app.searchIndex.work.fullBuilds == 1)
            let fresh = try await SearchIndexStore(logger: app.logger).index(on: app.db)
            #expect(fresh.overlay.ids.isEmpty)
            #expect(Set(following.listedIDs) == Set(fresh.listedIDs))

            let parser = SearchParser(mode: .api, gazetteer: app.gazetteer, taxonomy: fresh.taxonomy)
            let today = app.searchService.today
            var compared = 0
            for combination in SearchAgreementTests.combinations {
                for extra in ["", "sort=fee", "sort=recently_confirmed", "q=lighthouse", "q=relationships&page=2&per_page=7", "per_page=50&page=2"] {
                    let query = [combination, extra].filter { !$0.isEmpty }.joined(separator: "&")
                    let search = PractitionerSearch(criteria: try parser.parse(SearchParser.queryValues(query)).criteria, today: today)
                    let (incremental, rebuilt) = (following.run(search), fresh.run(search))
                    #expect(incremental.total == rebuilt.total, "\(query)")
                    #expect(incremental.practitioners.map(\.practitioner.id) == rebuilt.practitioners.map(\.practitioner.id), "\(query)")
                    #expect(incremental.practitioners.map(\.distanceMiles) == rebuilt.practitioners.map(\.distanceMiles), "\(query)")
                    if !rebuilt.practitioners.isEmpty { compared += 1 }
                }
            }
            #expect(compared > 50)
        }
    }

    /// Past 1% of the directory (at least 50), the base is rebuilt in the background and adopted
    /// with whatever changed while it was being built; searches never wait for it.
    @Test(arguments: TestDatabase.all)
    func aFullOverlayIsFoldedIntoANewBaseInTheBackground(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await DemoSeeder(app: app).seed(count: 120, seed: 3, today: "2026-11-22")
            _ = try await app.apiSearch("")
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE practitioners SET headline = 'Lighthouse' WHERE id IN (SELECT id FROM practitioners ORDER BY id LIMIT 60)").run()
            let listedChanged = try await app.apiSearch("q=lighthouse").total
            #expect(listedChanged > SearchIndexStore.overlayLimit(baseCount: 0) / 2)
            try await waitUntil("the new base is built") { app.searchIndex.work.fullBuilds == 2 }
            try await app.searchIndex.refresh(on: app.db)
            let index = try await app.searchIndex.index(on: app.db)
            #expect(index.overlay.ids.isEmpty && index.hiddenCount == 0, "the overlay went into the base")
            #expect(try await app.apiSearch("q=lighthouse").total == listedChanged)
        }
    }

    /// A renamed topic changes every listing's words: it rebuilds in the background.
    @Test(arguments: TestDatabase.all)
    func aRenamedTopicIsFollowedToo(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app, name: "Topic Person")
            #expect(try await app.apiSearch("q=Kinship").total == 0)
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE topics SET name = 'Kinship and relationships' WHERE slug = 'interpersonal-relationships'").run()
            try await waitUntil("the renamed topic is searchable") { (try? await app.apiSearch("q=Kinship").total) == 1 }
        }
    }

    /// An instance that fell behind the trimmed part of the log cannot know what it missed, so
    /// it rebuilds from the whole directory.
    @Test(arguments: TestDatabase.all)
    func anInstanceThatFellBehindTheTrimmedLogRebuilds(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let practitioner = try await PractitionerFixture.make(on: app, name: "Long Away")
            let asleep = SearchIndexStore(logger: app.logger)
            #expect(try await asleep.index(on: app.db).listedIDs.count == 1)
            for round in 1...3 {
                practitioner.headline = "Round \(round) lighthouse"
                try await practitioner.save(on: app.db)
            }
            try await PractitionerFixture.make(on: app, name: "Joined Meanwhile")
            let trimmed = try await SearchChangeLog.trim(now: Date().addingTimeInterval(SearchChangeLog.keptFor + 60), on: app.db)
            #expect(trimmed > 3)
            #expect(try await SearchChangeLog.latest(on: app.db) > 0, "the newest number is kept")
            _ = try await asleep.index(on: app.db)
            try await waitUntil("the rebuilt base is adopted") {
                try? await asleep.refresh(on: app.db)
                let listed = try await asleep.index(on: app.db).listedIDs.count
                return asleep.work.fullBuilds == 2 && listed == 2
            }
        }
    }

    /// The day's shuffle and the 60- and 120-day rules follow London's midnight, worked out
    /// again on the first search of the day, with no rebuild.
    @Test func daysTurnAtLondonMidnightWithoutARebuild() async throws {
        try await withRapport(.sqlite) { app in
            let lastEvening = try #require(ISO8601DateFormatter().date(from: "2026-06-10T22:59:00Z"))  // 23:59 BST
            app.clock = { lastEvening }
            let today = LondonCalendar.today(now: lastEvening)
            #expect(today == "2026-06-10")
            var nearlyLapsed = PractitionerFixture(name: "Nearly Lapsed")
            nearlyLapsed.confirmedOn = LondonCalendar.day(today, addingDays: -ListingPolicy.hiddenAfterUnconfirmedDays)
            try await nearlyLapsed.create(on: app)
            for number in 1...12 {
                var fixture = PractitionerFixture(name: "Shuffled \(number)")
                fixture.shuffleSeed = number * 7_919
                try await fixture.create(on: app)
            }
            let evening = try await app.apiSearch("per_page=50")
            #expect(evening.slugs.contains("nearly-lapsed"))

            app.clock = { lastEvening.addingTimeInterval(120) }  // 00:01 on 11 June
            let morning = try await app.apiSearch("per_page=50")
            #expect(!morning.slugs.contains("nearly-lapsed"), "past 120 days unconfirmed, out of search")
            #expect(morning.slugs != evening.slugs.filter { $0 != "nearly-lapsed" }, "a new day, a new shuffle")
            #expect(app.searchIndex.work.fullBuilds == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func readinessWaitsForTheFirstIndex(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
            let first = try await app.testing().sendRequest(.GET, "/healthz/ready")
            #expect(first.status == .serviceUnavailable)
            try await waitUntil("the index is built after the readiness check asked") { app.searchIndex.isReady }
            #expect(try await app.testing().sendRequest(.GET, "/healthz/ready").status == .ok)
        }
    }
}

/// Polls `condition` every 50 ms for up to `seconds`, for work that happens in the background.
func waitUntil(_ what: String, seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("Timed out waiting until \(what)", sourceLocation: sourceLocation)
}
