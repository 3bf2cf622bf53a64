import Fluent
import SQLKit
import Vapor

/// Every feature registers its own routes; this list is the map of the site.
func routes(_ app: Application) throws {
    try app.register(collection: SitePagesController())
    try app.register(collection: TaxonomyPagesController())
    try app.register(collection: SiteContentController())
    try app.register(collection: SitemapController())
    try app.register(collection: SearchController())
    try app.register(collection: PractitionerAPIController())
    try app.register(collection: ProfileController())
    try app.register(collection: HealthController())
    try app.register(collection: LoginController())
    try app.register(collection: RegistrationController())
    try app.register(collection: AccountSettingsController())
    try app.register(collection: TwoStepController())
    try app.register(collection: JoinController())
    try app.register(collection: ProfileEditingController())
    try app.register(collection: DashboardController())
    try app.register(collection: AdminController())
    try app.register(collection: PractitionerReviewController())
    try app.register(collection: ReportController())
    try app.register(collection: ShortlistController())
    try app.register(collection: GetInTouchController())
    try app.register(collection: PrivateLinkController())
    try app.register(collection: InboxController())
    try app.register(collection: ReportedEnquiryController())
    try app.register(collection: ArticlesController())
    try app.register(collection: ArticleFeedController())
    try app.register(collection: ArticleEditorController())
    try app.register(collection: ArticleReviewController())
    try app.register(collection: PrivateBookingController())
    try app.register(collection: CallSettingsController())
    try app.register(collection: PractitionerBookingController())
    try app.register(collection: GuideController())
}

/// `GET /healthz`: for load balancers, answers 200 only when the database answers.
/// `GET /healthz/ready`: 200 only when the search index is built too, so a load balancer sends
/// a starting instance no traffic until it can search.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.healthCheck.pathComponents, use: check)
        routes.get(SiteURL.readinessCheck.pathComponents, use: ready)
    }

    @Sendable
    func ready(request: Request) async throws -> Response {
        let alive = try await check(request: request)
        guard alive.status == .ok else { return alive }
        let index = request.application.searchIndex
        guard index.isReady else {
            // `serve` builds it at start; anywhere else, asking is what starts it.
            let database = request.application.db
            Task { try? await index.refresh(on: database) }
            return Response(status: .serviceUnavailable, body: "search index not built yet\n")
        }
        return Response(status: .ok, body: "ready\n")
    }

    @Sendable
    func check(request: Request) async throws -> Response {
        guard let sql = request.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        do {
            try await sql.raw("SELECT 1").run()
        } catch {
            request.logger.warning("Health check: the database did not answer")
            return Response(status: .serviceUnavailable, body: "database unavailable\n")
        }
        return Response(status: .ok, body: "ok\n")
    }
}
