import Fluent
import Vapor

/// `/therapists`, `/coaches` and `/find`: the search pages. Every filter is a GET parameter, so
/// a page of results is a link that can be shared.
struct SearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.therapists.pathComponents) { try await search(request: $0, kind: .therapist) }
        routes.get(SiteURL.coaches.pathComponents) { try await search(request: $0, kind: .coach) }
        routes.get(SiteURL.find.pathComponents) { try await search(request: $0, kind: nil) }
    }

    /// Forgiving: out-of-range values are brought into range and the page says so; a place that
    /// cannot be pinned down is asked about instead of guessed.
    @Sendable
    func search(request: Request, kind: PractitionerKind?) async throws -> Response {
        let service = request.searchService
        let query = request.queryValues
        let path = request.url.path
        let today = service.today
        let (index, outcome, found) = try await service.withCurrentIndex { index in
            var outcome = try service.parser(.page, taxonomy: index.taxonomy).parse(query)
            outcome.criteria.kind = kind
            guard outcome.placeProblem == nil else { return (index, outcome, nil as SearchService.Found?) }
            var found = service.search(outcome.criteria, in: index)
            let pageCount = max(1, (found.total + outcome.criteria.perPage - 1) / outcome.criteria.perPage)
            if outcome.criteria.page > pageCount {
                outcome.notices.append("There are only \(pageCount) \(pageCount == 1 ? "page" : "pages") of results, so here is the last one.")
                outcome.criteria.page = pageCount
                found = service.search(outcome.criteria, in: index)
            }
            return (index, outcome, found)
        }
        let links = SearchLinks(path: path, query: query)
        let approaches = index.taxonomy.approaches
            .filter { approach in kind.map { ($0 == .coach) == (approach.audience == .coaching) } ?? true }

        var page = SearchPage(
            kind: kind, path: path, outcome: outcome, found: found, links: links,
            topics: index.taxonomy.topics, approaches: approaches, today: today)
        if request.account != nil { page.shortlistToken = try await request.csrfToken() }
        return try await request.renderPage(body: page.body, title: page.title, description: page.metaDescription)
    }
}
