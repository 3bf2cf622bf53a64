import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

extension SearchCatalogue {
    /// Reads every publicly listed practitioner in one consistent snapshot of the database, and
    /// the listings version that snapshot has.
    static func load(from database: any Database) async throws -> (catalogue: SearchCatalogue, version: Int64) {
        try await database.transaction { transaction in
            guard let sql = transaction as? any SQLDatabase else { throw CatalogueError.needsSQL }
            let isPostgres = sql.dialect.name == "postgresql"
            if isPostgres {
                // One snapshot for all the reads below, as SQLite's transactions always give.
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run()
            }
            let version = try await SearchCatalogueVersion.current(on: transaction)
            func joined(_ column: String) -> SQLQueryString {
                isPostgres ? "string_agg(\(unsafeRaw: column)::text, \(bind: String(separator)))" : "group_concat(\(unsafeRaw: column), \(bind: String(separator)))"
            }
            let taxonomy = CatalogueTaxonomy(
                topics: try await Topic.query(on: transaction).all().map {
                    CatalogueTaxonomy.Entry(id: try $0.requireID(), slug: $0.slug, name: $0.name, summary: $0.summary, audience: nil)
                },
                approaches: try await Approach.query(on: transaction).all().map {
                    CatalogueTaxonomy.Entry(id: try $0.requireID(), slug: $0.slug, name: $0.name, summary: $0.summary, audience: $0.audience)
                })
            let topics = try await idLists(sql, "SELECT practitioner_id, \(joined("topic_id")) AS items FROM practitioner_topics GROUP BY practitioner_id")
            let approaches = try await idLists(sql, "SELECT practitioner_id, \(joined("approach_id")) AS items FROM practitioner_approaches GROUP BY practitioner_id")
            let languages = try await lists(sql, "SELECT practitioner_id, \(joined("language")) AS items FROM practitioner_languages GROUP BY practitioner_id")
            let locations = NIOLockedValueBox([UUID: [(placeLabel: String, latitude: Double, longitude: Double)]]())
            try await sql.raw("SELECT practitioner_id, place_label, latitude, longitude FROM practitioner_locations").run { row in
                guard let id = try? row.decode(column: "practitioner_id", as: UUID.self),
                      let label = try? row.decode(column: "place_label", as: String.self),
                      let latitude = try? row.decode(column: "latitude", as: Double.self),
                      let longitude = try? row.decode(column: "longitude", as: Double.self) else { return }
                locations.withLockedValue { $0[id, default: []].append((label, latitude, longitude)) }
            }

            let listingCount = try await sql.raw(
                "SELECT COUNT(*) AS listings FROM practitioners WHERE verification_status = \(bind: VerificationStatus.verified.rawValue) AND visibility = \(bind: Visibility.visible.rawValue)"
            ).first()?.decode(column: "listings", as: Int.self) ?? 0
            let builder = NIOLockedValueBox(Builder(taxonomy: taxonomy, listingCount: listingCount))
            let problem = NIOLockedValueBox<(any Error)?>(nil)
            let locationsByID = locations.withLockedValue { $0 }
            try await sql.raw(
                """
                SELECT id, slug, kind, display_name, headline, about, offers_in_person, offers_online, offers_phone, \
                fee_min_pence, fee_max_pence, concessions, free_first_conversation, gender, works_with_individuals, \
                works_with_couples, works_with_families, works_with_young_people, accepting_new_clients, \
                availability_confirmed_on, shuffle_seed FROM practitioners \
                WHERE verification_status = \(bind: VerificationStatus.verified.rawValue) \
                AND visibility = \(bind: Visibility.visible.rawValue) ORDER BY id
                """
            ).run { row in
                do {
                    let id = try row.decode(column: "id", as: UUID.self)
                    let entry = Entry(
                        id: id, slug: try row.decode(column: "slug", as: String.self),
                        name: try row.decode(column: "display_name", as: String.self),
                        headline: try row.decode(column: "headline", as: String.self),
                        listing: try Self.listing(from: row),
                        feeMaxPence: Int32(clamping: try row.decode(column: "fee_max_pence", as: Int.self)),
                        topicIDs: topics[id] ?? [], approachIDs: approaches[id] ?? [],
                        languages: languages[id] ?? [], locations: locationsByID[id] ?? [],
                        aboutText: try row.decode(column: "about", as: String.self))
                    builder.withLockedValue { $0.add(entry) }
                } catch {
                    problem.withLockedValue { $0 = $0 ?? error }
                }
            }
            if let error = problem.withLockedValue({ $0 }) { throw error }
            return (builder.withLockedValue { $0 }.finish(), version)
        }
    }

    /// Separates aggregated values: a control character no name contains.
    private static let separator: Character = "\u{1F}"

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

    /// Streamed row by row: holding every row at once doubled the memory a rebuild needed.
    private static func lists(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> [UUID: [String]] {
        let lists = NIOLockedValueBox([UUID: [String]]())
        try await sql.raw(query).run { row in
            guard let id = try? row.decode(column: "practitioner_id", as: UUID.self),
                  let items = try? row.decode(column: "items", as: String.self) else { return }
            let values = items.split(separator: separator).map(String.init)
            lists.withLockedValue { $0[id] = values }
        }
        return lists.withLockedValue { $0 }
    }

    private static func idLists(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> [UUID: [UUID]] {
        let lists = NIOLockedValueBox([UUID: [UUID]]())
        try await sql.raw(query).run { row in
            guard let id = try? row.decode(column: "practitioner_id", as: UUID.self),
                  let items = try? row.decode(column: "items", as: String.self) else { return }
            let values = items.split(separator: separator).compactMap { UUID(uuidString: String($0)) }
            lists.withLockedValue { $0[id] = values }
        }
        return lists.withLockedValue { $0 }
    }

    enum CatalogueError: Error {
        case needsSQL
        case unreadable(String)
    }
}

/// A number that changes whenever anything search shows changes, so every app instance can
/// tell, with one tiny query, whether its catalogue is current.
enum SearchCatalogueVersion {
    static let table = "search_catalogue_version"

    static func current(on database: any Database) async throws -> Int64 {
        guard let sql = database as? any SQLDatabase else { return 0 }
        return try await sql.raw("SELECT generation FROM \(ident: table) WHERE id = 1").first()?
            .decode(column: "generation", as: Int64.self) ?? 0
    }

    /// Call in the same transaction as the change, so nobody sees the change without the bump.
    static func bump(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("UPDATE \(ident: table) SET generation = generation + 1 WHERE id = 1").run()
    }
}
