import Fluent
import Vapor

/// Reading: `/articles`, newest first with shareable filters, and each article's own page.
struct ArticlesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.articles.pathComponents, use: list)
        routes.get(SiteURL.article(slug: SiteURL.slug).pathComponents, use: show)
    }

    struct ListView: Encodable, Sendable {
        struct PageLink: Encodable, Sendable {
            let number: Int
            let href: String
            let isCurrent: Bool
        }
        let articles: [ArticleListItem]
        let total: Int
        let topics: [ProfileForm.Choice]
        let approaches: [ProfileForm.Choice]
        let filterName: String?
        let pages: [PageLink]
        let previousHref: String?
        let nextHref: String?
        let feedHref: String
    }

    /// `GET /articles?topic=…&approach=…&page=…`.
    @Sendable
    func list(request: Request) async throws -> Response {
        let taxonomy = try await ArticleTaxonomy.load(request.db)
        let topic = request.queryValues["topic"].flatMap { slug in taxonomy.topics.first { $0.slug == slug } }
        let approach = request.queryValues["approach"].flatMap { slug in taxonomy.approaches.first { $0.slug == slug } }
        let number = max(1, min(10_000, request.queryValues["page"].flatMap { Int($0) } ?? 1))
        let found = try await request.articles.page(topic: topic?.slug, approach: approach?.slug, number: number)
        let pageCount = max(1, (found.total + ArticleService.perPage - 1) / ArticleService.perPage)
        func href(page: Int) -> String {
            var items: [URLQueryItem] = []
            if let topic { items.append(.init(name: "topic", value: topic.slug)) }
            if let approach { items.append(.init(name: "approach", value: approach.slug)) }
            if page > 1 { items.append(.init(name: "page", value: String(page))) }
            var components = URLComponents()
            components.path = SiteURL.articles.path
            components.queryItems = items.isEmpty ? nil : items
            return components.string ?? SiteURL.articles.path
        }
        let names = [topic?.name, approach?.name].compactMap { $0 }
        let view = ListView(
            articles: found.listings.map(ArticleListItem.init), total: found.total,
            topics: taxonomy.topics.map { .init(value: $0.slug, label: $0.name, checked: $0.slug == topic?.slug) },
            approaches: taxonomy.approaches.map { .init(value: $0.slug, label: $0.name, checked: $0.slug == approach?.slug) },
            filterName: names.isEmpty ? nil : names.joined(separator: " and "),
            pages: pageCount > 1 ? (1...pageCount).map { .init(number: $0, href: href(page: $0), isCurrent: $0 == number) } : [],
            previousHref: number > 1 ? href(page: number - 1) : nil, nextHref: number < pageCount ? href(page: number + 1) : nil,
            feedHref: topic.map { SiteURL.topicFeed(slug: $0.slug).path } ?? SiteURL.articlesFeed.path)
        let title = number > 1 ? "Articles (page \(number) of \(pageCount))" : "Articles"
        return try await request.renderPage(
            "articles/list", title: title,
            description: "Articles by Rapport's verified therapists and coaches about relationships, families, friendships and work, each checked before it goes live.",
            view, feeds: Self.feeds(topic: topic))
    }

    /// `GET /articles/{slug}`.
    @Sendable
    func show(request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"), let listing = try await request.articles.article(slug: slug),
            let author = try await Practitioner.publicProfile(slug: listing.author.slug, on: request.db)
        else { throw Abort(.notFound) }
        let byAuthor = try await request.articles.byAuthor(try author.requireID())
        let related = try await request.articles.related(to: listing)
        let content = request.application.content
        let page = ArticlePage(listing, author: author, byAuthor: byAuthor, related: related,
                               names: (content.topics.mapValues(\.name), content.approaches.mapValues(\.name)),
                               publicLink: request.publicLink)
        return try await request.renderPage("articles/article", title: listing.title, description: listing.summary, page,
                                            feeds: Self.feeds(topic: nil))
    }

    /// The Atom feeds a page offers its readers' feed readers.
    static func feeds(topic: Topic?) -> [PageLayout.Feed] {
        var feeds = [PageLayout.Feed(title: "Articles on Rapport", href: SiteURL.articlesFeed.path)]
        if let topic { feeds.append(.init(title: "Articles on Rapport: \(topic.name)", href: SiteURL.topicFeed(slug: topic.slug).path)) }
        return feeds
    }
}
