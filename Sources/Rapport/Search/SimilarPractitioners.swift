import Foundation

/// "Similar practitioners", wherever Rapport offers them (after an enquiry, when a practitioner
/// has no space, when a week passes with no reply): listed and accepting new clients, the same
/// kind, sharing at least one topic, never the practitioner themselves. For someone who wants to
/// meet in person, nearest first; otherwise online. The one place this is decided.
extension SearchService {
    struct SimilarTo: Sendable {
        let id: UUID
        let kind: PractitionerKind
        let topicSlugs: [String]
        /// Where they practise, for an in-person search.
        let placeLabel: String?
    }

    func similar(to practitioner: SimilarTo, wantsInPerson: Bool, count: Int = 3, excluding others: Set<UUID> = []) async throws -> [PractitionerSummary] {
        try await withCurrentIndex { index in
            let place = wantsInPerson ? practitioner.placeLabel.flatMap { label -> Place? in
                if case .found(let place) = gazetteer.resolve(label) { return place }
                return nil
            } : nil
            var found: [PractitionerSummary] = []
            var seen = others.union([practitioner.id])
            for slug in practitioner.topicSlugs where found.count < count {
                guard let topic = index.taxonomy.topic(slug: slug) else { continue }
                var criteria = SearchCriteria()
                criteria.kind = practitioner.kind
                criteria.topic = TaxonomyChoice(id: topic.id, slug: topic.slug, name: topic.name)
                criteria.acceptingOnly = true
                if let place {
                    criteria.near = place
                    criteria.format = .inPerson
                    criteria.radiusMiles = 50
                    criteria.sort = .nearest
                } else {
                    criteria.format = .online
                }
                criteria.perPage = count + seen.count
                for hit in search(criteria, in: index).practitioners where found.count < count && !seen.contains(hit.practitioner.id) {
                    seen.insert(hit.practitioner.id)
                    found.append(hit.practitioner)
                }
            }
            return found
        }
    }
}
