import Fluent
import Vapor

/// Runs searches for the pages and the API: parses parameters and runs the one search over the
/// in-memory index. Apart from the index's check of the change log, a search asks the database
/// nothing: the results are summaries kept in the index itself.
struct SearchService {
    typealias Found = SearchIndex.Found

    let database: any Database
    let gazetteer: Gazetteer
    let index: SearchIndexStore
    /// Today in London, by the application's clock (which tests move).
    let today: String

    /// The index as of now: at least as new as every change committed before this call.
    func currentIndex() async throws -> SearchIndex {
        try await index.index(on: database)
    }

    /// `work` done with the index as of now; quicker than `currentIndex()` then `work`, as the
    /// work overlaps the change-log check (see `SearchIndexStore.withIndex`).
    func withCurrentIndex<Answer>(_ work: (SearchIndex) throws -> Answer) async throws -> Answer {
        try await index.withIndex(on: database, work)
    }

    func parser(_ mode: SearchParser.Mode, taxonomy: CatalogueTaxonomy) -> SearchParser {
        SearchParser(mode: mode, gazetteer: gazetteer, taxonomy: taxonomy)
    }

    func search(_ criteria: SearchCriteria, in index: SearchIndex) -> Found {
        index.run(PractitionerSearch(criteria: criteria, today: today))
    }

    func search(_ criteria: SearchCriteria) async throws -> Found {
        try await withCurrentIndex { search(criteria, in: $0) }
    }
}

extension Application {
    var searchService: SearchService {
        SearchService(database: db, gazetteer: gazetteer, index: searchIndex, today: LondonCalendar.today(now: now))
    }
}

extension Request {
    var searchService: SearchService {
        SearchService(
            database: db, gazetteer: application.gazetteer, index: application.searchIndex,
            today: LondonCalendar.today(now: application.now))
    }

    /// The URL's query as one value per name (see `SearchParser.queryValues`).
    var queryValues: [String: String] {
        SearchParser.queryValues(url.query)
    }
}
