import Fluent
import Foundation
import Testing
import Vapor

@testable import Rapport

@Suite("Loading a page of practitioners")
struct PractitionerListLoaderTests {
    /// The loader reads columns by name; Fluent reads them by reflection. Every field and every
    /// relation must come out the same, or a new column was missed.
    @Test(arguments: TestDatabase.all)
    func theLoaderGivesWhatFluentGives(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            var full = PractitionerFixture(name: "Every Field")
            full.places = ["Harrogate", "Leeds"]
            full.languages = ["English", "Welsh"]
            full.topics = ["anxiety", "family-issues"]
            full.approaches = ["cbt", "interpersonal-therapy"]
            try await full.create(on: app)
            var sparse = PractitionerFixture(name: "Few Fields")
            sparse.gender = nil
            sparse.freeFirstMinutes = nil
            sparse.places = []
            try await sparse.create(on: app)

            let ids = try await Practitioner.query(on: app.db).all().map { try $0.requireID() }
            let lean = try await PractitionerListLoader.load(ids, on: app.db)
            let fluent = try await Practitioner.query(on: app.db).filter(\.$id ~~ ids).withEverythingShown().all()
            #expect(lean.count == 2)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for practitioner in fluent {
                let loaded = try #require(lean.first { $0.id == practitioner.id })
                #expect(try encoder.encode(loaded) == encoder.encode(practitioner), "\(practitioner.displayName)")
                #expect(loaded.topics.map(\.slug).sorted() == practitioner.topics.map(\.slug).sorted())
                #expect(loaded.approaches.map(\.slug).sorted() == practitioner.approaches.map(\.slug).sorted())
                #expect(loaded.locations.map(\.placeLabel).sorted() == practitioner.locations.map(\.placeLabel).sorted())
                #expect(loaded.locations.map(\.latitude).sorted() == practitioner.locations.map(\.latitude).sorted())
                #expect(loaded.languages.map(\.language).sorted() == practitioner.languages.map(\.language).sorted())
            }
        }
    }
}
