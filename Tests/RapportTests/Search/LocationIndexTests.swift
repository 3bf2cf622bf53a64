import Testing

@testable import Rapport

@Suite("Finding locations near a place")
struct LocationIndexTests {
    /// The grid must find exactly what checking every location's distance finds, including
    /// locations on row edges, listings with several locations, and places off the map's edge.
    @Test func theGridFindsExactlyWhatCheckingEveryLocationFinds() {
        var random = SeededRandom(seed: 42)
        let slotCount = 3_000
        var index = LocationIndex()
        var all: [(slot: SearchCatalogue.Slot, vector: UnitVector)] = []
        for slot in 0..<slotCount {
            // Most have one location, some two or three; a few sit exactly on a row's edge.
            for _ in 0..<(1 + Int(random.next() % 3) / 2 + (slot % 97 == 0 ? 1 : 0)) {
                let latitude = slot % 50 == 0 ? 52.0 + Double(slot % 7) / 10 : Double.random(in: 49.9..<60.8, using: &random)
                let longitude = Double.random(in: -8.2..<1.8, using: &random)
                index.add(latitude: latitude, longitude: longitude, slot: SearchCatalogue.Slot(slot))
                all.append((SearchCatalogue.Slot(slot), UnitVector(latitude: latitude, longitude: longitude)))
            }
        }
        index.sortIntoRows()
        #expect(index.mostPerListing == 3)

        for search in 0..<200 {
            let miles = [1.0, 5, 10, 25, 50, 100][search % 6]   // radius_miles allows 1 to 100
            let place = Place(
                label: "P\(search)", name: "P\(search)", county: "", nation: "",
                latitude: Double.random(in: 48..<62, using: &random), longitude: Double.random(in: -10..<4, using: &random),
                population: 0)
            let minimumDot = UnitVector.minimumDot(withinMiles: miles)
            var expectedDots: [SearchCatalogue.Slot: Double] = [:]
            for location in all where location.vector.dot(place.unitVector) >= minimumDot {
                expectedDots[location.slot] = max(expectedDots[location.slot] ?? -2, location.vector.dot(place.unitVector))
            }

            let nearby = index.nearby(within: miles, of: place, slotCount: slotCount)
            var found: [SearchCatalogue.Slot] = []
            nearby.members.forEach { found.append($0) }
            #expect(found == expectedDots.keys.sorted(), "within \(miles) miles of \(place.latitude), \(place.longitude)")
            #expect(nearby.count == expectedDots.count)
            var nearestDots: [SearchCatalogue.Slot: Double] = [:]
            index.forEachLocation(within: miles, of: place) { slot, dot in nearestDots[slot] = max(nearestDots[slot] ?? -2, dot) }
            #expect(nearestDots == expectedDots)
        }
    }

    @Test func anEmptyIndexFindsNobody() {
        var index = LocationIndex()
        index.sortIntoRows()
        let york = Place(label: "York", name: "York", county: "", nation: "", latitude: 53.96, longitude: -1.08, population: 0)
        let nearby = index.nearby(within: 25, of: york, slotCount: 10)
        #expect(nearby.count == 0)
    }

    /// The places searched most keep their set; the least recently used goes when it is full,
    /// and a kept set is answered without collecting it again.
    @Test func nearbySetsKeepTheMostRecentlyUsedPlaces() {
        let sets = RecentlyUsedSets<SearchCatalogue.NearbyKey, LocationIndex.Nearby>(capacity: 2)
        var collected: [Double] = []
        func nearby(_ miles: Double) -> Int {
            sets.value(for: .init(latitude: 53.96, longitude: -1.08, miles: miles)) {
                collected.append(miles)
                return LocationIndex.Nearby(members: SlotSet(size: 10), count: Int(miles))
            }.count
        }
        #expect([nearby(5), nearby(10), nearby(5)] == [5, 10, 5])
        #expect(collected == [5, 10])
        _ = nearby(25)   // full: 10 miles was used least recently
        #expect(sets.count == 2)
        #expect([nearby(5), nearby(25), nearby(10)] == [5, 25, 10])
        #expect(collected == [5, 10, 25, 10])
    }
}
