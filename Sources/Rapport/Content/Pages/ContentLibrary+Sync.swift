import Fluent
import Vapor

extension ContentLibrary {
    /// Brings the database's topics and approaches in line with the content files, by slug:
    /// names, summaries and audiences are updated, and a new file adds its row. Run at start
    /// under the start-up lock, so instances starting together do it once. A slug is never
    /// removed here: profiles and links may refer to it.
    func syncTaxonomy(on database: any Database) async throws {
        let topicRows = Dictionary(try await Topic.query(on: database).all().map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        for page in topics.values {
            let row = topicRows[page.slug] ?? Topic()
            guard row.id == nil || row.name != page.name || row.summary != page.summary else { continue }
            row.slug = page.slug
            row.name = page.name
            row.summary = page.summary
            try await row.save(on: database)
        }
        let approachRows = Dictionary(try await Approach.query(on: database).all().map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        for page in approaches.values {
            let row = approachRows[page.slug] ?? Approach()
            let audience = page.audience ?? row.$audience.value ?? .therapy
            guard row.id == nil || row.name != page.name || row.summary != page.summary || row.audience != audience else { continue }
            row.slug = page.slug
            row.name = page.name
            row.summary = page.summary
            row.audience = audience
            try await row.save(on: database)
        }
    }
}

extension Application {
    private struct ContentKey: StorageKey { typealias Value = ContentLibrary }

    /// Every content page, read by `configure`.
    var content: ContentLibrary {
        get {
            guard let content = storage[ContentKey.self] else { fatalError("configure() reads the content") }
            return content
        }
        set { storage[ContentKey.self] = newValue }
    }
}
