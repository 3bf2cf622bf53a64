import Fluent
import Foundation
import Vapor

@testable import Rapport

/// Hand-made practitioners with known answers, for tests that need exact facts.
enum PractitionerFixture {
    @discardableResult
    static func make(
        on app: Application,
        name: String = "Ada Example",
        slug: String? = nil,
        kind: PractitionerKind = .therapist,
        verification: VerificationStatus = .verified,
        visibility: Visibility = .visible,
        topics: [String] = ["interpersonal-relationships"],
        approaches: [String] = ["interpersonal-therapy"],
        place: String = "Harrogate",
        isDemo: Bool = false,
        confirmedOn: String = LondonCalendar.today()
    ) async throws -> Practitioner {
        let practitioner = Practitioner()
        practitioner.kind = kind
        practitioner.displayName = name
        practitioner.slug = slug ?? name.lowercased().replacingOccurrences(of: " ", with: "-")
        practitioner.headline = "Helping people with the relationships that matter"
        practitioner.about = "I work with individuals and couples.\n\nGet in touch for a first conversation."
        practitioner.qualifications = "MSc Interpersonal Psychotherapy"
        practitioner.professionalBody = "British Association for Counselling and Psychotherapy (BACP)"
        practitioner.registrationNumber = "123456"
        practitioner.insuranceConfirmed = true
        practitioner.verificationStatus = verification
        practitioner.visibility = visibility
        practitioner.offersInPerson = true
        practitioner.offersOnline = true
        practitioner.offersPhone = false
        practitioner.feeMinPence = 6000
        practitioner.feeMaxPence = 7500
        practitioner.concessions = true
        practitioner.freeFirstConversation = true
        practitioner.freeFirstConversationMinutes = 20
        practitioner.gender = .female
        practitioner.worksWithIndividuals = true
        practitioner.worksWithCouples = true
        practitioner.worksWithFamilies = false
        practitioner.worksWithYoungPeople = false
        practitioner.acceptingNewClients = true
        practitioner.availabilityConfirmedOn = confirmedOn
        practitioner.shuffleSeed = 42
        practitioner.isDemo = isDemo
        try await practitioner.create(on: app.db)

        guard let located = app.gazetteer.place(labelled: place) else { fatalError("No place \(place) in the gazetteer") }
        let location = PractitionerLocation()
        location.$practitioner.id = try practitioner.requireID()
        location.placeLabel = located.label
        location.latitude = located.latitude
        location.longitude = located.longitude
        let vector = located.unitVector
        (location.unitX, location.unitY, location.unitZ) = (vector.x, vector.y, vector.z)
        try await location.create(on: app.db)

        let language = PractitionerLanguage()
        language.$practitioner.id = try practitioner.requireID()
        language.language = "English"
        try await language.create(on: app.db)

        let topicModels = try await Topic.query(on: app.db).filter(\.$slug ~~ topics).all()
        try await practitioner.$topics.attach(topicModels, on: app.db)
        let approachModels = try await Approach.query(on: app.db).filter(\.$slug ~~ approaches).all()
        try await practitioner.$approaches.attach(approachModels, on: app.db)
        return practitioner
    }
}
