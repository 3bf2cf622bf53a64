import Foundation

/// schema.org data for a profile, so search engines can show who the practitioner is. Built as
/// data and encoded as JSON, never assembled from strings.
struct ProfileStructuredData: Encodable {
    struct Organization: Encodable {
        var type = "Organization"
        let name: String
        enum CodingKeys: String, CodingKey { case type = "@type", name }
    }

    struct WorkPlace: Encodable {
        var type = "Place"
        let name: String
        let geo: Geo
        enum CodingKeys: String, CodingKey { case type = "@type", name, geo }
    }

    struct Geo: Encodable {
        var type = "GeoCoordinates"
        let latitude: Double
        let longitude: Double
        enum CodingKeys: String, CodingKey { case type = "@type", latitude, longitude }
    }

    let context = "https://schema.org"
    let type = "Person"
    let name: String
    let jobTitle: String
    let description: String
    let url: String
    let knowsLanguage: [String]
    let knowsAbout: [String]
    let workLocation: [WorkPlace]
    let memberOf: Organization?

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type", name, jobTitle, description, url, knowsLanguage, knowsAbout, workLocation, memberOf
    }

    init(_ practitioner: Practitioner, publicURL: URL) {
        name = practitioner.displayName
        jobTitle = practitioner.kind.label
        description = practitioner.headline
        url = publicURL.appendingPathComponent(SiteURL.practitioner(slug: practitioner.slug).path).absoluteString
        knowsLanguage = practitioner.languages.map(\.language).sorted()
        knowsAbout = practitioner.topics.map(\.name).sorted()
        workLocation = practitioner.locations.map {
            WorkPlace(name: $0.placeLabel, geo: Geo(latitude: $0.latitude, longitude: $0.longitude))
        }
        memberOf = practitioner.professionalBody.map { Organization(name: $0) }
    }

    var scriptSafeJSON: String { StructuredData.scriptSafeJSON(self) }
}
