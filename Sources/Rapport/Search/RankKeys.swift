import Foundation

// How `PractitionerSearch` orders matches: the key for each listing, the bounded heap that
// keeps only the best page, and the day's shuffle that breaks ties fairly.

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
struct Ranking {
    let sort: SearchSort
    let freshSince: Int32
    /// Each listing's place in today's shuffle.
    let shuffleKeys: [Int32]
    /// For ranking by words: where each searched stem is in prominent text.
    private(set) var prominent: [SlotSet]

    /// The same sort with no words: the day's order, which is shared by every search.
    var ignoringWords: Ranking {
        var ranking = self
        ranking.prominent = []
        return ranking
    }

    init(criteria: SearchCriteria, today: String, catalogue: SearchCatalogue) {
        sort = criteria.sort
        freshSince = ListingPolicy.oldestFreshConfirmation(todayNumber: Int32(LondonCalendar.dayNumber(today) ?? 0))
        shuffleKeys = catalogue.shuffleKeys(on: today)
        prominent = criteria.sort == .best
            ? (criteria.words?.stems ?? []).map { catalogue.stemsProminent[$0]?.slotSet(size: catalogue.ids.count) ?? SlotSet(size: 0) } : []
    }

    @inline(__always)
    func key(for slot: SearchCatalogue.Slot, listing: SearchCatalogue.Listing, nearness: Double?) -> RankKey {
        let primary: Double
        switch sort {
        case .best:
            // Current availability first; within that, more of the words in the name, headline,
            // topics or approaches (not just the about text) ranks higher.
            let stale = listing.confirmedDayNumber >= freshSince ? 0.0 : 1.0
            var prominentWords = 0
            for words in prominent where words.contains(slot) { prominentWords += 1 }
            primary = stale * 100 - Double(prominentWords)
        case .nearest: primary = -(nearness ?? 0)
        case .fee: primary = Double(listing.feeMinPence)
        case .recentlyConfirmed: primary = -Double(listing.confirmedDayNumber)
        }
        return RankKey(primary: primary, shuffle: Int(shuffleKeys[Int(slot)]), slot: slot, nearness: nearness)
    }
}

/// Keeps the smallest `capacity` keys offered, in a max-heap, so finding one page among 100,000
/// matches needs no full sort.
struct BestKeys {
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

    /// The last key kept, once the heap is full: a key must come before it to get in.
    var worst: RankKey? { heap.count == capacity ? heap.first : nil }

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
            let left = 2 * parent + 1
            let right = left + 1
            if left < heap.count && heap[largest] < heap[left] { largest = left }
            if right < heap.count && heap[largest] < heap[right] { largest = right }
            guard largest != parent else { return }
            heap.swapAt(parent, largest)
            parent = largest
        }
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
