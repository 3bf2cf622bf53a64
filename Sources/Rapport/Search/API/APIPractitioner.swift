import Foundation
import Vapor

/// A practitioner in the JSON API. The names are a contract other clients rely on: never rename.
struct APIPractitioner: Content {
    struct Location: Content {
        /// A gazetteer label that `near` accepts unambiguously.
        let place: String
        let lat: Double
        let lon: Double
    }

    let id: String
    let slug: String
    let kind: String
    let name: String
    let headline: String
    let verified: Bool
    let topics: [String]
    let approaches: [String]
    let formats: [String]
    let feeMinPence: Int
    let feeMaxPence: Int
    let concessions: Bool
    let freeFirstConversation: Bool
    let languages: [String]
    let gender: String?
    let worksWith: [String]
    let acceptingNewClients: Bool
    let availabilityConfirmedOn: String
    let locations: [Location]
    let distanceMiles: Double?
    let url: String

    enum CodingKeys: String, CodingKey {
        case id, slug, kind, name, headline, verified, topics, approaches, formats
        case feeMinPence = "fee_min_pence", feeMaxPence = "fee_max_pence", concessions
        case freeFirstConversation = "free_first_conversation", languages, gender
        case worksWith = "works_with", acceptingNewClients = "accepting_new_clients"
        case availabilityConfirmedOn = "availability_confirmed_on", locations
        case distanceMiles = "distance_miles", url
    }

    init(_ practitioner: PractitionerSummary, distanceMiles: Double?) {
        id = practitioner.id.uuidString.lowercased()
        slug = practitioner.slug
        kind = practitioner.kind.rawValue
        name = practitioner.name
        headline = practitioner.headline
        verified = practitioner.isVerified
        topics = practitioner.topicSlugs
        approaches = practitioner.approaches.map(\.slug).sorted()
        formats = practitioner.formats.map(\.rawValue)
        feeMinPence = practitioner.feeMinPence
        feeMaxPence = practitioner.feeMaxPence
        concessions = practitioner.concessions
        freeFirstConversation = practitioner.freeFirstConversation
        languages = practitioner.languages
        gender = practitioner.gender?.rawValue
        worksWith = practitioner.clientGroups.map(\.rawValue)
        acceptingNewClients = practitioner.acceptingNewClients
        availabilityConfirmedOn = practitioner.availabilityConfirmedOn
        locations = practitioner.locations.map { Location(place: $0.placeLabel, lat: $0.latitude, lon: $0.longitude) }
        self.distanceMiles = distanceMiles.map { ($0 * 100).rounded() / 100 }
        url = SiteURL.practitioner(slug: practitioner.slug).path
    }

    /// Encodes `null` for absent optionals instead of leaving the key out: clients can rely on
    /// every key being present.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(slug, forKey: .slug)
        try container.encode(kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(headline, forKey: .headline)
        try container.encode(verified, forKey: .verified)
        try container.encode(topics, forKey: .topics)
        try container.encode(approaches, forKey: .approaches)
        try container.encode(formats, forKey: .formats)
        try container.encode(feeMinPence, forKey: .feeMinPence)
        try container.encode(feeMaxPence, forKey: .feeMaxPence)
        try container.encode(concessions, forKey: .concessions)
        try container.encode(freeFirstConversation, forKey: .freeFirstConversation)
        try container.encode(languages, forKey: .languages)
        try container.encode(gender, forKey: .gender)
        try container.encode(worksWith, forKey: .worksWith)
        try container.encode(acceptingNewClients, forKey: .acceptingNewClients)
        try container.encode(availabilityConfirmedOn, forKey: .availabilityConfirmedOn)
        try container.encode(locations, forKey: .locations)
        try container.encode(distanceMiles, forKey: .distanceMiles)
        try container.encode(url, forKey: .url)
    }
}

/// One practitioner in full: the list fields plus their credentials and about text.
struct APIPractitionerDetail: Content {
    let practitioner: APIPractitioner
    let about: String
    let qualifications: String
    let professionalBody: String?
    let registrationNumber: String?

    enum CodingKeys: String, CodingKey {
        case about, qualifications
        case professionalBody = "professional_body", registrationNumber = "registration_number"
    }

    init(_ practitioner: Practitioner) {
        self.practitioner = APIPractitioner(PractitionerSummary(practitioner), distanceMiles: nil)
        about = practitioner.about
        qualifications = practitioner.qualifications
        professionalBody = practitioner.professionalBody
        registrationNumber = practitioner.registrationNumber
    }

    init(from decoder: any Decoder) throws {
        practitioner = try APIPractitioner(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        about = try container.decode(String.self, forKey: .about)
        qualifications = try container.decode(String.self, forKey: .qualifications)
        professionalBody = try container.decodeIfPresent(String.self, forKey: .professionalBody)
        registrationNumber = try container.decodeIfPresent(String.self, forKey: .registrationNumber)
    }

    func encode(to encoder: any Encoder) throws {
        try practitioner.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(about, forKey: .about)
        try container.encode(qualifications, forKey: .qualifications)
        try container.encode(professionalBody, forKey: .professionalBody)
        try container.encode(registrationNumber, forKey: .registrationNumber)
    }
}

struct APIPractitionerList: Content {
    let total: Int
    let page: Int
    let perPage: Int
    let results: [APIPractitioner]

    enum CodingKeys: String, CodingKey {
        case total, page, results
        case perPage = "per_page"
    }
}

struct APITaxonomyEntry: Content {
    let slug: String
    let name: String
    let summary: String
}

struct APIPlace: Content {
    let label: String
    let name: String
    let county: String
    let lat: Double
    let lon: Double
}
