import Fluent
import Vapor

/// The JSON API, version 1. Errors are `{"error": {"code", "message"}}` with a 4xx status.
struct PractitionerAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.api(.practitioners).pathComponents, use: search)
        routes.get(SiteURL.api(.practitioner(slug: SiteURL.slug)).pathComponents, use: show)
        routes.get(SiteURL.api(.topics).pathComponents, use: topics)
        routes.get(SiteURL.api(.approaches).pathComponents, use: approaches)
        routes.get(SiteURL.api(.places).pathComponents, use: places)
        routes.get(SiteURL.api(.openAPI).pathComponents, use: openAPI)
    }

    /// `GET /api/v1/practitioners`: the same search as the pages, with exact validation.
    @Sendable
    func search(request: Request) async throws -> APIPractitionerList {
        let service = request.searchService
        let query = request.queryValues
        let (outcome, found) = try await service.withCurrentIndex { index in
            let outcome = try service.parser(.api, taxonomy: index.taxonomy).parse(query)
            return (outcome, service.search(outcome.criteria, in: index))
        }
        return APIPractitionerList(
            total: found.total, page: outcome.criteria.page, perPage: outcome.criteria.perPage,
            results: found.practitioners.map { APIPractitioner($0.practitioner, distanceMiles: $0.distanceMiles) })
    }

    /// `GET /api/v1/practitioners/{slug}`: one verified, visible practitioner in full.
    @Sendable
    func show(request: Request) async throws -> APIPractitionerDetail {
        guard let slug = request.parameters.get("slug"),
            let practitioner = try await Practitioner.publicProfile(slug: slug, on: request.db)
        else {
            throw APIError(status: .notFound, code: "not_found", message: "No listed practitioner has that slug.")
        }
        return APIPractitionerDetail(practitioner)
    }

    /// `GET /api/v1/topics`: every "Need help with" topic, by name.
    @Sendable
    func topics(request: Request) async throws -> [APITaxonomyEntry] {
        try await Topic.query(on: request.db).sort(\.$name).all().map {
            APITaxonomyEntry(slug: $0.slug, name: $0.name, summary: $0.summary)
        }
    }

    /// `GET /api/v1/approaches`: every approach, by name.
    @Sendable
    func approaches(request: Request) async throws -> [APITaxonomyEntry] {
        try await Approach.query(on: request.db).sort(\.$name).all().map {
            APITaxonomyEntry(slug: $0.slug, name: $0.name, summary: $0.summary)
        }
    }

    /// `GET /api/v1/places?prefix=…`: up to 10 places for autocomplete, larger first.
    @Sendable
    func places(request: Request) async throws -> [APIPlace] {
        let prefix = request.queryValues["prefix"] ?? ""
        guard !prefix.isEmpty, prefix.count <= 100 else {
            throw APIError(
                status: .badRequest, code: "invalid_parameter", message: "prefix must be 1 to 100 characters.", parameter: "prefix")
        }
        return request.application.gazetteer.places(withPrefix: prefix, limit: 10).map {
            APIPlace(label: $0.label, name: $0.name, county: $0.county, lat: $0.latitude, lon: $0.longitude)
        }
    }

    /// `GET /api/openapi.json`: the OpenAPI 3.1 description of all of the above, with the
    /// topics and approaches the database held when this instance first described itself.
    @Sendable
    func openAPI(request: Request) async throws -> Response {
        let json = try await request.application.openAPIJSON.value {
            let taxonomy = OpenAPIDocument.Taxonomy(
                topics: try await Topic.query(on: request.db).sort(\.$slug).all().map(\.slug),
                approaches: try await Approach.query(on: request.db).sort(\.$slug).all().map(\.slug))
            return OpenAPIDocument(taxonomy: taxonomy).json
        }
        let response = Response(status: .ok, body: .init(data: json))
        response.headers.contentType = .json
        return response
    }
}
