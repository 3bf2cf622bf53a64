import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("What each search filter means")
struct SearchFilterTests {
    @Test(arguments: TestDatabase.all)
    func everyFilterKeepsExactlyThePractitionersItShould(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            let cases: [(query: String, expected: Set<String>)] = [
                ("", ["inside-edge", "outside-edge", "online-only", "welsh-speaker", "leeds-coach"]),
                ("accepting=any", ["inside-edge", "outside-edge", "online-only", "welsh-speaker", "leeds-coach", "fully-booked"]),
                ("kind=coach", ["leeds-coach"]),
                ("kind=therapist&accepting=any", ["inside-edge", "outside-edge", "online-only", "welsh-speaker", "fully-booked"]),
                ("near=Harrogate", ["inside-edge", "welsh-speaker"]),
                ("near=Harrogate&radius_miles=11", ["inside-edge", "outside-edge", "welsh-speaker"]),
                ("near=Harrogate&format=in_person", ["inside-edge", "welsh-speaker"]),
                ("near=Harrogate&format=online", ["inside-edge", "outside-edge", "online-only", "welsh-speaker", "leeds-coach"]),
                ("near=Harrogate&format=phone", ["welsh-speaker"]),
                ("format=phone", ["welsh-speaker"]),
                ("max_fee=50", ["inside-edge", "outside-edge"]),
                ("max_fee=49", ["inside-edge"]),
                ("concessions=true&kind=therapist", ["inside-edge", "outside-edge", "welsh-speaker"]),
                ("free_first=true", ["inside-edge", "outside-edge", "welsh-speaker", "leeds-coach"]),
                ("language=Welsh", ["welsh-speaker"]),
                ("language=welsh", ["welsh-speaker"]),
                ("gender=male", ["welsh-speaker"]),
                ("gender=non-binary", ["leeds-coach"]),
                ("works_with=families", ["welsh-speaker"]),
                ("works_with=couples&kind=coach", ["leeds-coach"]),
                ("topic=family-issues", ["welsh-speaker"]),
                ("approach=relationship-coaching", ["leeds-coach"]),
                ("topic=interpersonal-relationships&near=Harrogate&max_fee=60&free_first=true", ["inside-edge"]),
                ("near=Leeds", ["leeds-coach"]),
            ]
            for (query, expected) in cases {
                let answer = try await app.apiSearch(query)
                #expect(Set(answer.slugs) == expected, "\(query)")
                #expect(answer.total == expected.count, "\(query)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func distancesAreGreatCircleMilesToTheNearestLocation(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            let answer = try await app.apiSearch("near=Harrogate&radius_miles=11&sort=nearest")
            #expect(answer.slugs == ["welsh-speaker", "inside-edge", "outside-edge"])
            let distances = answer.results.compactMap(\.distance_miles)
            #expect(distances.count == 3)
            #expect(abs(distances[0]) < 0.01)
            #expect(abs(distances[1] - 9.99) < 0.01)
            #expect(abs(distances[2] - 10.01) < 0.01)
            // Online with a place ignores distance entirely.
            let online = try await app.apiSearch("near=Harrogate&format=online")
            #expect(online.results.allSatisfy { $0.distance_miles == nil })
        }
    }

    @Test(arguments: TestDatabase.all)
    func wordsMatchAnyFormOfAWordAndNeverActAsSyntax(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            // "relationship" finds "relationships", "family" finds "Families".
            #expect(try await app.apiSearch("q=relationship&kind=coach").slugs == ["leeds-coach"])
            #expect(try await app.apiSearch("q=family").slugs == ["welsh-speaker"])
            #expect(try await app.apiSearch("q=arguing+couples").slugs == ["leeds-coach"])
            #expect(try await app.apiSearch("q=Welsh+Speaker").slugs == ["welsh-speaker"], "names are searched")
            #expect(try await app.apiSearch("q=interpersonal+therapy&kind=therapist&near=Harrogate").slugs.sorted() == ["inside-edge"])
            // Query syntax is just text: nothing breaks, nothing widens.
            for hostile in ["%22unterminated", "NEAR(a+b)", "a+AND+OR+NOT+b", "-family", "name%3Afamily", "%27%3B+DROP+TABLE+practitioners%3B--"] {
                let answer = try await app.apiSearch("q=\(hostile)")
                #expect(answer.total <= 1, "\(hostile)")
            }
            // Nothing searchable left (only punctuation or common words): no word filter at all.
            #expect(try await app.apiSearch("q=*").total == 5)
            #expect(try await app.apiSearch("q=the+and+of").total == 5)
        }
    }

    @Test(arguments: TestDatabase.all)
    func sortsAreExactAndTiesFollowTheDailyShuffle(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            let byFee = try await app.apiSearch("sort=fee")
            #expect(byFee.slugs == ["inside-edge", "outside-edge", "welsh-speaker", "leeds-coach", "online-only"])
            let byConfirmation = try await app.apiSearch("sort=recently_confirmed")
            #expect(byConfirmation.slugs.suffix(2) == ["leeds-coach", "welsh-speaker"])
            // Best: fresh availability first, so the stale Welsh speaker is last.
            let best = try await app.apiSearch("sort=best")
            #expect(best.slugs.last == "welsh-speaker")
            // Among the fresh ones (all confirmed today), the order is the day's shuffle.
            let shuffle = DailyShuffle(day: LondonCalendar.today())
            let seeds = ["inside-edge": 1, "outside-edge": 2, "online-only": 3]
            let fresh = best.slugs.filter { seeds[$0] != nil }
            #expect(fresh == seeds.keys.sorted { shuffle.key(shuffleSeed: seeds[$0]!) < shuffle.key(shuffleSeed: seeds[$1]!) })
        }
    }

    @Test(arguments: TestDatabase.all)
    func pagesSplitTheSameOrder(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            let all = try await app.apiSearch("sort=fee&accepting=any")
            let first = try await app.apiSearch("sort=fee&accepting=any&per_page=4")
            let second = try await app.apiSearch("sort=fee&accepting=any&per_page=4&page=2")
            let beyond = try await app.apiSearch("sort=fee&accepting=any&per_page=4&page=3")
            #expect(first.slugs + second.slugs == all.slugs)
            #expect(first.total == 6 && second.total == 6 && second.page == 2 && second.per_page == 4)
            #expect(beyond.results.isEmpty && beyond.total == 6)
        }
    }

    /// Known keys, pinned: the shuffle must be the same in every process and on every instance
    /// (or two instances would page through different orders), and change with the day.
    @Test func theDailyShuffleIsFixedForADayAndChangesTheNext() {
        let monday = DailyShuffle(day: "2026-11-23")
        let tuesday = DailyShuffle(day: "2026-11-24")
        #expect([0, 7, 1_000_000].map { monday.key(shuffleSeed: $0) } == Self.mondayKeys)
        #expect([0, 7, 1_000_000].map { tuesday.key(shuffleSeed: $0) } == Self.tuesdayKeys)
    }

    static let mondayKeys = [341_946_594, 564_611_638, 1_106_167_230]
    static let tuesdayKeys = [194_929_513, 606_464_106, 1_031_968_720]

    /// Seeds at the ends of `Int` and the largest offsets give keys in range, with no trap from
    /// an overflowing multiplication, on every day of a decade.
    @Test func theDailyShuffleNeverOverflows() {
        for dayOffset in stride(from: 0, to: 3_650, by: 7) {
            let shuffle = DailyShuffle(day: LondonCalendar.day("2026-01-01", addingDays: dayOffset))
            for seed in [Int.min, Int.min + 1, -1, 0, DailyShuffle.modulus - 1, DailyShuffle.modulus, Int.max] {
                let key = shuffle.key(shuffleSeed: seed)
                #expect((0..<DailyShuffle.modulus).contains(key), "day +\(dayOffset), seed \(seed): \(key)")
            }
        }
    }
}
