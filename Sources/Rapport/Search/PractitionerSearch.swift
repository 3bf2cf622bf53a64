import Foundation

/// The one search: every page and API endpoint that finds practitioners goes through here, so the
/// meaning of each filter and sort is written down exactly once. It runs over the in-memory
/// `SearchCatalogue`, counting every match and keeping only the requested page.
struct PractitionerSearch {
    let criteria: SearchCriteria
    /// Today in London: the daily shuffle and "recently confirmed" depend on it.
    let today: String
    /// How many steps of the day's precomputed order cost as much as ranking one match (reading
    /// its listing, which at a million is a cache miss, and offering its key to the heap); each
    /// step is one bit test. Tests set it to force either way: `.infinity` always walks the
    /// order, 0 always ranks.
    var orderStepsPerRankedMatch = 16.0
    /// Best match with words takes its page from `BestMatchTiers`, which suits narrow searches
    /// as well as broad ones. Tests turn it off to compare with ranking every match.
    var ranksWordsByTiers = true
    /// Listings to leave out: in a `SearchIndex`'s base, those changed or removed since it was
    /// built (their current versions, if listed, are in its overlay).
    var hidden: SlotSet?
    /// Whether the hits start at the first result rather than at the requested page: a
    /// `SearchIndex` merges the first pages of its base and overlay, then takes the page.
    var startsAtFirstResult = false

    init(criteria: SearchCriteria, today: String) {
        self.criteria = criteria
        self.today = today
    }

    func run(in catalogue: SearchCatalogue) -> SearchResultPage {
        guard let required = requiredPostings(in: catalogue) else { return SearchResultPage(total: 0, hits: []) }
        let nearby = criteria.usesDistance ? criteria.near.map {
            catalogue.nearby(within: Double(criteria.radiusMiles), of: $0)
        } : nil
        // Sorts whose order does not depend on the search (all but distance, and best match
        // with words) can take a broad search's page from the day's order of every listing.
        let hasDailyOrder = criteria.sort != .nearest && (criteria.sort != .best || criteria.words == nil)
        let ranking = Ranking(criteria: criteria, today: today, catalogue: catalogue)
        var (matches, total) = Matcher(search: self, catalogue: catalogue)
            .everyMatch(required: required, nearby: nearby, slotCount: catalogue.ids.count)
        if let hidden { total -= matches.subtract(hidden) }

        let skipped = startsAtFirstResult ? 0 : (criteria.page - 1) * criteria.perPage
        let needed = criteria.page * criteria.perPage
        let pageSlots: [(slot: SearchCatalogue.Slot, nearness: Double?)]
        // Matches are spread through the day's order, so filling the page from it takes about
        // needed × listings / matches steps. That beats ranking every match far below the
        // broadest searches: at a million, 20 results from 20,000 matches take 1,000 bit tests
        // instead of 20,000 keys.
        let orderSteps = Double(needed) * Double(catalogue.ids.count) / Double(max(total, 1))
        if hasDailyOrder && orderSteps <= orderStepsPerRankedMatch * Double(total) {
            // Walk the day's order until the page is full.
            var found: [SearchCatalogue.Slot] = []
            found.reserveCapacity(needed)
            for slot in dailyOrder(in: catalogue, ranking: ranking) where matches.contains(slot) {
                found.append(slot)
                if found.count == needed { break }
            }
            pageSlots = found.dropFirst(skipped).map { ($0, nil) }
        } else if ranksWordsByTiers, criteria.sort == .best, criteria.words != nil {
            let tiers = BestMatchTiers(
                matches: matches, fresh: catalogue.freshListings(on: today, freshSince: ranking.freshSince),
                prominent: ranking.prominent)
            pageSlots = tiers.page(
                positions: skipped..<needed, dailyOrder: dailyOrder(in: catalogue, ranking: ranking),
                shuffleKeys: ranking.shuffleKeys
            ).map { ($0, nil) }
        } else if criteria.sort == .nearest, nearby != nil, let place = criteria.near {
            pageSlots = nearestFirst(among: matches, to: place, in: catalogue, ranking: ranking, positions: skipped..<needed)
        } else {
            var best = BestKeys(capacity: needed)
            let listings = catalogue.listings
            matches.forEach { slot in best.offer(ranking.key(for: slot, listing: listings[Int(slot)], nearness: nil)) }
            pageSlots = best.sorted().dropFirst(skipped).map { ($0.slot, $0.nearness) }
        }

        let point = criteria.near?.unitVector
        return SearchResultPage(total: total, hits: pageSlots.map { key in
            // Only ranking by distance needed every match's distance; the others need just these.
            let dot = key.nearness ?? (nearby != nil ? point.map { catalogue.nearestDot(slot: key.slot, to: $0) } : nil)
            let rank = ranking.key(for: key.slot, listing: catalogue.listings[Int(key.slot)], nearness: dot)
            return SearchResultPage.Hit(
                slot: key.slot,
                practitionerID: catalogue.ids[Int(key.slot)],
                distanceMiles: dot.map { UnitVector.earthRadiusMiles * acos(min(1, max(-1, $0))) },
                primary: rank.primary, shuffle: rank.shuffle)
        })
    }

    /// The matches at `positions` when ranked by distance from `place`, each with its nearest
    /// location's dot product. Each location within the radius is offered on its own, so a
    /// listing may be offered several times: keeping `mostPerListing` keys per result place is
    /// enough for each of the first results to have its nearest location among them. No array
    /// with a distance per listing (8 MB at a million, for every such search).
    private func nearestFirst(
        among matches: SlotSet, to place: Place, in catalogue: SearchCatalogue, ranking: Ranking, positions: Range<Int>
    ) -> [(slot: SearchCatalogue.Slot, nearness: Double?)] {
        var best = BestKeys(capacity: positions.upperBound * max(1, catalogue.locations.mostPerListing))
        let listings = catalogue.listings
        catalogue.locations.forEachLocation(within: Double(criteria.radiusMiles), of: place) { slot, dot in
            // Once the heap is full, most locations are farther than all it keeps: skip those
            // before reading anything of the listing (at a million, a cache miss each).
            guard best.worst.map({ -dot <= $0.primary }) ?? true, matches.contains(slot) else { return }
            best.offer(ranking.key(for: slot, listing: listings[Int(slot)], nearness: dot))
        }
        // Sorted nearest first, so a listing's first key is for its nearest location.
        var seen = Set<SearchCatalogue.Slot>()
        let ranked = best.sorted().filter { seen.insert($0.slot).inserted }
        return ranked.prefix(positions.upperBound).dropFirst(positions.lowerBound).map { ($0.slot, $0.nearness) }
    }

    /// Every listing in the order of this search's sort, as of today (worked out once a day).
    /// For best match it is the order without words: fresh before stale, then the shuffle.
    private func dailyOrder(in catalogue: SearchCatalogue, ranking: Ranking) -> [SearchCatalogue.Slot] {
        let ranking = ranking.ignoringWords
        return catalogue.dailyOrder(for: criteria.sort, on: today) {
            catalogue.listings.indices.map { index in
                ranking.key(for: SearchCatalogue.Slot(index), listing: catalogue.listings[index], nearness: nil)
            }.sorted().map(\.slot)
        }
    }

    /// Decides which listings match. The filters that are not lists of slots (format, kind,
    /// gender, availability…) are sets of listings ANDed 64 at a time, except when a short list
    /// leads: then each candidate's own listing is checked. A fee limit is checked on the
    /// candidates' fees, 64 at a time, as searches vary it freely.
    private struct Matcher {
        /// Copied out of the catalogue and criteria: read for every candidate.
        private let listings: [SearchCatalogue.Listing]
        private let kind: PractitionerKind?
        private let gender: Gender?
        private let requiredTraits: SearchCatalogue.Traits
        private let maxFeePence: Int32
        /// Profiles unconfirmed for longer are hidden until their practitioner confirms.
        private let confirmedSince: Int32
        private let catalogue: SearchCatalogue
        private let today: String
        /// Whether the candidates' fees must still be read.
        private let readsListings: Bool

        init(search: PractitionerSearch, catalogue: SearchCatalogue) {
            listings = catalogue.listings
            kind = search.criteria.kind
            gender = search.criteria.gender
            requiredTraits = search.requiredTraits
            maxFeePence = search.criteria.maxFeePounds.map { Int32(clamping: $0 * 100) } ?? .max
            confirmedSince = ListingPolicy.oldestListedConfirmation(todayNumber: Int32(LondonCalendar.dayNumber(search.today) ?? 0))
            self.catalogue = catalogue
            today = search.today
            readsListings = maxFeePence != .max
        }

        /// The kind, gender, traits and confirmation rule as sets of listings; never empty.
        private func filterSets() -> [SlotSet] {
            [catalogue.freshListings(on: today, freshSince: confirmedSince)]
                + catalogue.sets(withEvery: requiredTraits)
                + [kind.flatMap { catalogue.ofKind[$0] }, gender.flatMap { catalogue.ofGender[$0] }].compactMap { $0 }
        }

        /// 1 for a match, else 0. Every test is evaluated, without a branch on the listing: in a
        /// scan of every listing, mispredicted branches would cost more than the tests.
        @inline(__always)
        private func matchBit(_ listing: SearchCatalogue.Listing) -> UInt64 {
            let traitsMatch: UInt64 = listing.traits.isSuperset(of: requiredTraits) ? 1 : 0
            let feeMatches: UInt64 = listing.feeMinPence <= maxFeePence ? 1 : 0
            let isConfirmed: UInt64 = listing.confirmedDayNumber >= confirmedSince ? 1 : 0
            let kindMatches: UInt64 = kind == nil || listing.kind == kind ? 1 : 0
            let genderMatches: UInt64 = gender == nil || listing.gender == gender ? 1 : 0
            return traitsMatch & feeMatches & isConfirmed & kindMatches & genderMatches
        }

        /// Every match, and how many there are. When a short list leads, walks it and looks each
        /// candidate up in the others (every list is in slot order, so each lookup moves a cursor
        /// forward). Otherwise ANDs the bit sets whole, and looks up only what is left.
        func everyMatch(required: [Postings], nearby: LocationIndex.Nearby?, slotCount: Int) -> (SlotSet, Int) {
            var cursors = required.map { $0.cursor() }
            let shortest = required.indices.min { required[$0].count < required[$1].count }
            let nearbyLeads = nearby.map { $0.count <= shortest.map({ required[$0].count }) ?? .max } ?? false
            return listings.withUnsafeBufferPointer { listings in
                // Unless a short list leads, every set kept as bits (the filters' among them) is
                // taken 64 listings at a time: a few ANDs per word instead of a lookup per
                // candidate in each.
                if nearbyLeads || shortest.map({ required[$0].bitSet != nil }) ?? true {
                    var bitSets = required.compactMap(\.bitSet) + filterSets()
                    if let nearby { bitSets.append(nearby.members) }
                    var found = SlotSet.intersection(of: bitSets, size: slotCount)
                    let withinFee = readsListings ? found.keepOnly(valuesIn: catalogue.feeMinimums, atMost: maxFeePence) : nil
                    let lists = required.indices.filter { required[$0].bitSet == nil }
                    guard !lists.isEmpty else { return (found, withinFee ?? found.count) }
                    let total = found.removeAll { slot in lists.allSatisfy { cursors[$0].contains(slot) } }
                    return (found, total)
                }
                var total = 0
                let found = SlotSet(size: slotCount) { members in
                    guard let shortest else { return }
                    let others = cursors.indices.filter { $0 != shortest }
                    required[shortest].forEach { slot in
                        guard nearby?.members.contains(slot) ?? true, others.allSatisfy({ cursors[$0].contains(slot) }),
                              matchBit(listings[Int(slot)]) != 0
                        else { return }
                        members.insert(slot)
                        total += 1
                    }
                }
                return (found, total)
            }
        }
    }

    /// The postings a match must appear in (topic, approach, language, each word), or
    /// `nil` when one of them matches nobody.
    private func requiredPostings(in catalogue: SearchCatalogue) -> [Postings]? {
        var required: [Postings?] = []
        if let topic = criteria.topic { required.append(catalogue.topics[topic.id]) }
        if let approach = criteria.approach { required.append(catalogue.approaches[approach.id]) }
        if let language = criteria.language { required.append(catalogue.languages[language]) }
        for stem in criteria.words?.stems ?? [] { required.append(catalogue.stemsAnywhere[stem]) }
        let found = required.compactMap { $0 }
        return found.count == required.count ? found : nil
    }

    /// Only publicly listed practitioners are in the catalogue at all; these are the yes/no
    /// facts this search requires of them.
    fileprivate var requiredTraits: SearchCatalogue.Traits {
        var traits: SearchCatalogue.Traits = []
        switch criteria.format {
        case .inPerson: traits.insert(.inPerson)
        case .online: traits.insert(.online)
        case .phone: traits.insert(.phone)
        case nil: break
        }
        // Distance is measured to places where they see people.
        if criteria.usesDistance { traits.insert(.inPerson) }
        if criteria.requiresConcessions { traits.insert(.concessions) }
        if criteria.requiresFreeFirstConversation { traits.insert(.freeFirstConversation) }
        if criteria.acceptingOnly { traits.insert(.acceptingNewClients) }
        if let group = criteria.worksWith { traits.insert(.worksWith(group)) }
        return traits
    }
}
