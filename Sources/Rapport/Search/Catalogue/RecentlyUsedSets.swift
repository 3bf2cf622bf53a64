import NIOConcurrencyHelpers

/// Sets of listings that take a pass over much of the catalogue to collect, kept for the keys
/// searched most with the catalogue they came from.
///
/// At a million practitioners, collecting the listings near London reads over a hundred thousand
/// locations: most of such a search's time. The answer depends only on the catalogue (which never
/// changes once built) and the key, so the most recently used are kept. A set costs one bit per
/// listing (125 KB at a million), so `capacity` sets cost at most `capacity` × 125 KB there.
final class RecentlyUsedSets<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Kept {
        let value: Value
        var lastUsed: UInt64
    }

    private struct State {
        var kept: [Key: Kept] = [:]
        var uses: UInt64 = 0
    }

    let capacity: Int
    private let state = NIOLockedValueBox(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// How many are kept now (for tests).
    var count: Int { state.withLockedValue { $0.kept.count } }

    /// The kept value for `key`, or the one `make` collects (kept for next time, in place of the
    /// least recently used when full).
    func value(for key: Key, making make: () -> Value) -> Value {
        let found: Value? = state.withLockedValue { state in
            state.uses += 1
            guard let kept = state.kept[key] else { return nil }
            state.kept[key]?.lastUsed = state.uses
            return kept.value
        }
        if let found { return found }
        // Collected outside the lock: two searches may both collect a new key once, but none
        // waits for another's.
        let value = make()
        state.withLockedValue { state in
            if state.kept[key] == nil, state.kept.count >= capacity,
               let oldest = state.kept.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
                state.kept[oldest] = nil
            }
            state.kept[key] = Kept(value: value, lastUsed: state.uses)
        }
        return value
    }
}

extension SearchCatalogue {
    struct NearbyKey: Hashable, Sendable {
        let latitude: Double
        let longitude: Double
        let miles: Double
    }

    /// The listings with a location within `miles` of `place`, kept for the 64 places and
    /// radii searched most (8 MB at most at a million).
    func nearby(within miles: Double, of place: Place) -> LocationIndex.Nearby {
        nearbySets.value(for: NearbyKey(latitude: place.latitude, longitude: place.longitude, miles: miles)) {
            locations.nearby(within: miles, of: place, slotCount: ids.count)
        }
    }
}
