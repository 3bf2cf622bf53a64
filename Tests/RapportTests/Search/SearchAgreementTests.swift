import Foundation
import Testing
import Vapor

@testable import Rapport

/// Both databases hold the same deterministic demo data and must give the same answers: the
/// same set for every filter combination, and the same order wherever the order is exact.
@Suite("SQLite and PostgreSQL agree")
struct SearchAgreementTests {
    static let combinations: [String] = {
        let filters: [[String]] = [
            ["", "q=relationship", "q=anxiety+family", "q=couples+communication", "q=confidence"],
            ["", "topic=interpersonal-relationships", "topic=anxiety", "approach=cbt", "approach=life-coaching"],
            ["", "near=London", "near=Manchester&radius_miles=25", "near=Leeds&radius_miles=40", "near=Bristol&format=online",
             "near=Birmingham&format=in_person&radius_miles=30", "format=phone"],
            ["", "max_fee=60", "concessions=true", "free_first=true", "language=Welsh", "gender=male",
             "works_with=couples", "accepting=any", "kind=coach"],
        ]
        // A fixed walk through the combinations: every value of every filter appears, in many pairings.
        var random = SeededRandom(seed: 2026)
        var queries: Set<String> = []
        while queries.count < 50 {
            let parts = filters.map { random.pick($0) }.filter { !$0.isEmpty }
            queries.insert(parts.joined(separator: "&"))
        }
        return queries.sorted()
    }()

    static let sorts = ["", "sort=fee", "sort=recently_confirmed", "sort=nearest"]

    @Test(.enabled(if: TestDatabase.all.contains(.postgres), "needs RAPPORT_TEST_POSTGRES_URL"))
    func everyFilterCombinationGivesTheSameAnswerOnBothDatabases() async throws {
        func answers(_ database: TestDatabase) async throws -> [String: SearchAnswer] {
            try await withRapport(database) { app in
                try await DemoSeeder(app: app).seed(count: 400, seed: 11, today: "2026-11-22")
                var answers: [String: SearchAnswer] = [:]
                for combination in Self.combinations {
                    for sort in Self.sorts where sort != "sort=nearest" || combination.contains("near=") && !combination.contains("format=online") && !combination.contains("format=phone") {
                        let query = [combination, sort, "per_page=100"].filter { !$0.isEmpty }.joined(separator: "&")
                        answers[query] = try await app.apiSearch(query)
                    }
                }
                return answers
            }
        }
        let sqlite = try await answers(.sqlite)
        let postgres = try await answers(.postgres)
        #expect(sqlite.keys.sorted() == postgres.keys.sorted())
        var nonEmpty = 0
        for (query, lite) in sqlite {
            let pg = try #require(postgres[query])
            #expect(lite.total == pg.total, "total differs for \(query)")
            if lite.total > 0 { nonEmpty += 1 }
            // Both databases feed the same in-memory catalogue, so even best match with words
            // gives the same order: any difference is in what the databases store or return.
            do {
                #expect(lite.slugs == pg.slugs, "order differs for \(query)")
                let liteDistances = lite.results.map { $0.distance_miles.map { ($0 * 10).rounded() } }
                let pgDistances = pg.results.map { $0.distance_miles.map { ($0 * 10).rounded() } }
                #expect(liteDistances == pgDistances, "distances differ for \(query)")
            }
        }
        #expect(nonEmpty > sqlite.count / 3, "most combinations should find someone, or the test proves little")
    }
}
