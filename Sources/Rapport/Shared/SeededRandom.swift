import Foundation

/// SplitMix64: small, fast and the same on every platform, so a demo seed gives the same
/// practitioners everywhere (Swift's own generator is deliberately unseedable).
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// Mixes several numbers into one seed, so (seed, day, batch) streams never overlap.
    init(mixing parts: [UInt64]) {
        var generator = SeededRandom(seed: 0x9E37_79B9_7F4A_7C15)
        var mixed: UInt64 = 0
        for part in parts {
            generator.state ^= part &* 0xBF58_476D_1CE4_E5B9
            mixed = generator.next()
        }
        state = mixed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with the given probability.
    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &self)]
    }

    /// `count` different items, in random order.
    mutating func pick<T>(_ count: Int, from items: [T]) -> [T] {
        var pool = items
        var chosen: [T] = []
        for _ in 0..<min(count, pool.count) {
            chosen.append(pool.remove(at: Int.random(in: 0..<pool.count, using: &self)))
        }
        return chosen
    }

    /// A random UUID (version 4 bits set) drawn from this stream.
    mutating func uuid() -> UUID {
        let high = next()
        let low = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * index))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (8 * index))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// Picks items with probability proportional to their weight, in O(log n) a pick.
struct WeightedPicker<Item> {
    private let items: [Item]
    private let cumulative: [Double]

    init(_ weighted: [(item: Item, weight: Double)]) {
        items = weighted.map(\.item)
        var total = 0.0
        cumulative = weighted.map { total += max(0, $0.weight); return total }
    }

    func pick(using random: inout SeededRandom) -> Item {
        let target = Double.random(in: 0..<(cumulative.last ?? 1), using: &random)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return items[low]
    }
}
