import Fluent
import Vapor

/// `sitemap.xml` and `robots.txt`, for search engines: every public page with the day it last
/// changed. Past 50,000 addresses (the protocol's limit) the sitemap becomes an index over
/// numbered parts.
struct SitemapController: RouteCollection {
    static let perFile = 50_000

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.sitemap.pathComponents, use: sitemap)
        routes.get(SiteURL.sitemapPart(number: ":number").pathComponents, use: part)
        routes.get(SiteURL.robots.pathComponents, use: robots)
    }

    struct Entry: Sendable {
        let path: String
        let lastModified: String
    }

    /// Every public page: the fixed ones, topics, approaches, site pages, listed profiles, articles.
    static func entries(_ request: Request) async throws -> [Entry] {
        let today = LondonCalendar.today()
        var entries = [SiteURL.home, .needHelpWith, .approaches, .whichApproach, .whichApproachRules, .articles, .therapists, .coaches, .urgentHelp, .privacy, .contact, .join, .benefits]
            .map { Entry(path: $0.path, lastModified: today) }
        let content = request.application.content
        entries += content.topics.values.sorted { $0.slug < $1.slug }.map { Entry(path: SiteURL.topic(slug: $0.slug).path, lastModified: $0.lastReviewed) }
        entries += content.approaches.values.sorted { $0.slug < $1.slug }.map { Entry(path: SiteURL.approach(slug: $0.slug).path, lastModified: $0.lastReviewed) }
        entries += SiteContentController.pages.compactMap { url, slug in content.pages[slug].map { Entry(path: url.path, lastModified: $0.lastReviewed) } }
        let profiles = try await Practitioner.publiclyListed(on: request.db).field(\.$id).field(\.$slug).field(\.$updatedAt).sort(\.$slug).all()
        entries += profiles.map { Entry(path: SiteURL.practitioner(slug: $0.slug).path, lastModified: $0.updatedAt.map(LondonCalendar.dayString) ?? today) }
        entries += try await request.articles.sitemapEntries().map { Entry(path: $0.path, lastModified: $0.day) }
        return entries
    }

    /// `GET /sitemap.xml`.
    @Sendable
    func sitemap(request: Request) async throws -> Response {
        let entries = try await Self.entries(request)
        guard entries.count > Self.perFile else { return Self.xml(Self.urlSet(entries, request)) }
        let parts = (entries.count + Self.perFile - 1) / Self.perFile
        let items = (1...parts).map { number in
            "<sitemap><loc>\(MarkdownRenderer.escape(request.publicLink(.sitemapPart(number: "\(number).xml"))))</loc></sitemap>"
        }
        return Self.xml("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\(items.joined())</sitemapindex>")
    }

    /// `GET /sitemaps/:number` (`1.xml`, `2.xml`…): one part of a large sitemap.
    @Sendable
    func part(request: Request) async throws -> Response {
        guard let name = request.parameters.get("number"), name.hasSuffix(".xml"), let number = Int(name.dropLast(4)), number >= 1 else {
            throw Abort(.notFound)
        }
        let entries = try await Self.entries(request)
        let slice = entries.dropFirst((number - 1) * Self.perFile).prefix(Self.perFile)
        guard !slice.isEmpty else { throw Abort(.notFound) }
        return Self.xml(Self.urlSet(Array(slice), request))
    }

    /// `GET /robots.txt`: the sitemap, and what is private or endless kept out of crawling.
    @Sendable
    func robots(request: Request) async throws -> Response {
        let text = """
            User-agent: *
            Disallow: /dashboard
            Disallow: /account
            Disallow: /admin
            Disallow: /enquiries/
            Disallow: /first-conversations/
            Disallow: /practitioners/*/get-in-touch
            Disallow: /api/v1/practitioners?
            Sitemap: \(request.publicLink(.sitemap))

            """
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = .plainText
        return response
    }

    static func urlSet(_ entries: [Entry], _ request: Request) -> String {
        let items = entries.map { "<url><loc>\(MarkdownRenderer.escape(request.publicLink($0.path)))</loc><lastmod>\($0.lastModified)</lastmod></url>" }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\(items.joined(separator: "\n"))</urlset>\n"
    }

    static func xml(_ text: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "application/xml; charset=utf-8")
        return response
    }
}
