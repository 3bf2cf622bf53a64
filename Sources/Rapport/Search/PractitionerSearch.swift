import Foundation

/// The one search: every page and API endpoint that finds practitioners goes through here, so the
/// meaning of each filter and sort is written down exactly once. It runs over the in-memory
/// `SearchCatalogue`, counting every match and keeping only the requested page.
struct PractitionerSearch {
    let criteria: SearchCriteria
    /// Today in London: the daily shuffle and "recently confirmed" depend on it.
    let today: String

    func run(in catalogue: SearchCatalogue) -> SearchResultPage {
        guard let required = requiredPostings(in: catalogue) else { return SearchResultPage(total: 0, hits: []) }
        let nearness = criteria.usesDistance ? criteria.near.map {
            catalogue.locations.nearness(within: Double(criteria.radiusMiles), of: $0)
        } : nil

        let ranking = Ranking(criteria: criteria, today: today, catalogue: catalogue)
        let wanted = criteria.page * criteria.perPage
        var best = BestKeys(capacity: wanted)
        var total = 0
        func consider(_ slot: SearchCatalogue.Slot) {
            let listing = catalogue.listings[Int(slot)]
            guard matchesFields(listing) else { return }
            var dot: Double?
            if let nearness {
                guard let found = nearness[slot] else { return }
                dot = found
            }
            total += 1
            best.offer(ranking.key(for: slot, listing: listing, nearness: dot))
        }

        if let shortestIndex = required.indices.min(by: { required[$0].count < required[$1].count }) {
            // Walk the shortest list and look each slot up in the others.
            let others = required.indices.filter { $0 != shortestIndex }.map { required[$0] }
            for slot in required[shortestIndex] where others.allSatisfy({ $0.containsSorted(slot) }) { consider(slot) }
        } else if let nearness {
            for slot in nearness.keys { consider(slot) }
        } else {
            for slot in catalogue.listings.indices { consider(SearchCatalogue.Slot(slot)) }
        }

        let page = best.sorted().dropFirst((criteria.page - 1) * criteria.perPage)
        return SearchResultPage(total: total, hits: page.map { key in
            SearchResultPage.Hit(
                practitionerID: catalogue.listings[Int(key.slot)].id,
                distanceMiles: key.nearness.map { UnitVector.earthRadiusMiles * acos(min(1, max(-1, $0))) })
        })
    }

    /// The sorted slot lists a match must appear in (topic, approach, language, each word), or
    /// `nil` when one of them matches nobody.
    private func requiredPostings(in catalogue: SearchCatalogue) -> [SearchCatalogue.Postings]? {
        var required: [SearchCatalogue.Postings?] = []
        if let topic = criteria.topic { required.append(catalogue.topics[topic.id]) }
        if let approach = criteria.approach { required.append(catalogue.approaches[approach.id]) }
        if let language = criteria.language { required.append(catalogue.languages[language]) }
        for stem in criteria.words?.stems ?? [] { required.append(catalogue.stemsAnywhere[stem]) }
        let found = required.compactMap { $0 }
        return found.count == required.count ? found : nil
    }

    /// The one-valued filters. Only publicly listed practitioners are in the catalogue at all.
    private func matchesFields(_ listing: SearchCatalogue.Listing) -> Bool {
        listing.traits.isSuperset(of: requiredTraits)
            && (criteria.kind == nil || listing.kind == criteria.kind)
            && (criteria.gender == nil || listing.gender == criteria.gender)
            && (criteria.maxFeePounds.map { listing.feeMinPence <= $0 * 100 } ?? true)
    }

    private var requiredTraits: SearchCatalogue.Traits {
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

/// Where a match sits in the chosen order: smaller keys come first.
struct RankKey: Comparable {
    /// The sort's own measure (fee, distance, freshness and relevance…).
    let primary: Double
    /// Ties are ordered by the daily shuffle, then by id (slot order is id order).
    let shuffle: Int
    let slot: SearchCatalogue.Slot
    let nearness: Double?

    static func < (left: RankKey, right: RankKey) -> Bool {
        (left.primary, left.shuffle, left.slot) < (right.primary, right.shuffle, right.slot)
    }
}

/// Turns the chosen sort into a key per match.
private struct Ranking {
    let sort: SearchSort
    let freshSince: String
    let shuffle: DailyShuffle
    /// For ranking by words: the prominent-text postings of each searched stem.
    let prominentPostings: [SearchCatalogue.Postings]

    init(criteria: SearchCriteria, today: String, catalogue: SearchCatalogue) {
        sort = criteria.sort
        freshSince = LondonCalendar.day(today, addingDays: -SearchCriteria.freshAvailabilityDays)
        shuffle = DailyShuffle(day: today)
        prominentPostings = criteria.sort == .best ? (criteria.words?.stems ?? []).map { catalogue.stemsProminent[$0] ?? [] } : []
    }

    func key(for slot: SearchCatalogue.Slot, listing: SearchCatalogue.Listing, nearness: Double?) -> RankKey {
        let primary: Double
        switch sort {
        case .best:
            // Current availability first; within that, more of the words in the name, headline,
            // topics or approaches (not just the about text) ranks higher.
            let stale = listing.availabilityConfirmedOn >= freshSince ? 0.0 : 1.0
            let prominentWords = prominentPostings.count(where: { $0.containsSorted(slot) })
            primary = stale * 100 - Double(prominentWords)
        case .nearest: primary = -(nearness ?? 0)
        case .fee: primary = Double(listing.feeMinPence)
        case .recentlyConfirmed: primary = -Double(listing.confirmedDayNumber)
        }
        return RankKey(primary: primary, shuffle: shuffle.key(shuffleSeed: listing.shuffleSeed), slot: slot, nearness: nearness)
    }
}

/// Keeps the smallest `capacity` keys offered, in a max-heap, so finding one page among 100,000
/// matches needs no full sort.
private struct BestKeys {
    let capacity: Int
    private var heap: [RankKey] = []

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(min(capacity, 4096))
    }

    mutating func offer(_ key: RankKey) {
        guard capacity > 0 else { return }
        if heap.count < capacity {
            heap.append(key)
            siftUp(heap.count - 1)
        } else if key < heap[0] {
            heap[0] = key
            siftDown(0)
        }
    }

    func sorted() -> [RankKey] { heap.sorted() }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent] < heap[child] else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var largest = parent
            for child in [2 * parent + 1, 2 * parent + 2] where child < heap.count && heap[largest] < heap[child] {
                largest = child
            }
            guard largest != parent else { return }
            heap.swapAt(parent, largest)
            parent = largest
        }
    }
}

extension Array where Element == SearchCatalogue.Slot {
    /// Binary search in a sorted slot list.
    func containsSorted(_ slot: SearchCatalogue.Slot) -> Bool {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < slot { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == slot
    }
}

/// Orders ties fairly: a permutation of practitioners that changes every day, so the same few do
/// not always sit on top. Plain 64-bit integer arithmetic with no overflow (every product stays
/// below 2^62), so it is the same on every machine.
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

    func key(shuffleSeed: Int) -> Int {
        ((shuffleSeed % Self.modulus + Self.modulus + offset) % Self.modulus) * multiplier % Self.modulus
    }
}
