/// One entry of a fixed list that migrations load into the database: the "Need help with" topics
/// and the approaches. The slug is the permanent key used in URLs and the API; never change one.
struct TaxonomyEntry: Sendable {
    let slug: String
    let name: String
    let summary: String
}

/// Whether an approach is a kind of therapy or a kind of coaching, so coaches and therapists
/// are offered the approaches that fit them.
enum ApproachAudience: String, Sendable, Codable, CaseIterable {
    case therapy
    case coaching
}

struct ApproachEntry: Sendable {
    let entry: TaxonomyEntry
    let audience: ApproachAudience
}

/// The fixed lists of topics and approaches, loaded into the database by migrations. The entries
/// themselves live in `TaxonomyCatalogue+Topics.swift` and `TaxonomyCatalogue+Approaches.swift`.
enum TaxonomyCatalogue {}
