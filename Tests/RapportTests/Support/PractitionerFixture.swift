import Fluent
import Foundation
import Vapor

@testable import Rapport

/// Hand-made practitioners with known answers, for tests that need exact facts.
struct PractitionerFixture {
    var name = "Ada Example"
    var slug: String?
    var kind: PractitionerKind = .therapist
    var verification: VerificationStatus = .verified
    var visibility: Visibility = .visible
    var headline = "Helping people with the relationships that matter"
    var about = "I work with individuals and couples.\n\nGet in touch for a first conversation."
    var topics = ["interpersonal-relationships"]
    var approaches = ["interpersonal-therapy"]
    /// Gazetteer labels, or exact coordinates for distance edges.
    var places: [String] = ["Harrogate"]
    var coordinates: [(latitude: Double, longitude: Double)] = []
    var inPerson = true
    var online = true
    var phone = false
    var feeMinPence = 6000
    var feeMaxPence = 7500
    var concessions = true
    var freeFirstMinutes: Int? = 20
    var languages = ["English"]
    var gender: Gender? = .female
    var worksWith: Set<ClientGroup> = [.individuals, .couples]
    var accepting = true
    var confirmedOn = LondonCalendar.today()
    var shuffleSeed = 42
    var isDemo = false

    @discardableResult
    func create(on app: Application) async throws -> Practitioner {
        let practitioner = Practitioner()
        practitioner.kind = kind
        practitioner.displayName = name
        practitioner.slug = slug ?? name.lowercased().replacingOccurrences(of: " ", with: "-")
        practitioner.headline = headline
        practitioner.about = about
        practitioner.qualifications = "MSc Interpersonal Psychotherapy"
        practitioner.professionalBody = "British Association for Counselling and Psychotherapy (BACP)"
        practitioner.registrationNumber = "123456"
        practitioner.insuranceConfirmed = true
        practitioner.verificationStatus = verification
        practitioner.visibility = visibility
        practitioner.offersInPerson = inPerson
        practitioner.offersOnline = online
        practitioner.offersPhone = phone
        practitioner.feeMinPence = feeMinPence
        practitioner.feeMaxPence = feeMaxPence
        practitioner.concessions = concessions
        practitioner.freeFirstConversation = freeFirstMinutes != nil
        practitioner.freeFirstConversationMinutes = freeFirstMinutes
        practitioner.gender = gender
        practitioner.worksWithIndividuals = worksWith.contains(.individuals)
        practitioner.worksWithCouples = worksWith.contains(.couples)
        practitioner.worksWithFamilies = worksWith.contains(.families)
        practitioner.worksWithYoungPeople = worksWith.contains(.youngPeople)
        practitioner.acceptingNewClients = accepting
        practitioner.availabilityConfirmedOn = confirmedOn
        practitioner.shuffleSeed = shuffleSeed
        practitioner.isDemo = isDemo
        try await practitioner.create(on: app.db)
        let id = try practitioner.requireID()

        var points = coordinates.map { (label: "Test point", latitude: $0.latitude, longitude: $0.longitude) }
        for label in places {
            guard let place = app.gazetteer.place(labelled: label) else { fatalError("No place \(label) in the gazetteer") }
            points.append((place.label, place.latitude, place.longitude))
        }
        for point in points {
            let location = PractitionerLocation()
            location.$practitioner.id = id
            location.placeLabel = point.label
            location.latitude = point.latitude
            location.longitude = point.longitude
            let vector = UnitVector(latitude: point.latitude, longitude: point.longitude)
            (location.unitX, location.unitY, location.unitZ) = (vector.x, vector.y, vector.z)
            try await location.create(on: app.db)
        }
        for name in languages {
            let language = PractitionerLanguage()
            language.$practitioner.id = id
            language.language = name
            try await language.create(on: app.db)
        }
        let topicModels = try await Topic.query(on: app.db).filter(\.$slug ~~ topics).all()
        try await practitioner.$topics.attach(topicModels, on: app.db)
        let approachModels = try await Approach.query(on: app.db).filter(\.$slug ~~ approaches).all()
        try await practitioner.$approaches.attach(approachModels, on: app.db)
        return practitioner
    }

    /// The old one-call form, for tests that only vary a few facts.
    @discardableResult
    static func make(
        on app: Application, name: String = "Ada Example", kind: PractitionerKind = .therapist,
        verification: VerificationStatus = .verified, visibility: Visibility = .visible,
        topics: [String] = ["interpersonal-relationships"], approaches: [String] = ["interpersonal-therapy"],
        isDemo: Bool = false
    ) async throws -> Practitioner {
        var fixture = PractitionerFixture(name: name)
        fixture.kind = kind
        fixture.verification = verification
        fixture.visibility = visibility
        fixture.topics = topics
        fixture.approaches = approaches
        fixture.isDemo = isDemo
        return try await fixture.create(on: app)
    }
}

/// A point `miles` due north of a place: along a meridian, distance is exactly angle × radius.
func point(miles: Double, northOf place: Place) -> (latitude: Double, longitude: Double) {
    (place.latitude + miles / UnitVector.earthRadiusMiles * 180 / .pi, place.longitude)
}
