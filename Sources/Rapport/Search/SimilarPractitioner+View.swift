import Fluent
import Vapor

/// A similar practitioner offered on a page: enough to decide whether to look.
struct SimilarPractitioner: Encodable, Sendable {
    let name: String
    let headline: String
    let href: String
    let getInTouchHref: String

    init(_ summary: PractitionerSummary) {
        name = summary.name
        headline = summary.headline
        href = SiteURL.practitioner(slug: summary.slug).path
        getInTouchHref = SiteURL.getInTouch(slug: summary.slug).path
    }
}

extension Request {
    /// Three similar practitioners to the first one written to, never one already written to.
    func similarPractitioners(to practitioners: [Practitioner], wantsInPerson: Bool) async throws -> [SimilarPractitioner] {
        guard let first = practitioners.first else { return [] }
        try await first.$topics.load(on: db)
        try await first.$locations.load(on: db)
        let found = try await searchService.similar(
            to: .init(id: try first.requireID(), kind: first.kind, topicSlugs: first.topics.map(\.slug), placeLabel: first.locations.first?.placeLabel),
            wantsInPerson: wantsInPerson, excluding: Set(practitioners.compactMap(\.id)))
        return found.map(SimilarPractitioner.init)
    }
}
