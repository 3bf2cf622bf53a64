import Fluent
import Vapor

/// Atom 1.0 feeds (RFC 4287): every article, and each topic's. Each entry carries its id,
/// dates, author, summary and the whole article as escaped HTML, so a feed reader shows it all.
struct ArticleFeedController: RouteCollection {
    static let entriesShown = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.articlesFeed.pathComponents, use: siteFeed)
        routes.get(SiteURL.topicFeed(slug: SiteURL.slug).pathComponents, use: topicFeed)
    }

    /// `GET /articles/feed.xml`.
    @Sendable
    func siteFeed(request: Request) async throws -> Response {
        let listings = try await request.articles.newest(limit: Self.entriesShown)
        return Self.atom(title: "Articles on Rapport", selfPath: SiteURL.articlesFeed.path, pagePath: SiteURL.articles.path,
                         listings: listings, request: request)
    }

    /// `GET /need-help-with/{slug}/feed.xml`.
    @Sendable
    func topicFeed(request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"), let topic = try await Topic.query(on: request.db).filter(\.$slug == slug).first() else {
            throw Abort(.notFound)
        }
        let listings = try await request.articles.newest(topic: slug, limit: Self.entriesShown)
        return Self.atom(title: "Articles on Rapport: \(topic.name)", selfPath: SiteURL.topicFeed(slug: slug).path,
                         pagePath: SiteURL.topic(slug: slug).path, listings: listings, request: request)
    }

    static func atom(title: String, selfPath: String, pagePath: String, listings: [ArticleService.Listing], request: Request) -> Response {
        // XML 1.0 cannot hold most control characters, even escaped, so they are dropped.
        func text(_ value: String) -> String {
            MarkdownRenderer.escape(String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" || $0 == "\r" })))
        }
        func stamp(_ date: Date) -> String { date.formatted(.iso8601) }
        let topicNames = request.application.content.topics.mapValues(\.name)
        // An empty feed is still valid: it says when the site's articles last changed, which
        // for a new topic is now.
        let updated = listings.map(\.updated).max() ?? Date()
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
            <title>\(text(title))</title>
            <subtitle>Written by Rapport's verified therapists and coaches, and checked before it goes live.</subtitle>
            <id>\(text(request.publicLink(selfPath)))</id>
            <link rel="self" type="application/atom+xml" href="\(text(request.publicLink(selfPath)))"/>
            <link rel="alternate" type="text/html" href="\(text(request.publicLink(pagePath)))"/>
            <updated>\(stamp(updated))</updated>
            <author><name>Rapport</name><uri>\(text(request.publicLink(SiteURL.home.path)))</uri></author>

            """
        for listing in listings {
            let link = request.publicLink(listing.href)
            let categories = listing.topics.compactMap { slug in
                topicNames[slug].map { "<category term=\"\(text(slug))\" label=\"\(text($0))\"/>" }
            }.joined()
            xml += """
                <entry>
                <title>\(text(listing.title))</title>
                <id>\(text(link))</id>
                <link rel="alternate" type="text/html" href="\(text(link))"/>
                <published>\(stamp(listing.published))</published>
                <updated>\(stamp(listing.updated))</updated>
                <author><name>\(text(listing.author.displayName))</name><uri>\(text(request.publicLink(SiteURL.practitioner(slug: listing.author.slug).path)))</uri></author>
                \(categories)
                <summary>\(text(listing.summary))</summary>
                <content type="html">\(text(ArticleForm.renderer.html(listing.markdown)))</content>
                </entry>

                """
        }
        xml += "</feed>\n"
        let response = Response(status: .ok, body: .init(string: xml))
        response.headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return response
    }
}
