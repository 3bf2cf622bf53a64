import Foundation

/// A listed practitioner as plain values: everything a result card and the JSON API show.
///
/// Search results are made from the in-memory `SearchCatalogue` (no database round trip);
/// single profiles are made from the model. Cards and the API are built only from this, so the
/// two sources cannot show a practitioner differently.
struct PractitionerSummary: Sendable, Equatable {
    struct NamedSlug: Sendable, Equatable {
        let slug: String
        let name: String
    }

    struct Location: Sendable, Equatable {
        let placeLabel: String
        let latitude: Double
        let longitude: Double
    }

    let id: UUID
    let slug: String
    let kind: PractitionerKind
    let name: String
    let headline: String
    let isVerified: Bool
    /// Slugs, sorted.
    let topicSlugs: [String]
    /// Sorted by name.
    let approaches: [NamedSlug]
    let formats: [SessionFormat]
    let feeMinPence: Int
    let feeMaxPence: Int
    let concessions: Bool
    let freeFirstConversation: Bool
    /// Sorted.
    let languages: [String]
    let gender: Gender?
    let clientGroups: [ClientGroup]
    let acceptingNewClients: Bool
    let availabilityConfirmedOn: String
    /// Sorted by place label.
    let locations: [Location]

    init(
        id: UUID, slug: String, kind: PractitionerKind, name: String, headline: String, isVerified: Bool,
        topicSlugs: [String], approaches: [NamedSlug], formats: [SessionFormat],
        feeMinPence: Int, feeMaxPence: Int, concessions: Bool, freeFirstConversation: Bool, languages: [String],
        gender: Gender?, clientGroups: [ClientGroup], acceptingNewClients: Bool, availabilityConfirmedOn: String,
        locations: [Location]
    ) {
        self.id = id
        self.slug = slug
        self.kind = kind
        self.name = name
        self.headline = headline
        self.isVerified = isVerified
        self.topicSlugs = topicSlugs.sorted()
        self.approaches = approaches.sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }
        self.formats = formats
        self.feeMinPence = feeMinPence
        self.feeMaxPence = feeMaxPence
        self.concessions = concessions
        self.freeFirstConversation = freeFirstConversation
        self.languages = languages.sorted()
        self.gender = gender
        self.clientGroups = clientGroups
        self.acceptingNewClients = acceptingNewClients
        self.availabilityConfirmedOn = availabilityConfirmedOn
        self.locations = locations.sorted { ($0.placeLabel, $0.latitude, $0.longitude) < ($1.placeLabel, $1.latitude, $1.longitude) }
    }

    /// Needs topics, approaches, languages and locations loaded, and a saved practitioner: an
    /// id made up here would reach API clients as if it were real.
    init(_ practitioner: Practitioner) {
        guard let id = practitioner.id else { preconditionFailure("a summary is only made of a saved practitioner") }
        self.init(
            id: id, slug: practitioner.slug, kind: practitioner.kind, name: practitioner.displayName,
            headline: practitioner.headline, isVerified: practitioner.verificationStatus == .verified,
            topicSlugs: practitioner.topics.map(\.slug), approaches: practitioner.approaches.map { NamedSlug(slug: $0.slug, name: $0.name) },
            formats: practitioner.formats, feeMinPence: practitioner.feeMinPence, feeMaxPence: practitioner.feeMaxPence,
            concessions: practitioner.concessions, freeFirstConversation: practitioner.freeFirstConversation,
            languages: practitioner.languages.map(\.language), gender: practitioner.gender,
            clientGroups: practitioner.clientGroups, acceptingNewClients: practitioner.acceptingNewClients,
            availabilityConfirmedOn: practitioner.availabilityConfirmedOn,
            locations: practitioner.locations.map { Location(placeLabel: $0.placeLabel, latitude: $0.latitude, longitude: $0.longitude) })
    }
}
