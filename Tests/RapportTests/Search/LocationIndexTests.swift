import Testing

@testable import Rapport

@Suite("Finding locations near a place")
struct LocationIndexTests {
    /// The grid must find exactly what checking every location's distance finds, including
    /// locations on row edges, listings with several locations, and places off the map's edge.
    @Test func theGridFindsExactlyWhatCheckingEveryLocationFinds() {
        var random = SplitMix64(seed: 42)
        let slotCount = 3_000
        var index = LocationIndex()
        var all: [(slot: SearchCatalogue.Slot, vector: UnitVector)] = []
        for slot in 0..<slotCount {
            // Most have one location, some two or three; a few sit exactly on a row's edge.
            for _ in 0..<(1 + Int(random.next() % 3) / 2 + (slot % 97 == 0 ? 1 : 0)) {
                let latitude = slot % 50 == 0 ? 52.0 + Double(slot % 7) / 10 : 49.9 + random.fraction() * 10.9
                let longitude = -8.2 + random.fraction() * 10
                index.add(latitude: latitude, longitude: longitude, slot: SearchCatalogue.Slot(slot))
                all.append((SearchCatalogue.Slot(slot), UnitVector(latitude: latitude, longitude: longitude)))
            }
        }
        index.sortIntoRows()

        for search in 0..<200 {
            let miles = [1.0, 5, 10, 25, 50, 100][search % 6]   // radius_miles allows 1 to 100
            let place = Place(
                label: "P\(search)", name: "P\(search)", county: "", nation: "",
                latitude: 48 + random.fraction() * 14, longitude: -10 + random.fraction() * 14, population: 0)
            let minimumDot = UnitVector.minimumDot(withinMiles: miles)
            var expectedDots: [SearchCatalogue.Slot: Double] = [:]
            for location in all where location.vector.dot(place.unitVector) >= minimumDot {
                expectedDots[location.slot] = max(expectedDots[location.slot] ?? -2, location.vector.dot(place.unitVector))
            }

            let nearby = index.nearby(within: miles, of: place, slotCount: slotCount, withDots: true)
            var found: [SearchCatalogue.Slot] = []
            nearby.members.forEach { found.append($0) }
            #expect(found == expectedDots.keys.sorted(), "within \(miles) miles of \(place.latitude), \(place.longitude)")
            #expect(nearby.count == expectedDots.count)
            for (slot, dot) in expectedDots { #expect(nearby.dots?[Int(slot)] == dot) }
        }
    }

    @Test func anEmptyIndexFindsNobody() {
        var index = LocationIndex()
        index.sortIntoRows()
        let york = Place(label: "York", name: "York", county: "", nation: "", latitude: 53.96, longitude: -1.08, population: 0)
        let nearby = index.nearby(within: 25, of: york, slotCount: 10, withDots: false)
        #expect(nearby.count == 0)
    }
}

/// A small, seeded generator, so a failure can be repeated.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func fraction() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
