import Fluent
import Vapor

/// The home page and the pages whose words live entirely in their templates.
struct SitePagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.pathComponents, use: home)
        routes.get(SiteURL.urgentHelp.pathComponents, use: urgentHelp)
        routes.get(SiteURL.privacy.pathComponents, use: privacy)
    }

    struct HomePage: Encodable, Sendable {
        struct TopicChoice: Encodable, Sendable {
            let name: String
            let href: String
        }
        let therapistSearchHref: String
        let coachSearchHref: String
        let topicNames: [String]
        let popularTopics: [TopicChoice]
        let needHelpWithHref: String
        let approachesHref: String
    }

    /// `GET /`: "What do you need help with?" and "Where?", then how Rapport works.
    @Sendable
    func home(request: Request) async throws -> Response {
        let topics = try await Topic.query(on: request.db).sort(\.$name).all()
        let popularSlugs = ["interpersonal-relationships", "relationship-problems", "family-issues", "anxiety", "loneliness", "separation-and-divorce"]
        let popular = popularSlugs.compactMap { slug in topics.first { $0.slug == slug } }
        let page = HomePage(
            therapistSearchHref: SiteURL.therapists.path,
            coachSearchHref: SiteURL.coaches.path,
            topicNames: topics.map(\.name),
            popularTopics: popular.map { .init(name: $0.name, href: SiteURL.topic(slug: $0.slug).path) },
            needHelpWithHref: SiteURL.needHelpWith.path,
            approachesHref: SiteURL.approaches.path)
        return try await request.renderPage(
            "site/home", title: "",
            description: "Find a therapist or coach who can help with relationships, family, friendships and work, and take the first step.",
            page)
    }

    /// `GET /urgent-help`: crisis numbers for all four nations.
    @Sendable
    func urgentHelp(request: Request) async throws -> Response {
        try await request.renderPage(
            "site/urgent-help", title: "Need urgent help?",
            description: "If you or someone else is in danger or crisis, here is who to call, in every part of the UK.", NoContent(),
            exitThisPage: true)
    }

    /// `GET /privacy`: what Rapport holds, why, and for how long.
    @Sendable
    func privacy(request: Request) async throws -> Response {
        try await request.renderPage("site/privacy", title: "Privacy", NoContent())
    }
}
