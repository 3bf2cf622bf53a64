import Fluent
import Vapor

/// The Articles feature's public face for other features (the admin queue, profiles, topic
/// pages, the sitemap): which articles readers may see, and in what order. An article is public
/// while it has an approved version and its author is listed (`ListingPolicy`), so suspending
/// or hiding a profile takes its articles down with it, and deleting it deletes them.
struct ArticleService: Sendable {
    static let perPage = 20

    let database: any Database

    /// One public article as lists, feeds and cards show it.
    struct Listing: Sendable {
        let article: Article
        let author: Practitioner

        var slug: String { article.slug }
        var title: String { article.publishedTitle ?? "" }
        var summary: String { article.publishedSummary ?? "" }
        var markdown: String { article.publishedMarkdown ?? "" }
        var topics: [String] { article.publishedTopicSlugs }
        var approaches: [String] { article.publishedApproachSlugs }
        var published: Date { article.firstPublishedAt ?? article.updatedAt }
        var updated: Date { article.lastPublishedAt ?? published }
        var href: String { SiteURL.article(slug: article.slug).path }
    }

    /// Public articles, joined to their listed authors.
    func publicQuery(today: String = LondonCalendar.today()) -> QueryBuilder<Article> {
        let query = Article.query(on: database)
            .join(Practitioner.self, on: \Article.$practitioner.$id == \Practitioner.$id)
            .filter(\.$publishedMarkdown != nil)
        return ListingPolicy.listedAuthors(query, today: today)
    }

    private func listings(_ query: QueryBuilder<Article>) async throws -> [Listing] {
        try await query.all().map { Listing(article: $0, author: try $0.joined(Practitioner.self)) }
    }

    private func newestFirst(_ query: QueryBuilder<Article>) -> QueryBuilder<Article> {
        query.sort(\.$firstPublishedAt, .descending).sort(\.$id)
    }

    /// `/articles`: newest first, narrowed by a topic and an approach, one page of 20.
    func page(topic: String?, approach: String?, number: Int) async throws -> (listings: [Listing], total: Int) {
        let query = publicQuery()
        if let topic { query.filter(\.$publishedTopics ~~ Article.tagPattern(topic)) }
        if let approach { query.filter(\.$publishedApproaches ~~ Article.tagPattern(approach)) }
        let total = try await query.copy().count()
        let page = try await listings(newestFirst(query).range(((number - 1) * Self.perPage)..<(number * Self.perPage)))
        return (page, total)
    }

    /// The newest public articles on a topic: its page shows three, its feed more.
    func newest(topic: String? = nil, limit: Int) async throws -> [Listing] {
        let query = publicQuery()
        if let topic { query.filter(\.$publishedTopics ~~ Article.tagPattern(topic)) }
        return try await listings(newestFirst(query).limit(limit))
    }

    func article(slug: String) async throws -> Listing? {
        try await listings(publicQuery().filter(\.$slug == slug).limit(1)).first
    }

    /// An author's public articles, oldest first: the order "Previous" and "Next" follow.
    func byAuthor(_ practitionerID: UUID) async throws -> [Listing] {
        try await listings(publicQuery().filter(\.$practitioner.$id == practitionerID).sort(\.$firstPublishedAt).sort(\.$id))
    }

    /// Up to `limit` other public articles sharing a topic, the most shared topics first, then
    /// the newest.
    func related(to listing: Listing, limit: Int = 3) async throws -> [Listing] {
        let topics = listing.topics
        guard !topics.isEmpty else { return [] }
        guard let id = listing.article.id else { return [] }
        let query = publicQuery().filter(\.$id != id).group(.or) { group in
            for topic in topics { group.filter(\.$publishedTopics ~~ Article.tagPattern(topic)) }
        }
        let candidates = try await listings(newestFirst(query).limit(100))
        func shared(_ other: Listing) -> Int { Set(other.topics).intersection(topics).count }
        return Array(candidates.enumerated().sorted { lhs, rhs in
            shared(lhs.element) != shared(rhs.element) ? shared(lhs.element) > shared(rhs.element) : lhs.offset < rhs.offset
        }.map { $0.element }.prefix(limit))
    }

    /// For the sitemap: every public article's path and the day it last changed.
    func sitemapEntries() async throws -> [(path: String, day: String)] {
        try await publicQuery().sort(\.$slug).all().map {
            (SiteURL.article(slug: $0.slug).path, LondonCalendar.dayString($0.lastPublishedAt ?? $0.updatedAt))
        }
    }

    /// For the admin queue: articles sent for review, the longest waiting first.
    struct Waiting: Sendable {
        let title: String
        let authorName: String
        let submitted: Date
        let href: String
        let isEditOfPublished: Bool
    }

    func waitingForReview() async throws -> [Waiting] {
        try await Article.query(on: database).filter(\.$status == .inReview).sort(\.$submittedAt).with(\.$practitioner).all().map {
            Waiting(title: $0.title, authorName: $0.practitioner.displayName, submitted: $0.submittedAt ?? $0.updatedAt,
                    href: SiteURL.adminArticle(id: try $0.requireID().uuidString).path, isEditOfPublished: $0.hasPublishedVersion)
        }
    }
}

extension Request {
    var articles: ArticleService { ArticleService(database: db) }
}
