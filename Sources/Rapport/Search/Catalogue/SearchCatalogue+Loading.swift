import Fluent
import Foundation
import SQLKit

extension SearchCatalogue {
    /// Listings are read this many at a time, each batch with its topics, approaches, languages
    /// and places in one short transaction. Fluent gives SQLite one connection per event loop:
    /// a single transaction for the whole build held it for 15 seconds at 100,000 listings, and
    /// every other request on that loop waited and timed out. Between batches the connection is
    /// free, and building (the CPU work) happens outside any transaction.
    static let batchSize = 500

    /// Reads every publicly listed practitioner, and the change-log position the result is at
    /// least as new as.
    ///
    /// The position is read first. Each batch is consistent in itself; a change committed while
    /// the build runs may or may not be in it, but it is also in the log past that position, so
    /// the index applies it again afterwards (reading a practitioner twice does no harm).
    static func load(from database: any Database, batchSize: Int = batchSize) async throws -> (catalogue: SearchCatalogue, logPosition: Int64) {
        guard let sql = database as? any SQLDatabase else { throw CatalogueError.needsSQL }
        let logPosition = try await SearchChangeLog.latest(on: database)
        let taxonomy = try await CatalogueTaxonomy.load(from: database)
        let listingCount = try await sql.raw(
            """
            SELECT COUNT(*) AS listings FROM practitioners WHERE \(ListingPolicy.listedStatusSQL)
            """
        ).first()?.decode(column: "listings", as: Int.self) ?? 0

        var builder = Builder(taxonomy: taxonomy, listingCount: listingCount)
        // The next batch is read (by the database, and decoded) while this one is built, so
        // the two halves of the work use both cores instead of taking turns.
        func read(after start: UUID?) -> Task<Batch, any Error> {
            Task {
                try await database.transaction { transaction in
                    try await readBatch(after: start, size: batchSize, on: transaction)
                }
            }
        }
        var next = read(after: nil)
        defer { next.cancel() }
        while true {
            let batch = try await next.value
            guard let last = batch.lastID else { break }
            next = read(after: last)
            for entry in batch.entries { builder.add(entry) }
            // Building is steady CPU work: let waiting searches run between batches.
            await Task.yield()
            try Task.checkCancellation()
        }
        return (builder.finish(), logPosition)
    }

    /// The current entries of `ids` that are publicly listed, in id order, read together (in
    /// batches of `batchSize`): what applying a few changes costs.
    ///
    /// Outside a transaction, so the four related reads run side by side on their own
    /// connections: under load, each round trip waits its turn on a busy event loop, and every
    /// search that needs this apply waits with it. A change committed between the reads may be
    /// half in them, but it is also in the log, so the next apply reads that practitioner again.
    static func entries(for ids: [UUID], on database: any Database) async throws -> [Entry] {
        var entries: [Entry] = []
        for chunk in stride(from: 0, to: ids.count, by: batchSize).map({ ids[$0..<min($0 + batchSize, ids.count)] }) {
            entries += try await readRows(where: "WHERE id IN (\(binds: Array(chunk))) ", isolated: false, on: database).entries
        }
        return entries.sorted { $0.id.uuidString < $1.id.uuidString }
    }

    private struct Batch: Sendable {
        let entries: [Entry]
        /// The last practitioner read, listed or not: where the next batch starts.
        let lastID: UUID?
    }

    private static func readBatch(after: UUID?, size: Int, on database: any Database) async throws -> Batch {
        // Walked by primary key over every practitioner, listed or not, and filtered here: asked
        // to filter too, the databases pick the status index and sort the whole table again for
        // every batch.
        let continuing: SQLQueryString = after.map { "WHERE id > \(bind: $0) " } ?? ""
        return try await readRows(where: continuing, limit: size, on: database)
    }

    /// The practitioners `condition` picks, in id order, with their related rows, keeping only
    /// those publicly listed.
    private static func readRows(where condition: SQLQueryString, limit: Int? = nil, isolated: Bool = true, on database: any Database) async throws -> Batch {
        guard let sql = database as? any SQLDatabase else { throw CatalogueError.needsSQL }
        if isolated, sql.dialect.name == "postgresql" {
            // The practitioners and their related rows from one snapshot, as SQLite always gives.
            try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run()
        }
        let limited: SQLQueryString = limit.map { " LIMIT \(unsafeRaw: String($0))" } ?? ""
        let rows = try await sql.raw(
            """
            SELECT id, slug, kind, display_name, headline, about, offers_in_person, offers_online, offers_phone, \
            fee_min_pence, fee_max_pence, concessions, free_first_conversation, gender, works_with_individuals, \
            works_with_couples, works_with_families, works_with_young_people, accepting_new_clients, \
            availability_confirmed_on, shuffle_seed, verification_status, visibility FROM practitioners \
            \(condition)ORDER BY id\(limited)
            """
        ).all()
        guard let last = rows.last else { return Batch(entries: [], lastID: nil) }
        let listedRows = try rows.filter {
            ListingPolicy.hasListedStatus(
                VerificationStatus(rawValue: try $0.decode(column: "verification_status", as: String.self)) ?? .unverified,
                Visibility(rawValue: try $0.decode(column: "visibility", as: String.self)) ?? .hidden)
        }
        let ids = try listedRows.map { try $0.decode(column: "id", as: UUID.self) }
        let related = try await Related(ids: ids, on: sql)
        let entries = try zip(ids, listedRows).map { id, row in
            Entry(
                id: id, slug: try row.decode(column: "slug", as: String.self),
                name: try row.decode(column: "display_name", as: String.self),
                headline: try row.decode(column: "headline", as: String.self),
                listing: try Self.listing(from: row),
                feeMaxPence: Int32(clamping: try row.decode(column: "fee_max_pence", as: Int.self)),
                topicIDs: related.topics[id] ?? [], approachIDs: related.approaches[id] ?? [],
                languages: related.languages[id] ?? [], locations: related.locations[id] ?? [],
                aboutText: try row.decode(column: "about", as: String.self))
        }
        return Batch(entries: entries, lastID: try last.decode(column: "id", as: UUID.self))
    }

    /// A batch's topics, approaches, languages and places, by practitioner.
    private struct Related {
        var topics: [UUID: [UUID]] = [:]
        var approaches: [UUID: [UUID]] = [:]
        var languages: [UUID: [String]] = [:]
        var locations: [UUID: [(placeLabel: String, latitude: Double, longitude: Double)]] = [:]

        init(ids: [UUID], on sql: any SQLDatabase) async throws {
            guard !ids.isEmpty else { return }
            async let topicRows = sql.raw("SELECT practitioner_id, topic_id FROM practitioner_topics WHERE practitioner_id IN (\(binds: ids))").all()
            async let approachRows = sql.raw(
                "SELECT practitioner_id, approach_id FROM practitioner_approaches WHERE practitioner_id IN (\(binds: ids))").all()
            async let languageRows = sql.raw(
                "SELECT practitioner_id, language FROM practitioner_languages WHERE practitioner_id IN (\(binds: ids))").all()
            async let locationRows = sql.raw(
                "SELECT practitioner_id, place_label, latitude, longitude FROM practitioner_locations WHERE practitioner_id IN (\(binds: ids))"
            ).all()
            for row in try await topicRows {
                topics[try row.decode(column: "practitioner_id", as: UUID.self), default: []]
                    .append(try row.decode(column: "topic_id", as: UUID.self))
            }
            for row in try await approachRows {
                approaches[try row.decode(column: "practitioner_id", as: UUID.self), default: []]
                    .append(try row.decode(column: "approach_id", as: UUID.self))
            }
            for row in try await languageRows {
                languages[try row.decode(column: "practitioner_id", as: UUID.self), default: []]
                    .append(try row.decode(column: "language", as: String.self))
            }
            for row in try await locationRows {
                locations[try row.decode(column: "practitioner_id", as: UUID.self), default: []].append((
                    try row.decode(column: "place_label", as: String.self),
                    try row.decode(column: "latitude", as: Double.self),
                    try row.decode(column: "longitude", as: Double.self)))
            }
        }
    }

    private static func listing(from row: any SQLRow) throws -> Listing {
        func flag(_ column: String, _ trait: Traits) throws -> Traits {
            try row.decode(column: column, as: Bool.self) ? trait : []
        }
        let traits: Traits = try [
            flag("offers_in_person", .inPerson), flag("offers_online", .online), flag("offers_phone", .phone),
            flag("concessions", .concessions), flag("free_first_conversation", .freeFirstConversation),
            flag("accepting_new_clients", .acceptingNewClients), flag("works_with_individuals", .individuals),
            flag("works_with_couples", .couples), flag("works_with_families", .families),
            flag("works_with_young_people", .youngPeople),
        ]
        let confirmedOn = try row.decode(column: "availability_confirmed_on", as: String.self)
        guard let kind = PractitionerKind(rawValue: try row.decode(column: "kind", as: String.self)) else {
            throw CatalogueError.unreadable("kind")
        }
        return Listing(
            kind: kind,
            traits: traits,
            gender: try row.decode(column: "gender", as: String?.self).flatMap(Gender.init(rawValue:)),
            feeMinPence: Int32(clamping: try row.decode(column: "fee_min_pence", as: Int.self)),
            confirmedDayNumber: Int32(clamping: LondonCalendar.dayNumber(confirmedOn) ?? 0),
            shuffleSeed: try row.decode(column: "shuffle_seed", as: Int.self))
    }

    enum CatalogueError: Error {
        case needsSQL
        case unreadable(String)
    }
}
