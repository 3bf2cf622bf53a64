import Fluent
import Foundation

/// One place a practitioner sees people in person.
final class PractitionerLocation: Model, @unchecked Sendable {
    static let schema = "practitioner_locations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    /// A gazetteer label, unique across the UK ("Newport, Isle of Wight").
    @Field(key: "place_label") var placeLabel: String
    @OptionalField(key: "postcode_district") var postcodeDistrict: String?
    @Field(key: "latitude") var latitude: Double
    @Field(key: "longitude") var longitude: Double
    /// The point as a unit vector from the Earth's centre: the SQLite build has no trigonometry,
    /// and the dot product of two unit vectors falls as great-circle distance grows.
    @Field(key: "unit_x") var unitX: Double
    @Field(key: "unit_y") var unitY: Double
    @Field(key: "unit_z") var unitZ: Double

    init() {}
}

final class PractitionerLanguage: Model, @unchecked Sendable {
    static let schema = "practitioner_languages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    /// An English name of the language, as people type it: "Welsh", "British Sign Language".
    @Field(key: "language") var language: String

    init() {}
}

final class PractitionerTopic: Model, @unchecked Sendable {
    static let schema = "practitioner_topics"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    @Parent(key: "topic_id") var topic: Topic

    init() {}
}

final class PractitionerApproach: Model, @unchecked Sendable {
    static let schema = "practitioner_approaches"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    @Parent(key: "approach_id") var approach: Approach

    init() {}
}
