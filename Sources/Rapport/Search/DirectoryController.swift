import Fluent
import Vapor

/// `/therapists`, `/coaches` and `/find`: the lists people search. Every filter is a GET
/// parameter, so a page of results is a link that can be shared.
struct DirectoryController: RouteCollection {
    static let pageSize = 20

    func boot(routes: any RoutesBuilder) throws {
        routes.get("therapists") { try await list(request: $0, kind: .therapist) }
        routes.get("coaches") { try await list(request: $0, kind: .coach) }
        routes.get("find") { try await list(request: $0, kind: nil) }
    }

    struct Filters: Decodable {
        var topic: String?
        var approach: String?
        var page: Int?
    }

    struct DirectoryPage: Encodable, Sendable {
        let heading: String
        let total: Int
        let practitioners: [PractitionerCard]
        let filterName: String?
        let pageNumber: Int
        let pageCount: Int
        let previousHref: String?
        let nextHref: String?
    }

    /// Lists verified practitioners of one kind (or both), accepting ones with the freshest
    /// availability first.
    @Sendable
    func list(request: Request, kind: PractitionerKind?) async throws -> Response {
        let filters = (try? request.query.decode(Filters.self)) ?? Filters()
        var query = Practitioner.publiclyListed(on: request.db)
        if let kind { query = query.filter(\.$kind == kind) }

        var filterName: String?
        if let slug = filters.topic, let topic = try await Topic.query(on: request.db).filter(\.$slug == slug).first(), let id = topic.id {
            query = query.join(PractitionerTopic.self, on: \Practitioner.$id == \PractitionerTopic.$practitioner.$id)
                .filter(PractitionerTopic.self, \.$topic.$id == id)
            filterName = topic.name
        } else if let slug = filters.approach,
            let approach = try await Approach.query(on: request.db).filter(\.$slug == slug).first(), let id = approach.id
        {
            query = query.join(PractitionerApproach.self, on: \Practitioner.$id == \PractitionerApproach.$practitioner.$id)
                .filter(PractitionerApproach.self, \.$approach.$id == id)
            filterName = approach.name
        }

        let total = try await query.copy().count()
        let pageCount = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let pageNumber = min(max(filters.page ?? 1, 1), pageCount)
        let practitioners = try await query
            .with(\.$approaches).with(\.$locations)
            .sort(\.$acceptingNewClients, .descending)
            .sort(\.$availabilityConfirmedOn, .descending)
            .sort(\.$displayName)
            .range(((pageNumber - 1) * Self.pageSize)..<(pageNumber * Self.pageSize))
            .all()

        func href(page: Int) -> String {
            var components = URLComponents()
            components.path = request.url.path
            components.queryItems = [
                filters.topic.map { URLQueryItem(name: "topic", value: $0) },
                filters.approach.map { URLQueryItem(name: "approach", value: $0) },
                URLQueryItem(name: "page", value: String(page)),
            ].compactMap { $0 }
            return components.string ?? request.url.path
        }
        let heading =
            switch kind {
            case .therapist: "Find a therapist"
            case .coach: "Find a coach"
            case nil: "Find a practitioner"
            }
        let today = LondonCalendar.today()
        let page = DirectoryPage(
            heading: heading, total: total,
            practitioners: practitioners.map { PractitionerCard($0, today: today) },
            filterName: filterName, pageNumber: pageNumber, pageCount: pageCount,
            previousHref: pageNumber > 1 ? href(page: pageNumber - 1) : nil,
            nextHref: pageNumber < pageCount ? href(page: pageNumber + 1) : nil)
        return try await request.renderPage("search/directory", title: heading, page)
    }
}
