import Foundation

/// A search as Rapport understands it, after every parameter has been checked. The same value
/// drives the HTML pages and the JSON API.
struct SearchCriteria: Sendable, Equatable {
    var kind: PractitionerKind?
    var words: SearchWords?
    var topic: TaxonomyChoice?
    var approach: TaxonomyChoice?
    var format: SessionFormat?
    var near: Place?
    var radiusMiles = SearchCriteria.defaultRadiusMiles
    var maxFeePounds: Int?
    var requiresConcessions = false
    var requiresFreeFirstConversation = false
    var language: String?
    var gender: Gender?
    var worksWith: ClientGroup?
    var acceptingOnly = true
    var sort: SearchSort = .best
    var page = 1
    var perPage = SearchCriteria.defaultPerPage

    static let defaultRadiusMiles = 10
    static let defaultPerPage = 20

    /// With a place and no online or phone format, only in-person practice within the radius
    /// counts; online and phone searches ignore distance.
    var usesDistance: Bool {
        near != nil && (format == nil || format == .inPerson)
    }
}

/// A topic or approach the search filters by, resolved from its slug.
struct TaxonomyChoice: Sendable, Equatable {
    let id: UUID
    let slug: String
    let name: String
}

enum SearchSort: String, CaseIterable, Sendable {
    case best
    case nearest
    case fee
    case recentlyConfirmed = "recently_confirmed"

    var label: String {
        switch self {
        case .best: "Best match"
        case .nearest: "Nearest first"
        case .fee: "Lowest fee first"
        case .recentlyConfirmed: "Most recently confirmed availability"
        }
    }
}

/// One page of a search: who matched (in order) and how far away each is.
struct SearchResultPage: Sendable {
    struct Hit: Sendable, Equatable {
        let slot: SearchCatalogue.Slot
        let practitionerID: UUID
        /// Great-circle miles to their nearest location, when the search used distance.
        let distanceMiles: Double?
        /// Where the hit sits in the search's order (see `RankKey`), so hits from the base and
        /// the overlay of a `SearchIndex` merge into the one order.
        let primary: Double
        let shuffle: Int
    }

    let total: Int
    let hits: [Hit]
}
