import Fluent
import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import SQLKit

extension SearchCatalogue {
    /// Which practitioners one read covers.
    enum Selection: Sendable {
        /// Ids after `after` up to and including `through` (either end open when nil): a batch of
        /// a cold build, its related rows read by the same range.
        case range(after: UUID?, through: UUID?)
        /// These ids: the few an apply reads again.
        case ids([UUID])

        func condition(on column: String) -> SQLQueryString {
            switch self {
            case let .range(after?, through?): "WHERE \(ident: column) > \(bind: after) AND \(ident: column) <= \(bind: through)"
            case let .range(nil, through?): "WHERE \(ident: column) <= \(bind: through)"
            case let .range(after?, nil): "WHERE \(ident: column) > \(bind: after)"
            case .range(nil, nil): ""
            case .ids(let ids): "WHERE \(ident: column) IN (\(binds: ids))"
            }
        }
    }

    /// The practitioners `selection` picks, in id order, with their related rows, keeping only
    /// those publicly listed.
    ///
    /// The five reads run side by side, outside any transaction, each on its own connection on
    /// PostgreSQL: a batch then waits one round trip, not eight. A change committed between the
    /// reads may be half in them, but it is in the change log past the position the caller read
    /// first, so it is applied again afterwards (reading a practitioner twice does no harm).
    ///
    /// Decoding and stemming run on `decodingThreads`, not on an event loop: tens of milliseconds
    /// of CPU work per batch held up the replies to every other read waiting on that loop.
    static func readRows(_ selection: Selection, stemmer: CatalogueStemmer, on database: any Database) async throws -> [Entry] {
        guard let sql = database as? any SQLDatabase else { throw CatalogueError.needsSQL }
        if case .ids(let ids) = selection, ids.isEmpty { return [] }
        async let practitioners = CatalogueRows.select(
            PractitionerColumn.allCases.map { ($0.expression, "\($0)") }, "FROM practitioners \(selection.condition(on: "id")) ORDER BY id", on: sql)
        async let related = RelatedRows(selection, on: sql)
        let (rows, relatedRows) = try await (practitioners, related)
        return try await decodingThreads.runIfActive {
            try Self.entries(from: rows, related: relatedRows, stemmer: stemmer)
        }
    }

    /// Threads of their own, one per core: NIO's shared pool runs SQLite's queries and password
    /// hashing, which would wait behind a build's stemming.
    private static let decodingThreads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: System.coreCount)
        pool.start()
        return pool
    }()

    private static func entries(from practitioners: [CatalogueRows.Row], related: RelatedRows, stemmer: CatalogueStemmer) throws -> [Entry] {
        let listed = try practitioners.filter { try $0.decode(.listed, as: Int.self) == 1 }.map { row in
            (id: try row.decode(.id, as: UUID.self), slug: try row.decode(.slug, as: String.self),
             name: try row.decode(.name, as: String.self), headline: try row.decode(.headline, as: String.self),
             about: try row.decode(.about, as: String.self), listing: try Self.listing(from: row),
             feeMaxPence: Int32(clamping: try row.decode(.feeMaxPence, as: Int.self)))
        }
        let byPractitioner = try related.decoded()
        let stems = stemmer.stems(of: listed.map { ($0.name, $0.headline, $0.about) })
        return zip(listed, stems).map { row, stems in
            Entry(
                id: row.id, slug: row.slug, name: row.name, headline: row.headline, listing: row.listing, feeMaxPence: row.feeMaxPence,
                topicIDs: byPractitioner.topics[row.id] ?? [], approachIDs: byPractitioner.approaches[row.id] ?? [],
                languages: byPractitioner.languages[row.id] ?? [], locations: byPractitioner.locations[row.id] ?? [], stems: stems)
        }
    }

    /// A read's topics, approaches, languages and places, as rows.
    private struct RelatedRows: Sendable {
        let topics: [CatalogueRows.Row]
        let approaches: [CatalogueRows.Row]
        let languages: [CatalogueRows.Row]
        let locations: [CatalogueRows.Row]

        init(_ selection: Selection, on sql: any SQLDatabase) async throws {
            let among = selection.condition(on: "practitioner_id")
            async let topics = CatalogueRows.select(["practitioner_id", "topic_id"], "FROM practitioner_topics \(among)", on: sql)
            async let approaches = CatalogueRows.select(["practitioner_id", "approach_id"], "FROM practitioner_approaches \(among)", on: sql)
            async let languages = CatalogueRows.select(["practitioner_id", "language"], "FROM practitioner_languages \(among)", on: sql)
            async let locations = CatalogueRows.select(
                ["practitioner_id", "place_label", "latitude", "longitude"], "FROM practitioner_locations \(among)", on: sql)
            (self.topics, self.approaches, self.languages, self.locations) = try await (topics, approaches, languages, locations)
        }

        func decoded() throws -> (
            topics: [UUID: [UUID]], approaches: [UUID: [UUID]], languages: [UUID: [String]],
            locations: [UUID: [(placeLabel: String, latitude: Double, longitude: Double)]]
        ) {
            var decoded: (
                topics: [UUID: [UUID]], approaches: [UUID: [UUID]], languages: [UUID: [String]],
                locations: [UUID: [(placeLabel: String, latitude: Double, longitude: Double)]]
            ) = ([:], [:], [:], [:])
            for row in topics { decoded.topics[try row.decode(0, as: UUID.self), default: []].append(try row.decode(1, as: UUID.self)) }
            for row in approaches { decoded.approaches[try row.decode(0, as: UUID.self), default: []].append(try row.decode(1, as: UUID.self)) }
            for row in languages { decoded.languages[try row.decode(0, as: UUID.self), default: []].append(try row.decode(1, as: String.self)) }
            for row in locations {
                decoded.locations[try row.decode(0, as: UUID.self), default: []].append(
                    (try row.decode(1, as: String.self), try row.decode(2, as: Double.self), try row.decode(3, as: Double.self)))
            }
            return decoded
        }
    }

    /// What the loader reads of each practitioner, in this order. The yes/no columns arrive
    /// added up as one number, and the listing rule as one flag: fewer cells to decode.
    fileprivate enum PractitionerColumn: Int, CaseIterable {
        case id, slug, kind, name, headline, about, feeMinPence, feeMaxPence, gender, confirmedOn, shuffleSeed, traits, listed

        var expression: SQLQueryString {
            switch self {
            case .id: "id"
            case .slug: "slug"
            case .kind: "kind"
            case .name: "display_name"
            case .headline: "headline"
            case .about: "about"
            case .feeMinPence: "fee_min_pence"
            case .feeMaxPence: "fee_max_pence"
            case .gender: "gender"
            case .confirmedOn: "availability_confirmed_on"
            case .shuffleSeed: "shuffle_seed"
            case .traits: "(\(unsafeRaw: Self.traitsSQL))"
            case .listed: "CASE WHEN \(ListingPolicy.listedStatusSQL) THEN 1 ELSE 0 END"
            }
        }

        /// Each yes/no column and its trait.
        private static let traitColumns: [(column: String, trait: Traits)] = [
            ("offers_in_person", .inPerson), ("offers_online", .online), ("offers_phone", .phone), ("concessions", .concessions),
            ("free_first_conversation", .freeFirstConversation), ("accepting_new_clients", .acceptingNewClients),
            ("works_with_individuals", .individuals), ("works_with_couples", .couples), ("works_with_families", .families),
            ("works_with_young_people", .youngPeople),
        ]

        private static let traitsSQL = traitColumns.map { "(CASE WHEN \($0.column) THEN \($0.trait.rawValue) ELSE 0 END)" }
            .joined(separator: " + ")
    }

    private static func listing(from row: CatalogueRows.Row) throws -> Listing {
        guard let kind = PractitionerKind(rawValue: try row.decode(.kind, as: String.self)) else {
            throw CatalogueError.unreadable("kind")
        }
        return Listing(
            kind: kind,
            traits: Traits(rawValue: UInt16(truncatingIfNeeded: try row.decode(.traits, as: Int.self))),
            gender: try row.decode(.gender, as: String?.self).flatMap(Gender.init(rawValue:)),
            feeMinPence: Int32(clamping: try row.decode(.feeMinPence, as: Int.self)),
            confirmedDayNumber: Int32(clamping: LondonCalendar.dayNumber(try row.decode(.confirmedOn, as: String.self)) ?? 0),
            shuffleSeed: try row.decode(.shuffleSeed, as: Int.self))
    }

    enum CatalogueError: Error {
        case needsSQL
        case unreadable(String)
    }
}

extension CatalogueRows.Row {
    fileprivate func decode<Value: Decodable & PostgresDecodable>(_ column: SearchCatalogue.PractitionerColumn, as type: Value.Type) throws -> Value {
        try decode(column.rawValue, as: type)
    }
}
