import Fluent
import Vapor

/// Runs searches for the pages and the API: parses parameters, runs the one query, and loads
/// the matching practitioners with everything a result shows.
struct SearchService {
    struct Found: Sendable {
        let total: Int
        /// In result order, each with its distance when the search used one.
        let practitioners: [(practitioner: Practitioner, distanceMiles: Double?)]
    }

    let database: any Database
    let gazetteer: Gazetteer
    let catalogue: SearchCatalogueStore

    func parser(_ mode: SearchParser.Mode) -> SearchParser {
        let database = database
        return SearchParser(
            mode: mode, gazetteer: gazetteer,
            findTopic: { slug in
                try await Topic.query(on: database).filter(\.$slug == slug).first().map {
                    TaxonomyChoice(id: try $0.requireID(), slug: $0.slug, name: $0.name)
                }
            },
            findApproach: { slug in
                try await Approach.query(on: database).filter(\.$slug == slug).first().map {
                    TaxonomyChoice(id: try $0.requireID(), slug: $0.slug, name: $0.name)
                }
            })
    }

    func search(_ criteria: SearchCriteria, today: String = LondonCalendar.today()) async throws -> Found {
        let page = PractitionerSearch(criteria: criteria, today: today).run(in: try await catalogue.catalogue(on: database))
        let ids = page.hits.map(\.practitionerID)
        guard !ids.isEmpty else { return Found(total: page.total, practitioners: []) }
        let loaded = try await PractitionerListLoader.load(ids, on: database)
        let byID = Dictionary(uniqueKeysWithValues: loaded.compactMap { practitioner in practitioner.id.map { ($0, practitioner) } })
        return Found(
            total: page.total,
            practitioners: page.hits.compactMap { hit in byID[hit.practitionerID].map { ($0, hit.distanceMiles) } })
    }
}

extension Request {
    var searchService: SearchService {
        SearchService(database: db, gazetteer: application.gazetteer, catalogue: application.searchCatalogue)
    }

    /// The URL's query as one value per name (see `SearchParser.queryValues`).
    var queryValues: [String: String] {
        SearchParser.queryValues(url.query)
    }
}
