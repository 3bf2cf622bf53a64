import Foundation
import SQLKit

/// The one query builder for finding practitioners: every page and API endpoint that searches
/// goes through here, so the meaning of each filter is written down exactly once.
struct PractitionerSearch {
    let criteria: SearchCriteria
    /// Today in London: the daily shuffle and "recently confirmed" depend on it.
    let today: String

    /// Counts every match and fetches one page of them, in order.
    func run(on sql: any SQLDatabase) async throws -> SearchResultPage {
        let total = try await sql.raw(countQuery(SearchDialect(sql))).first()?.decode(column: "total", as: Int.self) ?? 0
        guard total > (criteria.page - 1) * criteria.perPage else { return SearchResultPage(total: total, hits: []) }
        let rows = try await sql.raw(pageQuery(SearchDialect(sql))).all()
        let hits = try rows.map { row in
            let nearness = try row.decodeNil(column: "nearness") ? nil : row.decode(column: "nearness", as: Double.self)
            return SearchResultPage.Hit(
                practitionerID: try row.decode(column: "id", as: UUID.self),
                distanceMiles: nearness.map { UnitVector.earthRadiusMiles * acos(min(1, max(-1, $0))) })
        }
        return SearchResultPage(total: total, hits: hits)
    }

    /// Counting needs no relevance, so words are a plain membership test there.
    func countQuery(_ dialect: SearchDialect) -> SQLQueryString {
        "SELECT COUNT(*) AS total FROM practitioners p WHERE \((conditions() + wordsFilter(dialect)).joined(separator: " AND "))"
    }

    func pageQuery(_ dialect: SearchDialect) -> SQLQueryString {
        let ranksWords = criteria.sort == .best && criteria.words != nil
        return """
        SELECT p.id AS id, \(nearness ?? "NULL") AS nearness FROM practitioners p \(ranksWords ? wordsJoin(dialect) : "") \
        WHERE \((conditions() + (ranksWords ? [] : wordsFilter(dialect))).joined(separator: " AND ")) \
        ORDER BY \(ordering().joined(separator: ", ")) \
        LIMIT \(bind: criteria.perPage) OFFSET \(bind: (criteria.page - 1) * criteria.perPage)
        """
    }

    // MARK: - The pieces

    private func wordsFilter(_ dialect: SearchDialect) -> [SQLQueryString] {
        guard let words = criteria.words else { return [] }
        return ["p.id IN (\(dialect.matchingIDs(words)))"]
    }

    private func wordsJoin(_ dialect: SearchDialect) -> SQLQueryString {
        guard let words = criteria.words else { return "" }
        return "JOIN \(dialect.matching(words)) AS matched ON matched.practitioner_id = p.id"
    }

    /// The dot product of the search point with the practitioner's nearest location: larger is
    /// nearer, and `acos` of it is the angle, so the database needs no trigonometry.
    private var nearness: SQLQueryString? {
        guard criteria.usesDistance, let place = criteria.near else { return nil }
        let point = place.unitVector
        return """
            (SELECT MAX(l.unit_x * \(bind: point.x) + l.unit_y * \(bind: point.y) + l.unit_z * \(bind: point.z)) \
            FROM practitioner_locations l WHERE l.practitioner_id = p.id)
            """
    }

    func conditions() -> [SQLQueryString] {
        var conditions: [SQLQueryString] = [
            // The public only ever sees verified, visible practitioners.
            "p.verification_status = \(bind: VerificationStatus.verified.rawValue)",
            "p.visibility = \(bind: Visibility.visible.rawValue)",
        ]
        if let kind = criteria.kind {
            conditions.append("p.kind = \(bind: kind.rawValue)")
        }
        if let topic = criteria.topic {
            conditions.append("p.id IN (SELECT practitioner_id FROM practitioner_topics WHERE topic_id = \(bind: topic.id))")
        }
        if let approach = criteria.approach {
            conditions.append("p.id IN (SELECT practitioner_id FROM practitioner_approaches WHERE approach_id = \(bind: approach.id))")
        }
        if let language = criteria.language {
            conditions.append("p.id IN (SELECT practitioner_id FROM practitioner_languages WHERE language = \(bind: language))")
        }
        switch criteria.format {
        case .inPerson: conditions.append("p.offers_in_person = \(bind: true)")
        case .online: conditions.append("p.offers_online = \(bind: true)")
        case .phone: conditions.append("p.offers_phone = \(bind: true)")
        case nil: break
        }
        if criteria.usesDistance, let place = criteria.near {
            conditions.append("p.offers_in_person = \(bind: true)")
            conditions.append(within(miles: Double(criteria.radiusMiles), of: place))
        }
        if let maxFee = criteria.maxFeePounds {
            conditions.append("p.fee_min_pence <= \(bind: maxFee * 100)")
        }
        if criteria.requiresConcessions {
            conditions.append("p.concessions = \(bind: true)")
        }
        if criteria.requiresFreeFirstConversation {
            conditions.append("p.free_first_conversation = \(bind: true)")
        }
        if let gender = criteria.gender {
            conditions.append("p.gender = \(bind: gender.rawValue)")
        }
        if let group = criteria.worksWith {
            conditions.append("p.\(unsafeRaw: Self.worksWithColumn[group]!) = \(bind: true)")
        }
        if criteria.acceptingOnly {
            conditions.append("p.accepting_new_clients = \(bind: true)")
        }
        return conditions
    }

    /// Locations inside a latitude/longitude box first (an index range), then the exact test:
    /// great-circle distance at most `miles`, inclusive, as a dot product.
    private func within(miles: Double, of place: Place) -> SQLQueryString {
        let latitudeSpan = miles / 69.0 * 1.01
        let longitudeSpan = miles / (69.172 * max(0.2, cos(place.latitude * .pi / 180))) * 1.01
        let point = place.unitVector
        return """
            p.id IN (SELECT l.practitioner_id FROM practitioner_locations l \
            WHERE l.latitude BETWEEN \(bind: place.latitude - latitudeSpan) AND \(bind: place.latitude + latitudeSpan) \
            AND l.longitude BETWEEN \(bind: place.longitude - longitudeSpan) AND \(bind: place.longitude + longitudeSpan) \
            AND l.unit_x * \(bind: point.x) + l.unit_y * \(bind: point.y) + l.unit_z * \(bind: point.z) \
            >= \(bind: UnitVector.minimumDot(withinMiles: miles)))
            """
    }

    func ordering() -> [SQLQueryString] {
        var order: [SQLQueryString] = []
        switch criteria.sort {
        case .best:
            let freshSince = LondonCalendar.day(today, addingDays: -SearchCriteria.freshAvailabilityDays)
            order.append("CASE WHEN p.availability_confirmed_on >= \(bind: freshSince) THEN 0 ELSE 1 END")
            if criteria.words != nil { order.append("matched.relevance DESC") }
        case .nearest:
            if nearness != nil { order.append("nearness DESC") }
        case .fee:
            order.append("p.fee_min_pence ASC")
        case .recentlyConfirmed:
            order.append("p.availability_confirmed_on DESC")
        }
        let shuffle = DailyShuffle(day: today)
        order.append(
            "((p.shuffle_seed + \(bind: shuffle.offset)) % \(unsafeRaw: String(DailyShuffle.modulus))) * \(bind: shuffle.multiplier) % \(unsafeRaw: String(DailyShuffle.modulus))"
        )
        order.append("p.id")
        return order
    }

    private static let worksWithColumn: [ClientGroup: String] = [
        .individuals: "works_with_individuals", .couples: "works_with_couples",
        .families: "works_with_families", .youngPeople: "works_with_young_people",
    ]
}

/// Orders ties fairly: a permutation of practitioners that changes every day, so the same few do
/// not always sit on top. Plain 64-bit integer arithmetic with no overflow (every product stays
/// below 2^62), so SQLite and PostgreSQL compute exactly the same order.
struct DailyShuffle: Sendable {
    /// A prime: multiplying by a non-zero number modulo a prime permutes the remainders.
    static let modulus: Int = 2_147_483_647

    let offset: Int
    let multiplier: Int

    init(day: String) {
        let dayNumber = UInt64(max(0, LondonCalendar.daysBetween("2000-01-01", and: day) ?? 0))
        var mixer = SeededRandom(seed: dayNumber)
        offset = Int(mixer.next() % UInt64(Self.modulus))
        multiplier = Int(mixer.next() % UInt64(Self.modulus - 2)) + 2
    }

    /// The same key the SQL computes, for tests.
    func key(shuffleSeed: Int) -> Int {
        ((shuffleSeed + offset) % Self.modulus) * multiplier % Self.modulus
    }
}
