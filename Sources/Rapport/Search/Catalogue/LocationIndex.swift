import Foundation

/// Every practitioner location, in rows a tenth of a degree of latitude high (about seven
/// miles) and sorted by longitude within each row, so a search near a place looks only at the
/// locations in a box around it: a few rows, and in each a binary search to the box's edge.
struct LocationIndex: Sendable {
    private static let rowHeight = 0.1

    private var latitudes: [Double] = []
    private var longitudes: [Double] = []
    private var vectors: [UnitVector] = []
    private var slots: [SearchCatalogue.Slot] = []
    /// The lowest row, and where each row from it starts: row `firstRow + r` is
    /// `rowStarts[r]..<rowStarts[r + 1]`.
    private var firstRow = 0
    private var rowStarts: [Int] = [0]
    /// The most locations any one listing has: ranking by distance keeps that many keys per
    /// result, as each of a listing's locations is offered on its own.
    private(set) var mostPerListing = 0

    mutating func add(latitude: Double, longitude: Double, slot: SearchCatalogue.Slot) {
        latitudes.append(latitude)
        longitudes.append(longitude)
        vectors.append(UnitVector(latitude: latitude, longitude: longitude))
        slots.append(slot)
    }

    /// Called once, after the last `add`.
    mutating func sortIntoRows() {
        // Added in slot order, so each listing's locations are side by side.
        var run = 0
        for index in slots.indices {
            run = index > 0 && slots[index - 1] == slots[index] ? run + 1 : 1
            mostPerListing = max(mostPerListing, run)
        }
        let rows = latitudes.map(Self.row)
        let order = latitudes.indices.sorted { (rows[$0], longitudes[$0]) < (rows[$1], longitudes[$1]) }
        latitudes = order.map { latitudes[$0] }
        longitudes = order.map { longitudes[$0] }
        vectors = order.map { vectors[$0] }
        slots = order.map { slots[$0] }
        let sortedRows = order.map { rows[$0] }
        firstRow = sortedRows.first ?? 0
        let rowCount = (sortedRows.last ?? firstRow) - firstRow + 1
        rowStarts = Array(repeating: 0, count: rowCount + 1)
        // Count each row's locations, then turn the counts into starting positions.
        for row in sortedRows { rowStarts[row - firstRow + 1] += 1 }
        for index in 1..<rowStarts.count { rowStarts[index] += rowStarts[index - 1] }
    }

    private static func row(_ latitude: Double) -> Int { Int((latitude / rowHeight).rounded(.down)) }

    /// The listings with a location within `miles` (inclusive) of `place`.
    struct Nearby: Sendable {
        let members: SlotSet
        let count: Int
    }

    func nearby(within miles: Double, of place: Place, slotCount: Int) -> Nearby {
        var count = 0
        let members = SlotSet(size: slotCount) { members in
            forEachLocation(within: miles, of: place) { slot, _ in
                if members.insert(slot) { count += 1 }
            }
        }
        return Nearby(members: members, count: count)
    }

    /// Calls `body` with the slot of every location within `miles` (inclusive) of `place`, and
    /// its dot product to `place` (larger is nearer). A listing with several is called for each.
    func forEachLocation(within miles: Double, of place: Place, _ body: (SearchCatalogue.Slot, Double) -> Void) {
        // A box a little larger than the circle narrows the candidates cheaply; the dot
        // product then decides exactly.
        let latitudeSpan = miles / 69.0 * 1.05
        let longitudeSpan = miles / (69.172 * max(0.2, cos(place.latitude * .pi / 180))) * 1.05
        let (west, east) = (place.longitude - longitudeSpan, place.longitude + longitudeSpan)
        let (south, north) = (place.latitude - latitudeSpan, place.latitude + latitudeSpan)
        let point = place.unitVector
        let minimumDot = UnitVector.minimumDot(withinMiles: miles)
        // The rows the box overlaps, limited to those that hold any location (none when empty).
        let rows = stride(from: max(Self.row(south), firstRow), through: min(Self.row(north), firstRow + rowStarts.count - 2), by: 1)
        for row in rows {
            var index = firstIndex(atOrEastOf: west, from: rowStarts[row - firstRow], to: rowStarts[row - firstRow + 1])
            let end = rowStarts[row - firstRow + 1]
            while index < end && longitudes[index] <= east {
                defer { index += 1 }
                guard latitudes[index] >= south && latitudes[index] <= north else { continue }
                let dot = vectors[index].dot(point)
                guard dot >= minimumDot else { continue }
                body(slots[index], dot)
            }
        }
    }

    private func firstIndex(atOrEastOf longitude: Double, from start: Int, to end: Int) -> Int {
        var low = start
        var high = end
        while low < high {
            let middle = (low + high) / 2
            if longitudes[middle] < longitude { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
