import Foundation

/// Turns the GET parameters of a search into `SearchCriteria`. The pages are forgiving: a value
/// out of range is brought into range and the page says so. The API is exact: the first bad value
/// is refused with an `invalid_parameter` error naming it.
struct SearchParser {
    enum Mode: Sendable {
        case page
        case api
    }

    /// The place could not be pinned down: the person is asked rather than shown a wrong list.
    enum PlaceProblem: Sendable, Equatable {
        case unknown(typed: String, suggestions: [Place])
        case ambiguous(typed: String, candidates: [Place])
    }

    struct Outcome: Sendable {
        var criteria = SearchCriteria()
        /// Plain-English notes about values that were changed or ignored (pages only).
        var notices: [String] = []
        var placeProblem: PlaceProblem?
    }

    let mode: Mode
    let gazetteer: Gazetteer
    /// The topics and approaches a slug may name.
    let taxonomy: CatalogueTaxonomy

    func parse(_ query: [String: String]) throws -> Outcome {
        var outcome = Outcome()
        var criteria = SearchCriteria()

        if let text = try text("q", in: query, outcome: &outcome) {
            criteria.words = SearchWords(text)
        }
        if mode == .api, let kind = try choice("kind", in: query, outcome: &outcome) {
            criteria.kind = PractitionerKind(rawValue: kind)
        }
        if let slug = try text("topic", in: query, outcome: &outcome) {
            criteria.topic = try choice(taxonomy.topic(slug: slug), slug: slug, parameter: "topic", outcome: &outcome)
        }
        if let slug = try text("approach", in: query, outcome: &outcome) {
            criteria.approach = try choice(taxonomy.approach(slug: slug), slug: slug, parameter: "approach", outcome: &outcome)
        }
        criteria.format = try choice("format", in: query, outcome: &outcome).flatMap(SessionFormat.init(rawValue:))
        criteria.radiusMiles = try integer("radius_miles", in: query, outcome: &outcome) ?? SearchCriteria.defaultRadiusMiles
        criteria.maxFeePounds = try integer("max_fee", in: query, outcome: &outcome)
        criteria.requiresConcessions = try flag("concessions", in: query, outcome: &outcome)
        criteria.requiresFreeFirstConversation = try flag("free_first", in: query, outcome: &outcome)
        if let language = try text("language", in: query, outcome: &outcome) {
            criteria.language = Self.languageName(language)
        }
        criteria.gender = try choice("gender", in: query, outcome: &outcome).flatMap(Gender.init(rawValue:))
        criteria.worksWith = try choice("works_with", in: query, outcome: &outcome).flatMap(ClientGroup.init(rawValue:))
        criteria.acceptingOnly = try choice("accepting", in: query, outcome: &outcome) != "any"
        criteria.sort = try choice("sort", in: query, outcome: &outcome).flatMap(SearchSort.init(rawValue:)) ?? .best
        criteria.page = try integer("page", in: query, outcome: &outcome) ?? 1
        if mode == .api {
            criteria.perPage = try integer("per_page", in: query, outcome: &outcome) ?? SearchCriteria.defaultPerPage
        }

        if let typed = try text("near", in: query, outcome: &outcome) {
            switch gazetteer.resolve(typed) {
            case .found(let place):
                criteria.near = place
            case .ambiguous(let candidates):
                if mode == .api {
                    throw APIError(
                        status: .badRequest, code: "ambiguous_place",
                        message: "More than one place is called '\(typed)'; use one of the candidate labels.",
                        parameter: "near", candidates: candidates.map(\.label))
                }
                outcome.placeProblem = .ambiguous(typed: typed, candidates: candidates)
            case .unknown(let suggestions):
                if mode == .api {
                    throw APIError(
                        status: .badRequest, code: "unknown_place", message: "No UK place called '\(typed)' is known.",
                        parameter: "near", candidates: suggestions.map(\.label))
                }
                outcome.placeProblem = .unknown(typed: typed, suggestions: suggestions)
            }
        }

        if criteria.sort == .nearest && !criteria.usesDistance {
            try problem("sort", "nearest needs a place in `near` and no online or phone format", outcome: &outcome)
            if mode == .page, outcome.placeProblem == nil {
                outcome.notices.append("Sorting by distance needs a place to measure from, so results are in the usual order.")
            }
            criteria.sort = .best
        }
        outcome.criteria = criteria
        return outcome
    }

    /// "welsh" and "WELSH" both mean "Welsh"; "british sign language" means "British Sign Language".
    static func languageName(_ text: String) -> String {
        text.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

    // MARK: - One value each

    private func raw(_ name: String, in query: [String: String]) -> String? {
        guard let value = query[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private func text(_ name: String, in query: [String: String], outcome: inout Outcome) throws -> String? {
        guard let value = raw(name, in: query), case .text(let maxLength) = SearchParameter.named(name).kind else { return nil }
        guard value.count <= maxLength else {
            try problem(name, "must be at most \(maxLength) characters", outcome: &outcome)
            outcome.notices.append("That was longer than we can search for, so we used the first \(maxLength) characters.")
            return String(value.prefix(maxLength))
        }
        return value
    }

    private func integer(_ name: String, in query: [String: String], outcome: inout Outcome) throws -> Int? {
        guard let value = raw(name, in: query), case .integer(let minimum, let maximum, let fallback) = SearchParameter.named(name).kind
        else { return nil }
        guard let number = Int(value) else {
            try problem(name, "must be a whole number from \(minimum) to \(maximum)", outcome: &outcome)
            if let fallback { outcome.notices.append(Self.wording(name, "wasn't a number, so we used \(fallback).")) }
            return fallback
        }
        let clamped = min(max(number, minimum), maximum)
        if clamped != number {
            try problem(name, "must be from \(minimum) to \(maximum)", outcome: &outcome)
            outcome.notices.append(Self.wording(name, "can be from \(minimum) to \(maximum), so we used \(clamped)."))
        }
        return clamped
    }

    private func choice(_ name: String, in query: [String: String], outcome: inout Outcome) throws -> String? {
        guard let value = raw(name, in: query), case .choice(let allowed, let fallback) = SearchParameter.named(name).kind else { return nil }
        guard allowed.contains(value) else {
            try problem(name, "must be one of \(allowed.joined(separator: ", "))", outcome: &outcome)
            outcome.notices.append(Self.wording(name, "wasn't one we know, so we ignored it."))
            return fallback
        }
        return value
    }

    private func flag(_ name: String, in query: [String: String], outcome: inout Outcome) throws -> Bool {
        guard let value = raw(name, in: query) else { return false }
        switch value {
        case "true": return true
        case "false": return false
        default:
            try problem(name, "must be true or false", outcome: &outcome)
            return false
        }
    }

    private func choice(
        _ found: CatalogueTaxonomy.Entry?, slug: String, parameter: String, outcome: inout Outcome
    ) throws -> TaxonomyChoice? {
        if let found { return TaxonomyChoice(id: found.id, slug: found.slug, name: found.name) }
        try problem(parameter, "is not a known \(parameter) slug", outcome: &outcome)
        outcome.notices.append("We don't have the \(parameter) “\(slug)”, so we searched without it.")
        return nil
    }

    /// The API refuses; the page carries on (its caller adds the notice).
    private func problem(_ parameter: String, _ reason: String, outcome: inout Outcome) throws {
        guard mode == .api else { return }
        throw APIError(status: .badRequest, code: "invalid_parameter", message: "\(parameter) \(reason).", parameter: parameter)
    }

    private static func wording(_ parameter: String, _ rest: String) -> String {
        let names = [
            "radius_miles": "The distance", "max_fee": "The highest fee", "page": "The page number",
            "format": "The session format", "gender": "The gender", "works_with": "Who they work with",
            "accepting": "The availability choice", "sort": "The order",
        ]
        return "\(names[parameter] ?? "A value") \(rest)"
    }
}

extension SearchParser {
    /// Reads a URL's query the way browsers write it (`+` is a space), keeping the last value of
    /// a repeated name.
    static func queryValues(_ query: String?) -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in queryPairs(query) { values[name] = value }
        return values
    }

    /// Every value given for `name` (or `name[]`), in order: `?to=a&to=b`.
    static func queryValueList(_ query: String?, name: String) -> [String] {
        queryPairs(query).filter { $0.name == name || $0.name == name + "[]" }.map(\.value)
    }

    private static func queryPairs(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        func decode(_ text: Substring) -> String {
            let spaced = text.contains("+") ? String(text.map { $0 == "+" ? " " : $0 }) : String(text)
            return spaced.contains("%") ? spaced.removingPercentEncoding ?? spaced : spaced
        }
        return query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first else { return nil }
            return (decode(name), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
