import Foundation
import FluentKit
import SQLKit

/// The only place the two databases differ for search: how words are indexed and matched.
/// SQLite uses an FTS5 table with the porter stemmer; PostgreSQL a weighted `tsvector` with the
/// `english` configuration and a GIN index. Everything else in search is shared SQL.
enum SearchDialect: Sendable {
    case sqlite
    case postgres

    init(_ database: any SQLDatabase) {
        self = database.dialect.name == "postgresql" ? .postgres : .sqlite
    }

    /// A derived table `(practitioner_id, relevance)` of practitioners matching every word, where
    /// a higher relevance is a better match.
    func matching(_ words: SearchWords) -> SQLQueryString {
        switch self {
        case .sqlite:
            // bm25 is lower for better matches; the weights favour the name, then headline,
            // topics and approaches, then the longer about text.
            """
            (SELECT practitioner_id, -bm25(practitioner_search, 0.0, 10.0, 5.0, 1.0, 3.0, 3.0) AS relevance \
            FROM practitioner_search WHERE practitioner_search MATCH \(bind: words.fts5Query))
            """
        case .postgres:
            """
            (SELECT practitioner_id, ts_rank(document, query) AS relevance \
            FROM practitioner_search_documents, plainto_tsquery('english', \(bind: words.plainText)) AS query \
            WHERE document @@ query)
            """
        }
    }

    /// Just the ids of practitioners matching every word, without ranking them.
    func matchingIDs(_ words: SearchWords) -> SQLQueryString {
        switch self {
        case .sqlite:
            "SELECT practitioner_id FROM practitioner_search WHERE practitioner_search MATCH \(bind: words.fts5Query)"
        case .postgres:
            "SELECT practitioner_id FROM practitioner_search_documents WHERE document @@ plainto_tsquery('english', \(bind: words.plainText))"
        }
    }

    func createIndex(on sql: any SQLDatabase) async throws {
        switch self {
        case .sqlite:
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE practitioner_search USING fts5(practitioner_id UNINDEXED, name, headline, about, \
                topics, approaches, tokenize = 'porter unicode61 remove_diacritics 2')
                """
            ).run()
            // FTS5 tables take no foreign keys: remove a practitioner's words with them.
            try await sql.raw(
                """
                CREATE TRIGGER practitioner_search_forget AFTER DELETE ON practitioners \
                BEGIN DELETE FROM practitioner_search WHERE practitioner_id = old.id; END
                """
            ).run()
        case .postgres:
            try await sql.raw(
                """
                CREATE TABLE practitioner_search_documents (practitioner_id UUID PRIMARY KEY \
                REFERENCES practitioners (id) ON DELETE CASCADE, document TSVECTOR NOT NULL)
                """
            ).run()
            try await sql.raw("CREATE INDEX practitioner_search_documents_words ON practitioner_search_documents USING GIN (document)").run()
        }
    }

    func dropIndex(on sql: any SQLDatabase) async throws {
        switch self {
        case .sqlite:
            try await sql.raw("DROP TRIGGER IF EXISTS practitioner_search_forget").run()
            try await sql.raw("DROP TABLE IF EXISTS practitioner_search").run()
        case .postgres:
            try await sql.raw("DROP TABLE IF EXISTS practitioner_search_documents").run()
        }
    }

    /// Rewrites the indexed words of the given practitioners (or of everyone). `areNew` skips
    /// removing old words, which on SQLite means a scan of the whole index (the id column of an
    /// FTS5 table is not indexed): fine for one edited profile, far too slow for bulk loading.
    func refresh(_ ids: [UUID]?, areNew: Bool = false, on sql: any SQLDatabase) async throws {
        let only: SQLQueryString = ids.map { "WHERE p.id IN (\(binds: $0))" } ?? ""
        let topics: SQLQueryString = """
            (SELECT \(unsafeRaw: aggregate("t.name")) FROM practitioner_topics pt JOIN topics t ON t.id = pt.topic_id \
            WHERE pt.practitioner_id = p.id)
            """
        let approaches: SQLQueryString = """
            (SELECT \(unsafeRaw: aggregate("a.name")) FROM practitioner_approaches pa JOIN approaches a ON a.id = pa.approach_id \
            WHERE pa.practitioner_id = p.id)
            """
        switch self {
        case .sqlite:
            if let ids {
                if !areNew {
                    try await sql.raw("DELETE FROM practitioner_search WHERE practitioner_id IN (\(binds: ids))").run()
                }
            } else {
                try await sql.raw("DELETE FROM practitioner_search").run()
            }
            try await sql.raw(
                """
                INSERT INTO practitioner_search (practitioner_id, name, headline, about, topics, approaches) \
                SELECT p.id, p.display_name, p.headline, p.about, COALESCE(\(topics), ''), COALESCE(\(approaches), '') \
                FROM practitioners p \(only)
                """
            ).run()
        case .postgres:
            try await sql.raw(
                """
                INSERT INTO practitioner_search_documents (practitioner_id, document) \
                SELECT p.id, setweight(to_tsvector('english', p.display_name), 'A') \
                || setweight(to_tsvector('english', p.headline), 'B') \
                || setweight(to_tsvector('english', COALESCE(\(topics), '') || ' ' || COALESCE(\(approaches), '')), 'B') \
                || setweight(to_tsvector('english', p.about), 'D') \
                FROM practitioners p \(only) \
                ON CONFLICT (practitioner_id) DO UPDATE SET document = EXCLUDED.document
                """
            ).run()
        }
    }

    private func aggregate(_ column: String) -> String {
        switch self {
        case .sqlite: "group_concat(\(column), ' ')"
        case .postgres: "string_agg(\(column), ' ')"
        }
    }
}

/// Keeps the word index in step with practitioners. Anything that changes a practitioner's name,
/// headline, about text, topics or approaches calls `refresh` afterwards.
enum SearchIndex {
    static func refresh(_ ids: [UUID], on database: any Database) async throws {
        guard !ids.isEmpty, let sql = database as? any SQLDatabase else { return }
        try await SearchDialect(sql).refresh(ids, on: sql)
    }

    /// For practitioners just created, who have no words indexed yet.
    static func add(_ ids: [UUID], on database: any Database) async throws {
        guard !ids.isEmpty, let sql = database as? any SQLDatabase else { return }
        try await SearchDialect(sql).refresh(ids, areNew: true, on: sql)
    }
}
