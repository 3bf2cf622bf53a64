import Fluent
import Vapor

/// "Need help with" topics and the approaches, each A to Z and each with its own short page
/// listing practitioners for it.
struct TaxonomyPagesController: RouteCollection {
    /// How many practitioners a topic or approach page shows before pointing to the full search.
    static let practitionersShown = 12
    /// How many practitioners' articles a topic page shows.
    static let articlesShown = 3

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
        let filter: String
        let action: String
        let count: Int
    }

    struct ApproachesPage: Encodable, Sendable {
        let therapy: [Entry]
        let coaching: [Entry]
    }

    /// `GET /need-help-with?q=…`: every topic, A to Z, narrowed to those whose name or summary
    /// holds the words typed (a GET form, so it works without JavaScript; with it, the list
    /// narrows as you type).
    @Sendable
    func topics(request: Request) async throws -> Response {
        let filter = (request.queryValues["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(80)
        let words = filter.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).split(separator: " ")
        let topics = try await Topic.query(on: request.db).sort(\.$name).all().filter { topic in
            let text = (topic.name + " " + topic.summary).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            return words.allSatisfy { text.contains($0) }
        }
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
            TopicsPage(groups: groups, letters: groups.map(\.letter), filter: String(filter), action: SiteURL.needHelpWith.path,
                       count: topics.count))
    }

    /// `GET /need-help-with/{slug}`: the written page, with practitioners for the topic.
    @Sendable
    func topic(request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"), let page = request.application.content.topics[slug],
            let topic = try await Topic.query(on: request.db).filter(\.$slug == slug).first(), let topicID = topic.id
        else { throw Abort(.notFound) }
        var criteria = SearchCriteria()
        criteria.topic = TaxonomyChoice(id: topicID, slug: slug, name: topic.name)
        let articles = try await request.articles.newest(topic: slug, limit: Self.articlesShown).map {
            ContentEntryPage.ArticleLink(title: $0.title, href: $0.href, authorName: $0.author.displayName, summary: $0.summary)
        }
        let feeds = [PageLayout.Feed(title: "Articles on Rapport", href: SiteURL.articlesFeed.path),
                     PageLayout.Feed(title: "Articles on Rapport: \(topic.name)", href: SiteURL.topicFeed(slug: slug).path)]
        return try await render(request, page, criteria: criteria, parameter: "topic", path: SiteURL.topic(slug: slug).path,
                                articles: articles, moreArticlesHref: SiteURL.articles.with("topic", slug), feeds: feeds)
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

    /// `GET /approaches/{slug}`: the written page, with practitioners who work this way.
    @Sendable
    func approach(request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"), let page = request.application.content.approaches[slug],
            let approach = try await Approach.query(on: request.db).filter(\.$slug == slug).first(), let approachID = approach.id
        else { throw Abort(.notFound) }
        var criteria = SearchCriteria()
        criteria.approach = TaxonomyChoice(id: approachID, slug: slug, name: approach.name)
        return try await render(request, page, criteria: criteria, parameter: "approach", path: SiteURL.approach(slug: slug).path)
    }

    /// The page, with the first few results of the same search its "See all" link opens, in the
    /// same fair order.
    private func render(
        _ request: Request, _ page: ContentPage, criteria: SearchCriteria, parameter: String, path: String,
        articles: [ContentEntryPage.ArticleLink] = [], moreArticlesHref: String? = nil, feeds: [PageLayout.Feed] = []
    ) async throws -> Response {
        var criteria = criteria
        criteria.perPage = Self.practitionersShown
        let service = request.searchService
        let today = service.today
        let found = try await service.search(criteria)
        let content = request.application.content
        let names = (content.topics.mapValues(\.name), content.approaches.mapValues(\.name))
        var view = ContentEntryPage(
            page: page, names: names,
            cards: HTML(joining: found.practitioners.map { PractitionerCard($0.practitioner, today: today).html(shortlistToken: nil, picksForOneMessage: false) }).markup,
            shown: found.practitioners.count, total: found.total, searchParameter: parameter,
            publicURL: request.application.settings.publicURL, path: path)
        view.articles = articles
        view.moreArticlesHref = articles.isEmpty ? nil : moreArticlesHref
        return try await request.renderPage("content/entry", title: page.name, description: page.summary, view, exitThisPage: page.quickExit, feeds: feeds)
    }
}
