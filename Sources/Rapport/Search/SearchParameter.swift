/// Every GET parameter a search takes, described once: the parser checks against these and the
/// OpenAPI document is generated from them, so the two cannot disagree.
struct SearchParameter: Sendable {
    enum Kind: Sendable {
        case text(maxLength: Int)
        case integer(minimum: Int, maximum: Int, default: Int?)
        case choice([String], default: String?)
        /// `true` requires the feature; `false` or absent does not.
        case flag
    }

    let name: String
    let kind: Kind
    let summary: String
    /// Only the JSON API takes it (the pages fix it by their address or page size).
    var apiOnly = false
    /// A slug from this list: the OpenAPI document declares the slugs the database holds.
    var taxonomy: TaxonomyList? = nil

    enum TaxonomyList: Sendable { case topics, approaches }

    static let maximumPage = 10_000
    static let maximumPerPage = 100

    static let all: [SearchParameter] = [
        .init(name: "q", kind: .text(maxLength: 200), summary: "Plain words matched over name, headline, about, topics and approaches. Never query syntax."),
        .init(name: "kind", kind: .choice(PractitionerKind.allCases.map(\.rawValue), default: nil), summary: "Therapists or coaches only.", apiOnly: true),
        .init(name: "topic", kind: .text(maxLength: 80), summary: "A topic slug from /api/v1/topics.", taxonomy: .topics),
        .init(name: "approach", kind: .text(maxLength: 80), summary: "An approach slug from /api/v1/approaches.", taxonomy: .approaches),
        .init(name: "format", kind: .choice(SessionFormat.allCases.map(\.rawValue), default: nil), summary: "How sessions happen. With `near`, online and phone ignore distance."),
        .init(name: "near", kind: .text(maxLength: 100), summary: "A place label from /api/v1/places. Without `format` (or with in_person), only in-person practice within the radius matches."),
        .init(name: "radius_miles", kind: .integer(minimum: 1, maximum: 100, default: SearchCriteria.defaultRadiusMiles), summary: "Miles from `near`, inclusive."),
        .init(name: "max_fee", kind: .integer(minimum: 1, maximum: 1_000, default: nil), summary: "Whole pounds: keeps practitioners whose lowest fee is at most this."),
        .init(name: "concessions", kind: .flag, summary: "`true` keeps practitioners who offer lower fees for people on low incomes."),
        .init(name: "free_first", kind: .flag, summary: "`true` keeps practitioners who offer a free first conversation."),
        .init(name: "language", kind: .text(maxLength: 40), summary: "An English name of a language, such as Welsh."),
        .init(name: "gender", kind: .choice(Gender.allCases.map(\.rawValue), default: nil), summary: "The practitioner's gender."),
        .init(name: "works_with", kind: .choice(ClientGroup.allCases.map(\.rawValue), default: nil), summary: "Who the practitioner works with."),
        .init(name: "accepting", kind: .choice(["yes", "any"], default: "yes"), summary: "`yes` shows only practitioners accepting new clients."),
        .init(name: "sort", kind: .choice(SearchSort.allCases.map(\.rawValue), default: SearchSort.best.rawValue), summary: "Result order; `nearest` needs `near`."),
        .init(name: "page", kind: .integer(minimum: 1, maximum: maximumPage, default: 1), summary: "Page of results, from 1."),
        .init(name: "per_page", kind: .integer(minimum: 1, maximum: maximumPerPage, default: SearchCriteria.defaultPerPage), summary: "Results a page.", apiOnly: true),
    ]

    static func named(_ name: String) -> SearchParameter {
        guard let parameter = all.first(where: { $0.name == name }) else { preconditionFailure("No search parameter \(name)") }
        return parameter
    }
}
