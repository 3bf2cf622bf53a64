import Foundation
import NIOConcurrencyHelpers

/// What search knows about every publicly listed practitioner, held in memory so a search is a
/// walk over compact arrays instead of a scan of the wide `practitioners` table.
///
/// It is derived data: built from the database, never written back, and never changed once built.
/// A `SearchIndex` pairs one with a small overlay of what changed since (see `SearchIndexStore`).
/// Any app instance builds its own, so instances still share nothing but the database.
struct SearchCatalogue: Sendable {
    /// The one-valued facts search filters and sorts by: plain values only, so walking 100,000
    /// of them touches no reference counts.
    struct Listing: Sendable {
        let kind: PractitionerKind
        let traits: Traits
        let gender: Gender?
        let feeMinPence: Int32
        /// Days since 1970-01-01.
        let confirmedDayNumber: Int32
        let shuffleSeed: Int
    }

    /// The yes/no facts a search can require, one bit each, so a listing is checked against all
    /// of them with one comparison.
    struct Traits: OptionSet, Sendable, Hashable {
        let rawValue: UInt16
        static let inPerson = Traits(rawValue: 1 << 0)
        static let online = Traits(rawValue: 1 << 1)
        static let phone = Traits(rawValue: 1 << 2)
        static let concessions = Traits(rawValue: 1 << 3)
        static let freeFirstConversation = Traits(rawValue: 1 << 4)
        static let acceptingNewClients = Traits(rawValue: 1 << 5)
        static let individuals = Traits(rawValue: 1 << 6)
        static let couples = Traits(rawValue: 1 << 7)
        static let families = Traits(rawValue: 1 << 8)
        static let youngPeople = Traits(rawValue: 1 << 9)
        static let bitCount = 10

        static func worksWith(_ group: ClientGroup) -> Traits {
            switch group {
            case .individuals: .individuals
            case .couples: .couples
            case .families: .families
            case .youngPeople: .youngPeople
            }
        }
    }

    /// A listing's place in `listings`. Listings are stored in id order, so comparing slots
    /// compares ids: the last tie-break of every sort.
    typealias Slot = Int32


    /// Practitioner ids in increasing order; `listings[slot]` belongs to `ids[slot]`.
    private(set) var ids: [UUID] = []
    private(set) var listings: [Listing] = []
    /// Each listing's lowest fee, on its own: a fee limit reads 16 of them per cache line.
    private(set) var feeMinimums: [Int32] = []
    private(set) var topics: [UUID: Postings] = [:]
    private(set) var approaches: [UUID: Postings] = [:]
    private(set) var languages: [String: Postings] = [:]
    /// Stems anywhere in a listing: name, headline, about, topic and approach names.
    private(set) var stemsAnywhere: [String: Postings] = [:]
    /// Stems in the name, headline, topic or approach names: a match there ranks higher.
    private(set) var stemsProminent: [String: Postings] = [:]
    private(set) var locations = LocationIndex()
    /// The listings with each trait (by bit), of each kind and of each gender: a search
    /// requiring them ANDs 64 listings at a time instead of reading every candidate's listing
    /// (at a million, a cache miss each).
    private(set) var withTrait: [SlotSet] = []
    private(set) var ofKind: [PractitionerKind: SlotSet] = [:]
    private(set) var ofGender: [Gender: SlotSet] = [:]
    private(set) var taxonomy = CatalogueTaxonomy(topics: [], approaches: [])
    private var summaries = SummaryShelf()
    private let todaysShuffle = DailyCache<[Int32]>()
    private let todaysOrders = DailyCache<[Slot]>()
    private let todaysFresh = DailyCache<SlotSet>()
    /// The listings near the places searched most (see `nearby(within:of:)`).
    let nearbySets = RecentlyUsedSets<NearbyKey, LocationIndex.Nearby>(capacity: 64)

    /// Every listing in the order of `sort` on `day`, made by `make` once a day per sort.
    func dailyOrder(for sort: SearchSort, on day: String, making make: () -> [Slot]) -> [Slot] {
        todaysOrders.value(for: sort.rawValue, on: day, making: make)
    }

    /// Every listing's `DailyShuffle` key for `day`, worked out once a day rather than for every
    /// candidate of every search (three divisions each, a third of a deep page's time).
    func shuffleKeys(on day: String) -> [Int32] {
        todaysShuffle.value(for: "", on: day) {
            let shuffle = DailyShuffle(day: day)
            return listings.map { Int32(shuffle.key(shuffleSeed: $0.shuffleSeed)) }
        }
    }

    /// The listings whose availability was confirmed on or after `freshSince` (a day number),
    /// which best match puts first; worked out once a day.
    func freshListings(on day: String, freshSince: Int32) -> SlotSet {
        todaysFresh.value(for: String(freshSince), on: day) {
            SlotSet(size: listings.count) { members in
                for (index, listing) in listings.enumerated() where listing.confirmedDayNumber >= freshSince {
                    members.insert(Slot(index))
                }
            }
        }
    }

    /// The listings with every one of `traits`, one set per trait.
    func sets(withEvery traits: Traits) -> [SlotSet] {
        (0..<Traits.bitCount).filter { traits.rawValue & (1 << $0) != 0 }.map { withTrait[$0] }
    }

    /// The dot product from `point` to the listing's nearest location (larger is nearer).
    func nearestDot(slot: Slot, to point: UnitVector) -> Double {
        summaries.locations(of: Int(slot)).map { UnitVector(latitude: $0.latitude, longitude: $0.longitude).dot(point) }.max() ?? -1
    }

    /// Where `id` is, if it is listed here: a binary search, as `ids` is in id order.
    func slot(of id: UUID) -> Slot? {
        let wanted = id.uuidString
        var (low, high) = (0, ids.count)
        while low < high {
            let middle = (low + high) / 2
            if ids[middle].uuidString < wanted { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? Slot(low) : nil
    }

    /// A catalogue of these entries (in increasing id order): a `SearchIndex`'s small overlay.
    static func of(_ entries: [Entry], taxonomy: CatalogueTaxonomy) -> SearchCatalogue {
        var builder = Builder(taxonomy: taxonomy, listingCount: entries.count)
        for entry in entries { builder.add(entry) }
        return builder.finish()
    }

    /// What a result shows of the listing in `slot`.
    func summary(at slot: Slot) -> PractitionerSummary {
        summaries.summary(slot: Int(slot), id: ids[Int(slot)], listing: listings[Int(slot)], taxonomy: taxonomy)
    }
}

// MARK: - Building

extension SearchCatalogue {
    /// One practitioner as the loader reads it, its texts already stemmed.
    struct Entry: Sendable {
        let id: UUID
        let slug: String
        let name: String
        let headline: String
        let listing: Listing
        let feeMaxPence: Int32
        let topicIDs: [UUID]
        let approachIDs: [UUID]
        let languages: [String]
        let locations: [(placeLabel: String, latitude: Double, longitude: Double)]
        let stems: ListingStems
    }

    /// Builds a catalogue from entries given in increasing id order.
    struct Builder {
        private var catalogue = SearchCatalogue()
        /// Postings by the builder's own stem numbers: a listing's stems are gathered, sorted and
        /// filed as numbers.
        private var stems: [String] = []
        private var numberOfStem: [String: Int32] = [:]
        private var postingsAnywhere: [Postings] = []
        private var postingsProminent: [Postings] = []
        /// For each stemmer met, its numbers as this builder's (-1: not met yet). An array
        /// lookup per stem; the stemmer is kept so its identifier cannot be reused.
        private var translations: [ObjectIdentifier: (stemmer: CatalogueStemmer, numbers: [Int32])] = [:]
        /// The stem numbers of each topic's and approach's name, which count as prominent text.
        private var topicStems: [UUID: [Int32]] = [:]
        private var approachStems: [UUID: [Int32]] = [:]

        /// How many listings there will be: it decides when postings become bit sets.
        private let listingCount: Int

        init(taxonomy: CatalogueTaxonomy, listingCount: Int) {
            self.listingCount = listingCount
            catalogue.taxonomy = taxonomy
            let stemmer = CatalogueStemmer()
            for topic in taxonomy.topics { topicStems[topic.id] = translated(stemmer.numbers(of: topic.name), from: stemmer) }
            for approach in taxonomy.approaches { approachStems[approach.id] = translated(stemmer.numbers(of: approach.name), from: stemmer) }
        }

        private mutating func translated(_ numbers: [Int32], from stemmer: CatalogueStemmer) -> [Int32] {
            let key = ObjectIdentifier(stemmer)
            var table = translations.removeValue(forKey: key)?.numbers ?? []
            defer { translations[key] = (stemmer, table) }
            return numbers.map { number in
                if Int(number) < table.count, table[Int(number)] >= 0 { return table[Int(number)] }
                if Int(number) >= table.count { table += repeatElement(-1, count: Int(number) + 1 - table.count) }
                let stem = stemmer.stem(numbered: number)
                let own = numberOfStem[stem] ?? Int32(stems.count)
                if own == stems.count {
                    numberOfStem[stem] = own
                    stems.append(stem)
                    postingsAnywhere.append(Postings())
                    postingsProminent.append(Postings())
                }
                table[Int(number)] = own
                return own
            }
        }

        mutating func add(_ entry: Entry) {
            let slot = Slot(catalogue.listings.count)
            precondition(catalogue.ids.last.map { $0.uuidString < entry.id.uuidString } ?? true, "entries must come in id order")
            catalogue.ids.append(entry.id)
            catalogue.listings.append(entry.listing)
            for id in Set(entry.topicIDs) { catalogue.topics[id, default: Postings()].append(slot, listingCount: listingCount) }
            for id in Set(entry.approachIDs) { catalogue.approaches[id, default: Postings()].append(slot, listingCount: listingCount) }
            for language in Set(entry.languages) { catalogue.languages[language, default: Postings()].append(slot, listingCount: listingCount) }
            for location in entry.locations {
                catalogue.locations.add(latitude: location.latitude, longitude: location.longitude, slot: slot)
            }
            catalogue.summaries.add(entry, taxonomy: catalogue.taxonomy)
            var prominent = translated(entry.stems.prominent, from: entry.stems.vocabulary)
            for id in entry.topicIDs { prominent += topicStems[id] ?? [] }
            for id in entry.approachIDs { prominent += approachStems[id] ?? [] }
            prominent.sortAndRemoveRepeats()
            var anywhere = prominent + translated(entry.stems.about, from: entry.stems.vocabulary)
            anywhere.sortAndRemoveRepeats()
            for stem in prominent { postingsProminent[Int(stem)].append(slot, listingCount: listingCount) }
            for stem in anywhere { postingsAnywhere[Int(stem)].append(slot, listingCount: listingCount) }
        }

        consuming func finish() -> SearchCatalogue {
            let listings = catalogue.listings
            catalogue.feeMinimums = listings.map(\.feeMinPence)
            catalogue.withTrait = (0..<SearchCatalogue.Traits.bitCount).map { bit in
                SlotSet(size: listings.count) { members in
                    for (slot, listing) in listings.enumerated() where listing.traits.rawValue & (1 << bit) != 0 { members.insert(Slot(slot)) }
                }
            }
            for kind in PractitionerKind.allCases {
                catalogue.ofKind[kind] = SlotSet(size: listings.count) { members in
                    for (slot, listing) in listings.enumerated() where listing.kind == kind { members.insert(Slot(slot)) }
                }
            }
            for gender in Gender.allCases {
                catalogue.ofGender[gender] = SlotSet(size: listings.count) { members in
                    for (slot, listing) in listings.enumerated() where listing.gender == gender { members.insert(Slot(slot)) }
                }
            }
            catalogue.locations.sortIntoRows()
            catalogue.summaries.finishBuilding()
            for (number, stem) in stems.enumerated() {
                if postingsAnywhere[number].count > 0 {
                    postingsAnywhere[number].shrinkToFit()
                    catalogue.stemsAnywhere[stem] = postingsAnywhere[number]
                }
                if postingsProminent[number].count > 0 {
                    postingsProminent[number].shrinkToFit()
                    catalogue.stemsProminent[stem] = postingsProminent[number]
                }
            }
            for key in catalogue.topics.keys { catalogue.topics[key]?.shrinkToFit() }
            for key in catalogue.approaches.keys { catalogue.approaches[key]?.shrinkToFit() }
            for key in catalogue.languages.keys { catalogue.languages[key]?.shrinkToFit() }
            catalogue.ids.shrinkToFit()
            catalogue.listings.shrinkToFit()
            return catalogue
        }
    }
}

extension Array where Element: Comparable {
    /// Sorts in place and keeps one of each value.
    mutating func sortAndRemoveRepeats() {
        sort()
        var kept = 0
        for index in indices where kept == 0 || self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }
}

/// Values worked out once a day, by name, for the last day asked for. Shared by every copy of
/// a catalogue (it is a class), so each is worked out once per catalogue per day.
final class DailyCache<Value: Sendable>: Sendable {
    private let cached = NIOLockedValueBox<(day: String, values: [String: Value])?>(nil)

    func value(for name: String, on day: String, making make: () -> Value) -> Value {
        if let value = cached.withLockedValue({ $0?.day == day ? $0?.values[name] : nil }) { return value }
        let value = make()
        cached.withLockedValue { cached in
            if cached?.day != day { cached = (day, [:]) }
            cached?.values[name] = value
        }
        return value
    }
}
