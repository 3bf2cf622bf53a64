import Fluent
import Vapor

/// "Need help with" topics and the approaches, each A to Z and each with its own short page
/// listing practitioners for it.
struct TaxonomyPagesController: RouteCollection {
    /// How many practitioners a topic or approach page shows before pointing to the full search.
    static let practitionersShown = 12

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.needHelpWith.pathComponents, use: topics)
        routes.get(SiteURL.topic(slug: SiteURL.slug).pathComponents, use: topic)
        routes.get(SiteURL.approaches.pathComponents, use: approaches)
        routes.get(SiteURL.approach(slug: SiteURL.slug).pathComponents, use: approach)
    }

    struct Entry: Encodable, Sendable {
        let name: String
        let summary: String
        let href: String
    }

    struct LetterGroup: Encodable, Sendable {
        let letter: String
        let entries: [Entry]
    }

    struct TopicsPage: Encodable, Sendable {
        let groups: [LetterGroup]
        let letters: [String]
    }

    struct ApproachesPage: Encodable, Sendable {
        let therapy: [Entry]
        let coaching: [Entry]
    }

    struct EntryPage: Encodable, Sendable {
        let name: String
        let summary: String
        let isCoaching: Bool
        /// The cards' markup, made by `PractitionerCard.html` like every result list's.
        let cards: String
        let practitionersShown: Int
        let totalPractitioners: Int
        let listHref: String
    }

    /// `GET /need-help-with`: every topic, A to Z.
    @Sendable
    func topics(request: Request) async throws -> Response {
        let topics = try await Topic.query(on: request.db).sort(\.$name).all()
        let grouped = Dictionary(grouping: topics) { String($0.name.prefix(1)).uppercased() }
        let groups = grouped.keys.sorted().map { letter in
            LetterGroup(
                letter: letter,
                entries: grouped[letter, default: []].map {
                    Entry(name: $0.name, summary: $0.summary, href: SiteURL.topic(slug: $0.slug).path)
                })
        }
        return try await request.renderPage(
            "content/topics", title: "Need help with",
            description: "Topics people come to Rapport with, from relationship problems to loneliness, each with practitioners who can help.",
            TopicsPage(groups: groups, letters: groups.map(\.letter)))
    }

    /// `GET /need-help-with/{slug}`.
    @Sendable
    func topic(request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"),
            let topic = try await Topic.query(on: request.db).filter(\.$slug == slug).first(), let topicID = topic.id
        else { throw Abort(.notFound) }
        var criteria = SearchCriteria()
        criteria.topic = TaxonomyChoice(id: topicID, slug: slug, name: topic.name)
        let page = try await entryPage(
            name: topic.name, summary: topic.summary, isCoaching: false, criteria: criteria, request: request,
            listHref: SiteURL.find.with("topic", slug))
        return try await request.renderPage("content/entry", title: topic.name, description: topic.summary, page)
    }

    /// `GET /approaches`: therapy approaches, then coaching.
    @Sendable
    func approaches(request: Request) async throws -> Response {
        let approaches = try await Approach.query(on: request.db).sort(\.$name).all()
        func entries(_ audience: ApproachAudience) -> [Entry] {
            approaches.filter { $0.audience == audience }.map {
                Entry(name: $0.name, summary: $0.summary, href: SiteURL.approach(slug: $0.slug).path)
            }
        }
        return try await request.renderPage(
            "content/approaches", title: "Approaches explained",
            description: "Plain explanations of the ways therapists and coaches work, to help you find one that may suit you.",
            ApproachesPage(therapy: entries(.therapy), coaching: entries(.coaching)))
    }

    /// `GET /approaches/{slug}`.
    @Sendable
    func approach(request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"),
            let approach = try await Approach.query(on: request.db).filter(\.$slug == slug).first(), let approachID = approach.id
        else { throw Abort(.notFound) }
        var criteria = SearchCriteria()
        criteria.approach = TaxonomyChoice(id: approachID, slug: slug, name: approach.name)
        let page = try await entryPage(
            name: approach.name, summary: approach.summary, isCoaching: approach.audience == .coaching, criteria: criteria,
            request: request, listHref: SiteURL.find.with("approach", slug))
        return try await request.renderPage("content/entry", title: approach.name, description: approach.summary, page)
    }

    /// The first few results of the same search the "See all" link opens, in the same fair order.
    private func entryPage(
        name: String, summary: String, isCoaching: Bool, criteria: SearchCriteria, request: Request, listHref: String
    ) async throws -> EntryPage {
        var criteria = criteria
        criteria.perPage = Self.practitionersShown
        let today = LondonCalendar.today()
        let found = try await request.searchService.search(criteria, today: today)
        return EntryPage(
            name: name, summary: summary, isCoaching: isCoaching,
            cards: HTML(joining: found.practitioners.map { PractitionerCard($0.practitioner, today: today).html(shortlistToken: nil) }).markup,
            practitionersShown: found.practitioners.count,
            totalPractitioners: found.total, listHref: listHref)
    }
}
