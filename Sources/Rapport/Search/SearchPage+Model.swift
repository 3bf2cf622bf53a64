import Foundation

/// Everything the search page shows (its markup is in `SearchPage+View.swift`): the filter form filled in as the person left it, the
/// results, active filters they can remove, and help when nothing matched.
struct SearchPage: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    struct Link: Sendable {
        let label: String
        let href: String
    }

    let title: String
    let heading: String
    let metaDescription: String
    let formAction: String
    /// The typed fields as the person left them.
    let words: String
    let near: String
    let radiusMiles: String
    let maxFee: String
    let language: String
    let requiresConcessions: Bool
    let requiresFreeFirst: Bool
    let includesNotAccepting: Bool
    let topicOptions: [Option]
    let approachOptions: [Option]
    let formatOptions: [Option]
    let genderOptions: [Option]
    let worksWithOptions: [Option]
    let sortOptions: [Option]
    let notices: [String]
    /// "Did you mean…?" or "Which one…?" when the place could not be pinned down.
    let placeQuestion: String?
    let placeChoices: [Link]
    let hasSearched: Bool
    let total: Int
    let resultCount: String
    let cards: [PractitionerCard]
    /// For signed-in people, the form token that lets each card save to their shortlist.
    var shortlistToken: String?
    let activeFilters: [Link]
    let clearAllHref: String?
    let suggestions: [Link]
    let pageNumber: Int
    let pageCount: Int
    let previousHref: String?
    let nextHref: String?
    let isBestMatch: Bool

    init(
        kind: PractitionerKind?, path: String, outcome: SearchParser.Outcome, found: SearchService.Found?, links: SearchLinks,
        topics: [CatalogueTaxonomy.Entry], approaches: [CatalogueTaxonomy.Entry], today: String
    ) {
        let criteria = outcome.criteria
        heading =
            switch kind {
            case .therapist: "Find a therapist"
            case .coach: "Find a coach"
            case nil: "Find a practitioner"
            }
        var titleParts = [heading]
        if let topic = criteria.topic { titleParts.append("for \(topic.name.lowercased())") }
        if let place = criteria.near { titleParts.append("near \(place.label)") }
        title = titleParts.joined(separator: " ")
        metaDescription = "Verified practitioners, with fees, approaches and availability set out plainly."
        formAction = path
        words = links.values["q"] ?? ""
        near = links.values["near"] ?? ""
        radiusMiles = String(criteria.radiusMiles)
        maxFee = criteria.maxFeePounds.map(String.init) ?? ""
        language = criteria.language ?? ""
        requiresConcessions = criteria.requiresConcessions
        requiresFreeFirst = criteria.requiresFreeFirstConversation
        includesNotAccepting = !criteria.acceptingOnly

        func options(_ pairs: [(String, String)], selected: String?) -> [Option] {
            pairs.map { Option(value: $0.0, label: $0.1, isSelected: $0.0 == selected) }
        }
        topicOptions = options(topics.map { ($0.slug, $0.name) }, selected: criteria.topic?.slug)
        approachOptions = options(approaches.map { ($0.slug, $0.name) }, selected: criteria.approach?.slug)
        formatOptions = options(SessionFormat.allCases.map { ($0.rawValue, $0.label) }, selected: criteria.format?.rawValue)
        genderOptions = options(Gender.allCases.map { ($0.rawValue, $0.label) }, selected: criteria.gender?.rawValue)
        worksWithOptions = options(ClientGroup.allCases.map { ($0.rawValue, $0.label) }, selected: criteria.worksWith?.rawValue)
        sortOptions = options(SearchSort.allCases.map { ($0.rawValue, $0.label) }, selected: criteria.sort.rawValue)
        notices = outcome.notices

        switch outcome.placeProblem {
        case .unknown(let typed, let suggestions):
            placeQuestion =
                suggestions.isEmpty
                ? "We couldn't find a UK town or city called “\(typed)”. Please check the spelling, or try a nearby larger town."
                : "We couldn't find “\(typed)”. Did you mean \(suggestions.map(\.label).joined(separator: " or "))?"
            placeChoices = suggestions.map { Link(label: $0.label, href: links.href(setting: ["near": $0.label])) }
        case .ambiguous(let typed, let candidates):
            placeQuestion = "There's more than one “\(typed)”. Which one do you mean?"
            placeChoices = candidates.map { Link(label: $0.label, href: links.href(setting: ["near": $0.label])) }
        case nil:
            placeQuestion = nil
            placeChoices = []
        }

        hasSearched = found != nil
        total = found?.total ?? 0
        resultCount = total == 1 ? "1 practitioner" : "\(PractitionerWording.grouped(total)) practitioners"
        isBestMatch = criteria.sort == .best
        var cards = (found?.practitioners ?? []).map { PractitionerCard($0.practitioner, today: today, distanceMiles: $0.distanceMiles) }
        if criteria.sort == .best, let firstStale = cards.firstIndex(where: \.isAvailabilityStale) {
            cards[firstStale].startsStaleGroup = true
        }
        self.cards = cards

        activeFilters = Self.activeFilters(criteria, links: links)
        clearAllHref = activeFilters.isEmpty ? nil : path
        suggestions = Self.suggestions(criteria, links: links)
        pageNumber = criteria.page
        pageCount = max(1, (total + criteria.perPage - 1) / criteria.perPage)
        previousHref = criteria.page > 1 ? links.href(setting: ["page": String(criteria.page - 1)]) : nil
        nextHref = criteria.page < pageCount ? links.href(setting: ["page": String(criteria.page + 1)]) : nil
    }

    /// Each filter in use, with a link that removes just that one.
    private static func activeFilters(_ criteria: SearchCriteria, links: SearchLinks) -> [Link] {
        var chips: [Link] = []
        if let words = criteria.words { chips.append(Link(label: "Words: \(words.terms.joined(separator: " "))", href: links.removing("q"))) }
        if let topic = criteria.topic { chips.append(Link(label: topic.name, href: links.removing("topic"))) }
        if let approach = criteria.approach { chips.append(Link(label: approach.name, href: links.removing("approach"))) }
        if let place = criteria.near {
            let label = criteria.usesDistance ? "Within \(criteria.radiusMiles) miles of \(place.label)" : "Near \(place.label)"
            chips.append(Link(label: label, href: links.removing("near", "radius_miles", "sort")))
        }
        if let format = criteria.format { chips.append(Link(label: format.label, href: links.removing("format"))) }
        if let fee = criteria.maxFeePounds { chips.append(Link(label: "Up to £\(fee) a session", href: links.removing("max_fee"))) }
        if criteria.requiresConcessions { chips.append(Link(label: "Lower fees on low incomes", href: links.removing("concessions"))) }
        if criteria.requiresFreeFirstConversation {
            chips.append(Link(label: "Free first conversation", href: links.removing("free_first")))
        }
        if let language = criteria.language { chips.append(Link(label: "Speaks \(language)", href: links.removing("language"))) }
        if let gender = criteria.gender { chips.append(Link(label: gender.label, href: links.removing("gender"))) }
        if let group = criteria.worksWith { chips.append(Link(label: "Works with \(group.label.lowercased())", href: links.removing("works_with"))) }
        if !criteria.acceptingOnly { chips.append(Link(label: "Including those not taking new clients", href: links.removing("accepting"))) }
        return chips
    }

    /// When nothing matched: the changes most likely to find someone.
    private static func suggestions(_ criteria: SearchCriteria, links: SearchLinks) -> [Link] {
        var suggestions: [Link] = []
        if criteria.usesDistance, criteria.radiusMiles < 100 {
            let wider = min(100, max(criteria.radiusMiles * 2, 25))
            suggestions.append(Link(label: "Try up to \(wider) miles away", href: links.href(setting: ["radius_miles": String(wider)])))
        }
        if criteria.near != nil, criteria.format != .online {
            suggestions.append(Link(label: "Try online sessions instead", href: links.href(setting: ["format": "online", "sort": nil])))
        }
        if criteria.acceptingOnly {
            suggestions.append(Link(label: "Try including practitioners not taking new clients", href: links.href(setting: ["accepting": "any"])))
        }
        if criteria.words != nil {
            suggestions.append(Link(label: "Try without the words you typed", href: links.removing("q")))
        }
        return suggestions
    }
}
