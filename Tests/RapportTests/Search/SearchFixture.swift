import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// The decoded answer of `GET /api/v1/practitioners`.
struct SearchAnswer: Decodable {
    struct Result: Decodable {
        let slug: String
        let distance_miles: Double?
    }

    let total: Int
    let page: Int
    let per_page: Int
    let results: [Result]

    var slugs: [String] { results.map(\.slug) }
}

extension Application {
    /// Runs an API search and decodes it, failing the test on any non-200.
    func apiSearch(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> SearchAnswer {
        let response = try await testing().sendRequest(.GET, "/api/v1/practitioners?\(query)")
        #expect(response.status == .ok, "\(query): \(response.body.string)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(SearchAnswer.self, from: Data(response.body.readableBytesView))
    }
}

/// Practitioners around Harrogate whose answers are known for every filter.
enum SearchWorld {
    static func build(on app: Application) async throws {
        let harrogate = try #require(app.gazetteer.place(labelled: "Harrogate"))
        let today = LondonCalendar.today()

        // Distance edge: 9.99 miles is inside a 10-mile radius, 10.01 is not.
        var inside = PractitionerFixture(name: "Inside Edge")
        inside.places = []
        inside.coordinates = [point(miles: 9.99, northOf: harrogate)]
        inside.feeMinPence = 4000
        inside.shuffleSeed = 1
        try await inside.create(on: app)

        var outside = PractitionerFixture(name: "Outside Edge")
        outside.places = []
        outside.coordinates = [point(miles: 10.01, northOf: harrogate)]
        outside.feeMinPence = 5000
        outside.shuffleSeed = 2
        try await outside.create(on: app)

        // In Harrogate itself but online only: never an in-person match.
        var onlineOnly = PractitionerFixture(name: "Online Only")
        onlineOnly.inPerson = false
        onlineOnly.feeMinPence = 9000
        onlineOnly.concessions = false
        onlineOnly.freeFirstMinutes = nil
        onlineOnly.shuffleSeed = 3
        try await onlineOnly.create(on: app)

        // In Harrogate, speaks Welsh, works with families, phone too, stale availability.
        var welsh = PractitionerFixture(name: "Welsh Speaker")
        welsh.phone = true
        welsh.languages = ["English", "Welsh"]
        welsh.gender = .male
        welsh.worksWith = [.families]
        welsh.feeMinPence = 7000
        welsh.confirmedOn = LondonCalendar.day(today, addingDays: -90)
        welsh.topics = ["family-issues"]
        welsh.approaches = ["systemic-and-family"]
        welsh.headline = "Families finding their way back to each other"
        welsh.shuffleSeed = 4
        try await welsh.create(on: app)

        // Not accepting new clients.
        var full = PractitionerFixture(name: "Fully Booked")
        full.accepting = false
        full.confirmedOn = LondonCalendar.day(today, addingDays: -3)
        full.shuffleSeed = 5
        try await full.create(on: app)

        // A coach in Leeds, non-binary, relationship coaching.
        var coach = PractitionerFixture(name: "Leeds Coach")
        coach.kind = .coach
        coach.places = ["Leeds"]
        coach.gender = .nonBinary
        coach.approaches = ["relationship-coaching"]
        coach.topics = ["communication-problems"]
        coach.headline = "Communication coaching for couples who keep arguing"
        coach.feeMinPence = 8000
        coach.confirmedOn = LondonCalendar.day(today, addingDays: -10)
        coach.shuffleSeed = 6
        try await coach.create(on: app)

        // Never shown: unverified and hidden.
        var pending = PractitionerFixture(name: "Pending Person")
        pending.verification = .pending
        try await pending.create(on: app)
        var hidden = PractitionerFixture(name: "Hidden Person")
        hidden.visibility = .hidden
        try await hidden.create(on: app)
    }
}
