import Fluent
import Vapor

/// `/therapists`, `/coaches` and `/find`: the search pages. Every filter is a GET parameter, so
/// a page of results is a link that can be shared.
struct SearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("therapists") { try await search(request: $0, kind: .therapist) }
        routes.get("coaches") { try await search(request: $0, kind: .coach) }
        routes.get("find") { try await search(request: $0, kind: nil) }
    }

    /// Forgiving: out-of-range values are brought into range and the page says so; a place that
    /// cannot be pinned down is asked about instead of guessed.
    @Sendable
    func search(request: Request, kind: PractitionerKind?) async throws -> Response {
        let service = request.searchService
        let query = request.queryValues
        let catalogue = try await service.currentCatalogue()
        var outcome = try service.parser(.page, taxonomy: catalogue.taxonomy).parse(query)
        outcome.criteria.kind = kind
        let links = SearchLinks(path: request.url.path, query: query)
        let approaches = catalogue.taxonomy.approaches
            .filter { approach in kind.map { ($0 == .coach) == (approach.audience == .coaching) } ?? true }

        var found: SearchService.Found?
        if outcome.placeProblem == nil {
            let today = LondonCalendar.today()
            var result = service.search(outcome.criteria, in: catalogue, today: today)
            let pageCount = max(1, (result.total + outcome.criteria.perPage - 1) / outcome.criteria.perPage)
            if outcome.criteria.page > pageCount {
                outcome.notices.append("There are only \(pageCount) \(pageCount == 1 ? "page" : "pages") of results, so here is the last one.")
                outcome.criteria.page = pageCount
                result = service.search(outcome.criteria, in: catalogue, today: today)
            }
            found = result
        }

        var page = SearchPage(
            kind: kind, path: request.url.path, outcome: outcome, found: found, links: links,
            topics: catalogue.taxonomy.topics, approaches: approaches, today: LondonCalendar.today())
        if request.account != nil { page.shortlistToken = try await request.csrfToken() }
        return try await request.renderPage(body: page.body, title: page.title, description: page.metaDescription)
    }
}
