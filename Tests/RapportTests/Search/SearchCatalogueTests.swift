import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("The in-memory search catalogue")
struct SearchCatalogueTests {
    @Test func theStemmerFollowsPortersExamples() {
        // From Porter's paper and his published vocabulary and output files.
        let expected = [
            "caresses": "caress", "ponies": "poni", "cats": "cat", "feed": "feed", "agreed": "agre",
            "plastered": "plaster", "motoring": "motor", "sing": "sing", "conflated": "conflat", "hopping": "hop",
            "filing": "file", "happy": "happi", "relational": "relat", "generalizations": "gener",
            "relationships": "relationship", "relationship": "relationship", "families": "famili", "family": "famili",
            "communication": "commun", "controll": "control", "rate": "rate", "cease": "ceas", "as": "as",
        ]
        for (word, stem) in expected {
            #expect(PorterStemmer.stem(word) == stem, "\(word)")
        }
        // Words with anything but a to z are left as they are.
        #expect(PorterStemmer.stem("café") == "café")
        #expect(PorterStemmer.stem("covid19") == "covid19")
    }

    /// Postings switch from a list to a bit set as they fill; both must answer alike.
    @Test(arguments: [(listings: 100_000, every: 7), (listings: 100_000, every: 5_000), (listings: 50, every: 1)])
    func postingsAnswerTheSameAsListsOrBitSets(listings: Int, every: Int) {
        let slots = stride(from: 3, to: listings, by: every).map { SearchCatalogue.Slot($0) }
        var postings = Postings()
        for slot in slots { postings.append(slot, listingCount: listings) }
        postings.shrinkToFit()
        #expect(postings.count == slots.count)
        var walked: [SearchCatalogue.Slot] = []
        postings.forEach { walked.append($0) }
        #expect(walked == slots)
        // Asked in increasing order, as a search asks, including slots that are not there.
        var cursor = postings.cursor()
        let members = Set(slots)
        let asked = stride(from: 0, to: listings, by: max(1, every / 3)).map { SearchCatalogue.Slot($0) }
        #expect(asked.filter { cursor.contains($0) } == asked.filter { members.contains($0) })
        let set = postings.slotSet(size: listings)
        #expect(asked.filter { set.contains($0) } == asked.filter { members.contains($0) })
    }

    @Test func textIsSplitIntoPlainLowerCaseWords() {
        #expect(SearchWords.words(in: "Couples' Counselling — CBT & IPT") == ["couples", "counselling", "cbt", "ipt"])
        #expect(SearchWords.words(in: "Thérapie, naïve!") == ["therapie", "naive"])
        #expect(SearchWords("relationships Relationship")?.stems == ["relationship"])
    }

    /// Results are made from the catalogue's packed summaries, profiles from the model: every
    /// field must come out the same, or a column was missed in one of them.
    @Test(arguments: TestDatabase.all)
    func summariesFromTheCatalogueMatchSummariesFromTheModel(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            var full = PractitionerFixture(name: "Every Field Ærøskøbing")
            full.headline = "Naïve café headline — with “quotes”"
            full.places = ["Leeds", "Harrogate"]
            full.languages = ["Welsh", "English"]
            full.topics = ["family-issues", "anxiety"]
            full.approaches = ["interpersonal-therapy", "cbt"]
            full.phone = true
            full.worksWith = [.couples, .families, .youngPeople]
            full.confirmedOn = "2024-02-29"
            try await full.create(on: app)
            var sparse = PractitionerFixture(name: "Few Fields")
            sparse.kind = .coach
            sparse.gender = nil
            sparse.freeFirstMinutes = nil
            sparse.concessions = false
            sparse.accepting = false
            sparse.inPerson = false
            sparse.places = []
            sparse.topics = []
            sparse.approaches = []
            sparse.languages = []
            try await sparse.create(on: app)

            let catalogue = try await app.searchIndex.index(on: app.db).base
            let models = try await Practitioner.query(on: app.db).withEverythingShown().all()
            #expect(catalogue.ids.count == 2)
            for slot in catalogue.ids.indices {
                let fromCatalogue = catalogue.summary(at: SearchCatalogue.Slot(slot))
                let model = try #require(models.first { $0.id == fromCatalogue.id })
                #expect(fromCatalogue == PractitionerSummary(model), "\(model.displayName)")
            }
            let every = try #require(models.first { $0.displayName.hasPrefix("Every") })
            let summary = PractitionerSummary(every)
            #expect(summary.locations.map(\.placeLabel) == ["Harrogate", "Leeds"])
            #expect(summary.approaches.map(\.slug) == ["cbt", "interpersonal-therapy"])
            #expect(summary.languages == ["English", "Welsh"])
            #expect(summary.formats == [.inPerson, .online, .phone])
        }
    }

    /// The catalogue is read in batches; every listing must arrive once, whatever the batch size.
    @Test(arguments: TestDatabase.all)
    func batchesTogetherReadEveryListingOnce(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            for number in 1...5 {
                var fixture = PractitionerFixture(name: "Batch Person \(number)")
                fixture.places = number.isMultiple(of: 2) ? ["Leeds", "York"] : []
                try await fixture.create(on: app)
            }
            var hidden = PractitionerFixture(name: "Not Listed")
            hidden.visibility = .hidden
            try await hidden.create(on: app)

            let whole = try await SearchCatalogue.load(from: app.db).catalogue
            let inTwos = try await SearchCatalogue.load(from: app.db, batchSize: 2).catalogue
            #expect(whole.ids.count == 5)
            #expect(inTwos.ids == whole.ids)
            for slot in whole.ids.indices.map({ SearchCatalogue.Slot($0) }) {
                #expect(inTwos.summary(at: slot) == whole.summary(at: slot))
            }
        }
    }

    /// A search with many matches takes its page from the day's precomputed order (best match with words:
    /// from its tiers); a narrow one ranks its matches. Forced each way, every combination, sort
    /// and page must give the same answer.
    @Test func thePrecomputedOrderGivesTheSameAnswerAsRankingEveryMatch() async throws {
        try await withRapport(.sqlite) { app in
            try await DemoSeeder(app: app).seed(count: 400, seed: 11, today: "2026-11-22")
            let catalogue = try await app.searchIndex.index(on: app.db).base
            let parser = SearchParser(mode: .api, gazetteer: app.gazetteer, taxonomy: catalogue.taxonomy)
            var compared = 0
            for combination in SearchAgreementTests.combinations {
                for extra in [
                    "", "sort=fee", "sort=recently_confirmed", "q=relationships&sort=fee", "page=3&per_page=7",
                    "q=relationships", "q=family+anxiety&page=2&per_page=5", "q=couples+relationship+therapy+trust&per_page=30",
                ] {
                    let query = [combination, extra].filter { !$0.isEmpty }.joined(separator: "&")
                    let criteria = try parser.parse(SearchParser.queryValues(query)).criteria
                    var fromOrder = PractitionerSearch(criteria: criteria, today: "2026-11-22")
                    fromOrder.orderStepsPerRankedMatch = .infinity
                    var fromRanking = PractitionerSearch(criteria: criteria, today: "2026-11-22")
                    fromRanking.orderStepsPerRankedMatch = 0
                    fromRanking.ranksWordsByTiers = false
                    let (ordered, ranked) = (fromOrder.run(in: catalogue), fromRanking.run(in: catalogue))
                    #expect(ordered.total == ranked.total, "\(query)")
                    #expect(ordered.hits == ranked.hits, "\(query)")
                    if !ranked.hits.isEmpty { compared += 1 }
                }
            }
            #expect(compared > 100)
        }
    }

    @Test(arguments: TestDatabase.all)
    func wordsInTheNameHeadlineOrTopicsRankAboveWordsOnlyInTheAbout(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            // Many shuffle seeds, so a pass cannot be luck of the daily shuffle.
            for seed in 1...6 {
                var inHeadline = PractitionerFixture(name: "Headline \(seed)")
                inHeadline.headline = "Support through grief and loss"
                inHeadline.shuffleSeed = seed * 2
                try await inHeadline.create(on: app)
                var inAbout = PractitionerFixture(name: "About \(seed)")
                inAbout.about = "Sometimes grief shows up in our relationships."
                inAbout.shuffleSeed = seed * 2 + 1
                try await inAbout.create(on: app)
            }
            let answer = try await app.apiSearch("q=Grief")
            #expect(answer.total == 12)
            #expect(answer.slugs.prefix(6).allSatisfy { $0.hasPrefix("headline-") }, "\(answer.slugs)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func anotherInstanceSeesChangesAtItsNextSearch(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            // A second store over the same database is what a second app instance holds.
            let otherInstance = SearchIndexStore(logger: app.logger)
            let first = try await PractitionerFixture.make(on: app, name: "First Listed")
            #expect(try await otherInstance.index(on: app.db).listedIDs == [first.id])

            // Work started early on the index already published must not be the answer once
            // the log has moved on.
            let second = try await PractitionerFixture.make(on: app, name: "Second Listed")
            #expect(Set(try await otherInstance.withIndex(on: app.db) { $0.listedIDs }) == [first.id, second.id])
            #expect(Set(try await otherInstance.index(on: app.db).listedIDs) == [first.id, second.id])

            // Hiding a profile is a change like any other: gone at the next search.
            first.visibility = .hidden
            try await first.save(on: app.db)
            #expect(try await otherInstance.withIndex(on: app.db) { $0.listedIDs } == [second.id])
            #expect(try await otherInstance.index(on: app.db).listedIDs == [second.id])
            #expect(try await app.apiSearch("").slugs == ["second-listed"])
            #expect(otherInstance.work.fullBuilds == 1, "changes were applied, not rebuilt")
        }
    }

    /// Concurrent searches share reads of the log, but a search must never be answered by a read
    /// that began before it did: after each change, every read started afterwards sees it, even
    /// while a crowd of other reads is in flight.
    @Test(arguments: TestDatabase.all)
    func sharedLatestReadsNeverAnswerWithAnOlderNumber(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let reads = SharedLatestReads()
            let practitioner = try await PractitionerFixture.make(on: app, name: "Often Changed")
            let sql = try #require(app.db as? any SQLDatabase)
            try await withThrowingTaskGroup(of: Void.self) { group in
                // The crowd: reads that keep starting and ending throughout.
                let crowdStops = NIOLockedValueBox(false)
                for _ in 0..<8 {
                    group.addTask {
                        while !crowdStops.withLockedValue({ $0 }) { _ = try await reads.read(on: app.db) }
                    }
                }
                for round in 1...30 {
                    try await sql.raw("UPDATE practitioners SET headline = \(bind: "Round \(round)") WHERE id = \(bind: practitioner.id)").run()
                    let expected = try await SearchChangeLog.latest(on: app.db)
                    let numbers = try await withThrowingTaskGroup(of: Int64.self) { readers in
                        for _ in 0..<6 { readers.addTask { try await reads.read(on: app.db) } }
                        return try await readers.reduce(into: []) { $0.append($1) }
                    }
                    #expect(numbers.allSatisfy { $0 >= expected }, "round \(round): \(numbers)")
                }
                crowdStops.withLockedValue { $0 = true }
                try await group.waitForAll()
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func deepPagesAndLargePagesComeFromTheSameOrder(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            for number in 1...45 {
                var fixture = PractitionerFixture(name: "Practitioner \(number)")
                fixture.shuffleSeed = number * 7919
                try await fixture.create(on: app)
            }
            let everyone = try await app.apiSearch("per_page=100")
            #expect(everyone.total == 45 && everyone.slugs.count == 45)
            var paged: [String] = []
            for page in 1...5 {
                paged += try await app.apiSearch("per_page=10&page=\(page)").slugs
            }
            #expect(paged == everyone.slugs)
            #expect(try await app.apiSearch("per_page=10&page=6").slugs.isEmpty)
        }
    }
}
