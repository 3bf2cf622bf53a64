import Foundation
import Testing
import Vapor

@testable import Rapport

/// The matcher ANDs bit sets 64 listings at a time and walks short lists with cursors; whichever
/// way a search goes, its total must be what checking every listing one by one gives.
@Suite("Search matches every listing it should")
struct SearchMatchesTests {
    @Test func everySearchCountsWhatAListingByListingCheckFinds() async throws {
        try await withRapport(.sqlite) { app in
            // Enough listings that common topics and words are kept as bit sets.
            try await DemoSeeder(app: app).seed(count: 600, seed: 11, today: "2026-11-30")
            let service = app.searchService
            let catalogue = try await service.currentIndex().base
            let topic = try #require(catalogue.taxonomy.topics.first { (catalogue.topics[$0.id]?.bitSet) != nil }).slug
            let rareTopic = try #require(catalogue.taxonomy.topics.min { (catalogue.topics[$0.id]?.count ?? 0) < (catalogue.topics[$1.id]?.count ?? 0) }).slug
            let approach = try #require(catalogue.taxonomy.approaches.first).slug
            let queries = [
                "", "topic=\(topic)", "topic=\(rareTopic)", "topic=\(topic)&near=Leeds&radius_miles=25",
                "near=London&radius_miles=40", "near=Manchester&radius_miles=15&topic=\(rareTopic)", "q=relationships",
                "q=relationships%20family&near=Birmingham&radius_miles=50", "kind=coach&topic=\(topic)", "language=Welsh",
                "format=online", "format=online&near=Leeds", "max_fee=60&near=Leeds&radius_miles=30", "gender=female&accepting=any",
                "concessions=true&free_first=true", "works_with=couples&topic=\(topic)&approach=\(approach)", "accepting=any&kind=therapist",
                "format=phone&language=English&max_fee=80", "max_fee=50", "gender=male&max_fee=70&kind=coach&accepting=any",
            ]
            // The second round finds each place's nearby listings kept from the first.
            for round in 1...2 {
                for query in queries {
                    let criteria = try service.parser(.api, taxonomy: catalogue.taxonomy).parse(SearchParser.queryValues(query)).criteria
                    let found = PractitionerSearch(criteria: criteria, today: service.today).run(in: catalogue).total
                    #expect(found == Self.countByChecking(criteria, in: catalogue, today: service.today), "round \(round): \(query)")
                }
            }
            #expect(catalogue.nearbySets.count == 5)
        }
    }

    /// Ranking by distance offers each location on its own: every page must still hold the
    /// nearest matches, each at its nearest location, as sorting every match by distance gives.
    @Test func rankingByDistanceGivesEachPageTheNearestMatches() async throws {
        try await withRapport(.sqlite) { app in
            try await DemoSeeder(app: app).seed(count: 600, seed: 11, today: "2026-11-30")
            let service = app.searchService
            let catalogue = try await service.currentIndex().base
            #expect(catalogue.locations.mostPerListing > 1, "some listings must have several places, or this proves little")
            for query in ["near=London&radius_miles=60", "near=Leeds&radius_miles=40&accepting=any", "near=Birmingham&radius_miles=100&max_fee=70"] {
                let criteria = try service.parser(.api, taxonomy: catalogue.taxonomy).parse(SearchParser.queryValues(query + "&sort=nearest")).criteria
                let point = try #require(criteria.near).unitVector
                let expected = Self.matchesByChecking(criteria, in: catalogue, today: service.today)
                    .map { catalogue.nearestDot(slot: $0, to: point) }.sorted(by: >)
                #expect(expected.count > 45, "\(query) must fill three pages")
                var dots: [Double] = []
                for page in 1...3 {
                    var paged = criteria
                    (paged.page, paged.perPage) = (page, 15)
                    let hits = PractitionerSearch(criteria: paged, today: service.today).run(in: catalogue).hits
                    for hit in hits {
                        let dot = catalogue.nearestDot(slot: hit.slot, to: point)
                        #expect(hit.distanceMiles.map { abs($0 - UnitVector.earthRadiusMiles * acos(min(1, dot))) < 1e-9 } == true)
                        dots.append(dot)
                    }
                }
                #expect(dots == Array(expected.prefix(45)), "\(query)")
            }
        }
    }

    static func countByChecking(_ criteria: SearchCriteria, in catalogue: SearchCatalogue, today: String) -> Int {
        matchesByChecking(criteria, in: catalogue, today: today).count
    }

    /// The search's rules, one listing at a time.
    static func matchesByChecking(_ criteria: SearchCriteria, in catalogue: SearchCatalogue, today: String) -> [SearchCatalogue.Slot] {
        func members(_ postings: Postings?) -> Set<SearchCatalogue.Slot> {
            var members = Set<SearchCatalogue.Slot>()
            postings?.forEach { members.insert($0) }
            return members
        }
        var required: [Set<SearchCatalogue.Slot>] = []
        if let topic = criteria.topic { required.append(members(catalogue.topics[topic.id])) }
        if let approach = criteria.approach { required.append(members(catalogue.approaches[approach.id])) }
        if let language = criteria.language { required.append(members(catalogue.languages[language])) }
        for stem in criteria.words?.stems ?? [] { required.append(members(catalogue.stemsAnywhere[stem])) }
        var traits: SearchCatalogue.Traits = []
        switch criteria.format {
        case .inPerson: traits.insert(.inPerson)
        case .online: traits.insert(.online)
        case .phone: traits.insert(.phone)
        case nil: break
        }
        if criteria.usesDistance { traits.insert(.inPerson) }
        if criteria.requiresConcessions { traits.insert(.concessions) }
        if criteria.requiresFreeFirstConversation { traits.insert(.freeFirstConversation) }
        if criteria.acceptingOnly { traits.insert(.acceptingNewClients) }
        if let group = criteria.worksWith { traits.insert(.worksWith(group)) }
        let confirmedSince = ListingPolicy.oldestListedConfirmation(todayNumber: Int32(LondonCalendar.dayNumber(today) ?? 0))
        let minimumDot = UnitVector.minimumDot(withinMiles: Double(criteria.radiusMiles))
        return catalogue.listings.indices.map { SearchCatalogue.Slot($0) }.filter { slot in
            let index = Int(slot)
            let listing = catalogue.listings[index]
            guard listing.confirmedDayNumber >= confirmedSince, listing.traits.isSuperset(of: traits),
                criteria.kind.map({ $0 == listing.kind }) ?? true, criteria.gender.map({ $0 == listing.gender }) ?? true,
                criteria.maxFeePounds.map({ Int(listing.feeMinPence) <= $0 * 100 }) ?? true,
                required.allSatisfy({ $0.contains(slot) })
            else { return false }
            guard criteria.usesDistance, let near = criteria.near else { return true }
            return catalogue.nearestDot(slot: slot, to: near.unitVector) >= minimumDot
        }
    }
}
