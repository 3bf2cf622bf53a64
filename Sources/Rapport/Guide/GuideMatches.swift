import Vapor

/// Three practitioners for each suggested approach, found by the site's one search with the
/// person's practical preferences (how to meet, where, budget, gender, language). Their
/// answers about feelings never reach the search.
enum GuideMatches {
    static let perApproach = 3
    static let radiusMiles = 25

    struct Found: Sendable {
        let practitioners: [GuideResultView.Practitioner]
        /// The full search for the approach with the same preferences.
        let moreHref: String
    }

    static func find(for answers: GuideAnswers, near: Place?, approaches: [String], on request: Request) async throws -> [String: Found] {
        let service = request.searchService
        return try await service.withCurrentIndex { index in
            var found: [String: Found] = [:]
            for slug in approaches {
                let query = searchQuery(for: answers, near: near, approach: slug)
                guard var criteria = try? service.parser(.page, taxonomy: index.taxonomy).parse(query).criteria else { continue }
                criteria.perPage = perApproach
                let hits = service.search(criteria, in: index).practitioners.map { hit in
                    GuideResultView.Practitioner(
                        name: hit.practitioner.name, headline: hit.practitioner.headline,
                        feeRange: PractitionerWording.feeRange(minPence: hit.practitioner.feeMinPence, maxPence: hit.practitioner.feeMaxPence),
                        offersFreeFirstConversation: hit.practitioner.freeFirstConversation,
                        href: SiteURL.practitioner(slug: hit.practitioner.slug).path,
                        getInTouchAction: SiteURL.getInTouch(slug: hit.practitioner.slug).path,
                        formID: "get-in-touch-\(slug)-\(hit.practitioner.slug)")
                }
                found[slug] = Found(practitioners: hits, moreHref: SearchLinks(path: SiteURL.find.path, query: query).href())
            }
            return found
        }
    }

    /// The search's own parameters, so the results here and "see more" are the same search.
    static func searchQuery(for answers: GuideAnswers, near: Place?, approach: String) -> [String: String] {
        var query = ["approach": approach]
        query["format"] = answers.format?.rawValue
        if let near {
            query["near"] = near.label
            query["radius_miles"] = String(radiusMiles)
        }
        query["max_fee"] = answers.maxFeePounds.map(String.init)
        query["gender"] = answers.gender?.rawValue
        query["language"] = answers.language.isEmpty ? nil : answers.language
        if answers.together == .bothOfUs {
            switch answers.who {
            case .partner: query["works_with"] = ClientGroup.couples.rawValue
            case .family: query["works_with"] = ClientGroup.families.rawValue
            default: break
            }
        }
        return query
    }
}
