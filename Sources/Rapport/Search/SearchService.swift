import Fluent
import Vapor

/// Runs searches for the pages and the API: parses parameters and runs the one search over the
/// in-memory catalogue. Apart from the catalogue's version check, a search asks the database
/// nothing: the results are summaries kept in the catalogue itself.
struct SearchService {
    struct Found: Sendable {
        let total: Int
        /// In result order, each with its distance when the search used one.
        let practitioners: [(practitioner: PractitionerSummary, distanceMiles: Double?)]
    }

    let database: any Database
    let gazetteer: Gazetteer
    let catalogue: SearchCatalogueStore

    /// The catalogue as of now: at least as new as every change committed before this call.
    func currentCatalogue() async throws -> SearchCatalogue {
        try await catalogue.catalogue(on: database)
    }

    /// `work` done with the catalogue as of now; quicker than `currentCatalogue()` then `work`,
    /// as the work overlaps the version check (see `SearchCatalogueStore.withCatalogue`).
    func withCurrentCatalogue<Answer>(_ work: (SearchCatalogue) throws -> Answer) async throws -> Answer {
        try await catalogue.withCatalogue(on: database, work)
    }

    func parser(_ mode: SearchParser.Mode, taxonomy: CatalogueTaxonomy) -> SearchParser {
        SearchParser(mode: mode, gazetteer: gazetteer, taxonomy: taxonomy)
    }

    func search(_ criteria: SearchCriteria, in catalogue: SearchCatalogue, today: String = LondonCalendar.today()) -> Found {
        let page = PractitionerSearch(criteria: criteria, today: today).run(in: catalogue)
        return Found(total: page.total, practitioners: page.hits.map { (catalogue.summary(at: $0.slot), $0.distanceMiles) })
    }

    func search(_ criteria: SearchCriteria, today: String = LondonCalendar.today()) async throws -> Found {
        try await withCurrentCatalogue { search(criteria, in: $0, today: today) }
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
