import NIOConcurrencyHelpers

/// The listings near the places people search most, kept with the catalogue they came from.
///
/// Collecting the listings within a radius reads every location in the box around the place;
/// at a million practitioners a search near London reads over a hundred thousand of them, which
/// is most of such a search's time. The answer depends only on the catalogue (which never changes
/// once built) and on the place and radius, so the most recently used are kept: a set costs one
/// bit per listing (125 KB at a million), so `capacity` sets cost at most 8 MB there.
final class NearbySets: Sendable {
    struct Key: Hashable, Sendable {
        let latitude: Double
        let longitude: Double
        let miles: Double
    }

    private struct Kept {
        let nearby: LocationIndex.Nearby
        var lastUsed: UInt64
    }

    private struct State {
        var kept: [Key: Kept] = [:]
        var uses: UInt64 = 0
    }

    let capacity: Int
    private let state = NIOLockedValueBox(State())

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// How many sets are kept now (for tests).
    var count: Int { state.withLockedValue { $0.kept.count } }

    /// The kept set for `key`, or the one `make` collects (kept for next time, in place of the
    /// least recently used when full).
    func nearby(for key: Key, making make: () -> LocationIndex.Nearby) -> LocationIndex.Nearby {
        let found: LocationIndex.Nearby? = state.withLockedValue { state in
            state.uses += 1
            guard let kept = state.kept[key] else { return nil }
            state.kept[key]?.lastUsed = state.uses
            return kept.nearby
        }
        if let found { return found }
        // Collected outside the lock: two searches may both collect a new place once, but none
        // waits for another's.
        let nearby = make()
        state.withLockedValue { state in
            if state.kept[key] == nil, state.kept.count >= capacity,
               let oldest = state.kept.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
                state.kept[oldest] = nil
            }
            state.kept[key] = Kept(nearby: nearby, lastUsed: state.uses)
        }
        return nearby
    }
}

extension SearchCatalogue {
    /// The listings with a location within `miles` of `place`. Ranking by distance needs each
    /// match's nearest location too (`withDots`), worked out afresh; the rest need only which
    /// listings are near, which is kept for the places searched most.
    func nearby(within miles: Double, of place: Place, withDots: Bool) -> LocationIndex.Nearby {
        let collect = { locations.nearby(within: miles, of: place, slotCount: ids.count, withDots: withDots) }
        guard !withDots else { return collect() }
        return nearbySets.nearby(for: .init(latitude: place.latitude, longitude: place.longitude, miles: miles), making: collect)
    }
}
