import Fluent
import Testing
import Vapor

@testable import Rapport

@Suite("Demo data")
struct DemoSeedingTests {
    struct Summary: Equatable {
        let slug: String
        let name: String
        let fee: Int
        let confirmedOn: String
        let topicCount: Int
        let place: String
    }

    func summaries(_ app: Application) async throws -> [Summary] {
        try await Practitioner.query(on: app.db).with(\.$topics).with(\.$locations).sort(\.$slug).all().map {
            Summary(
                slug: $0.slug, name: $0.displayName, fee: $0.feeMinPence, confirmedOn: $0.availabilityConfirmedOn,
                topicCount: $0.topics.count, place: $0.locations.first?.placeLabel ?? "")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theSameSeedAndDayMakeTheSamePractitioners(database: TestDatabase) async throws {
        let first = try await withRapport(database) { app in
            try await DemoSeeder(app: app).seed(count: 60, seed: 7, today: "2026-11-22")
            return try await summaries(app)
        }
        let second = try await withRapport(database) { app in
            try await DemoSeeder(app: app).seed(count: 60, seed: 7, today: "2026-11-22")
            return try await summaries(app)
        }
        let otherSeed = try await withRapport(database) { app in
            try await DemoSeeder(app: app).seed(count: 60, seed: 8, today: "2026-11-22")
            return try await summaries(app)
        }
        #expect(first.count == 60)
        #expect(first == second)
        #expect(first != otherSeed)
    }

    @Test(arguments: TestDatabase.all)
    func seedingAddsToWhatIsThereAndEveryoneIsVerifiedAndRealistic(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app)
            try await DemoSeeder(app: app).seed(count: 150, seed: 1, today: "2026-11-22")
            try await DemoSeeder(app: app).seed(count: 150, seed: 1, today: "2026-11-22")
            let all = try await Practitioner.query(on: app.db).with(\.$topics).with(\.$approaches).with(\.$locations)
                .with(\.$languages).all()
            let demo = all.filter(\.isDemo)
            #expect(all.count == 301)
            #expect(Set(all.map(\.slug)).count == 301)
            #expect(demo.allSatisfy { $0.verificationStatus == .verified && $0.visibility == .visible })
            #expect(Set(demo.map(\.kind)) == [.therapist, .coach])
            #expect(demo.allSatisfy { $0.topics.count >= 2 && !$0.approaches.isEmpty && !$0.locations.isEmpty })
            #expect(demo.allSatisfy { $0.languages.contains { $0.language == "English" } })
            #expect(demo.allSatisfy { $0.feeMinPence >= 4000 && $0.feeMaxPence >= $0.feeMinPence && $0.feeMaxPence <= 20000 })
            #expect(demo.allSatisfy { $0.offersInPerson || $0.offersOnline || $0.offersPhone })
            #expect(demo.allSatisfy { !$0.about.contains("{") && !$0.headline.contains("{") }, "every placeholder filled")
            #expect(demo.contains { !$0.acceptingNewClients })
            let ages = demo.compactMap { LondonCalendar.daysBetween($0.availabilityConfirmedOn, and: "2026-11-22") }
            #expect(ages.allSatisfy { $0 >= 0 })
            #expect(ages.contains { $0 > 60 }, "some availability should be stale")
            #expect(Set(demo.flatMap { $0.locations.map(\.placeLabel) }).count > 50, "spread over many places")
            // Coaches are offered coaching approaches only; therapists therapy approaches only.
            #expect(demo.allSatisfy { practitioner in
                practitioner.approaches.allSatisfy { ($0.audience == .coaching) == (practitioner.kind == .coach) }
            })
        }
    }

    @Test func namesBecomeReadableSlugs() {
        #expect(DemoGenerator.slug("Siân O'Neill-Jones", number: 12) == "sian-oneill-jones-12")
        #expect(DemoGenerator.slug("Paweł Woźniak", number: 3) == "pawel-wozniak-3")
        #expect(DemoGenerator.inSentence("Cognitive behavioural therapy (CBT)") == "cognitive behavioural therapy (CBT)")
        #expect(DemoGenerator.inSentence("EMDR") == "EMDR")
    }
}
