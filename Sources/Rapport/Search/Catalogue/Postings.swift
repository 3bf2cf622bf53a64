/// The listings that have one value of a many-valued field (a topic, a language, a word stem),
/// in slot order: a sorted list while few listings have it, a bit set once many do. Past one
/// listing in 32 the bit set is the smaller, and common words are in most listings, so this
/// roughly halves the catalogue and spares a rebuild from growing huge lists.
struct Postings: Sendable {
    private var list: [SearchCatalogue.Slot] = []
    private var bits: SlotSet?
    private(set) var count = 0

    init() {}

    /// `slot` must be larger than any added before. `listingCount`: how many listings the
    /// catalogue will hold, which decides when a bit set becomes the smaller.
    mutating func append(_ slot: SearchCatalogue.Slot, listingCount: Int) {
        count += 1
        if bits != nil {
            bits!.insert(slot)
            return
        }
        list.append(slot)
        if list.count >= 64, list.count > listingCount / 32 {
            bits = SlotSet(list, size: listingCount)
            list = []
        }
    }

    mutating func shrinkToFit() {
        list.shrinkToFit()
    }

    /// Every slot, in increasing order.
    func forEach(_ body: (SearchCatalogue.Slot) -> Void) {
        if let bits { bits.forEach(body) } else { list.forEach(body) }
    }

    /// The postings as a bit set, when they are kept as one.
    var bitSet: SlotSet? { bits }

    func slotSet(size: Int) -> SlotSet {
        bits ?? SlotSet(list, size: size)
    }

    func cursor() -> PostingsCursor {
        PostingsCursor(list: list, bits: bits)
    }
}

/// A set of slots as bits: membership is one shift and one mask.
struct SlotSet: Sendable {
    private var words: [UInt64]

    init(size: Int) {
        words = Array(repeating: 0, count: (size + 63) / 64)
    }

    init(_ slots: [SearchCatalogue.Slot], size: Int) {
        self.init(size: size)
        for slot in slots { insert(slot) }
    }

    /// A set of `size` slots filled by `fill`, for loops that add thousands: a `Filler` writes
    /// straight to the words, without the copy-on-write check each `insert` makes.
    init(size: Int, filling fill: (Filler) -> Void) {
        self.init(size: size)
        words.withUnsafeMutableBufferPointer { fill(Filler(words: $0)) }
    }

    struct Filler {
        fileprivate let words: UnsafeMutableBufferPointer<UInt64>

        /// Whether it was new. `slot` must be less than the set's size.
        @inline(__always) @discardableResult
        func insert(_ slot: SearchCatalogue.Slot) -> Bool {
            let (index, mask) = SlotSet.bit(of: slot)
            let isNew = words[index] & mask == 0
            words[index] |= mask
            return isNew
        }
    }

    /// Which word holds `slot`, and its bit there.
    @inline(__always)
    fileprivate static func bit(of slot: SearchCatalogue.Slot) -> (word: Int, mask: UInt64) {
        (Int(slot) >> 6, 1 << (UInt64(slot) & 63))
    }

    /// How many 64-slot words the set spans.
    var wordCount: Int { words.count }

    /// Slots `64 * index` to `64 * index + 63`, the lowest bit first; 0 past the end.
    @inline(__always)
    func word(at index: Int) -> UInt64 {
        index < words.count ? words[index] : 0
    }

    func contains(_ slot: SearchCatalogue.Slot) -> Bool {
        let (index, mask) = Self.bit(of: slot)
        return index < words.count && words[index] & mask != 0
    }

    /// Whether it was new.
    @discardableResult
    mutating func insert(_ slot: SearchCatalogue.Slot) -> Bool {
        let (index, mask) = Self.bit(of: slot)
        if index >= words.count { words.append(contentsOf: repeatElement(0, count: index - words.count + 1)) }
        let isNew = words[index] & mask == 0
        words[index] |= mask
        return isNew
    }

    /// The slots in every one of `sets` (at least one), sized `size`. Each set is ANDed into the
    /// answer in a pass of its own over plain words, which the compiler turns into vector
    /// instructions: at a million, six sets take a few microseconds each, where ANDing word by
    /// word across the sets (a branch and a bounds check per word and set) took a fifth of a
    /// results page's time.
    static func intersection(of sets: [SlotSet], size: Int) -> SlotSet {
        precondition(!sets.isEmpty, "the intersection of no sets is everything, which needs no set")
        var answer = SlotSet(size: size)
        answer.words.withUnsafeMutableBufferPointer { answer in
            sets[0].words.withUnsafeBufferPointer { first in
                for index in 0..<min(answer.count, first.count) { answer[index] = first[index] }
            }
            for set in sets.dropFirst() {
                set.words.withUnsafeBufferPointer { other in
                    let shared = min(answer.count, other.count)
                    for index in 0..<shared { answer[index] &= other[index] }
                    // A set that stops short has none of the slots past its end.
                    for index in shared..<answer.count { answer[index] = 0 }
                }
            }
        }
        return answer
    }

    /// How many members: one population count per word.
    var count: Int {
        words.withUnsafeBufferPointer { words in words.reduce(0) { $0 + $1.nonzeroBitCount } }
    }

    /// Keeps only the members `keep` accepts (asked in increasing order) and says how many are
    /// left.
    mutating func removeAll(butThose keep: (SearchCatalogue.Slot) -> Bool) -> Int {
        var kept = 0
        words.withUnsafeMutableBufferPointer { words in
            for index in words.indices where words[index] != 0 {
                var remaining = words[index]
                var word = remaining
                while remaining != 0 {
                    let bit = remaining & (0 &- remaining)
                    remaining &= remaining - 1
                    if !keep(SearchCatalogue.Slot(index << 6 | bit.trailingZeroBitCount)) { word &= ~bit }
                }
                words[index] = word
                kept += word.nonzeroBitCount
            }
        }
        return kept
    }

    /// Keeps only the members whose value in `values` (by slot) is at most `limit`, and says
    /// how many are left. Each word's 64 values are compared without a branch and the answers
    /// ANDed in at once: at a million, checking member by member took 8 ms.
    mutating func keepOnly(valuesIn values: [Int32], atMost limit: Int32) -> Int {
        var kept = 0
        words.withUnsafeMutableBufferPointer { words in
            values.withUnsafeBufferPointer { values in
                for index in words.indices where words[index] != 0 {
                    let first = index << 6
                    let end = min(first + 64, values.count)
                    var withinLimit: UInt64 = 0
                    if first < end {
                        for slot in first..<end { withinLimit |= UInt64(values[slot] <= limit ? 1 : 0) << UInt64(slot - first) }
                    }
                    words[index] &= withinLimit
                    kept += words[index].nonzeroBitCount
                }
            }
        }
        return kept
    }

    /// Takes every member of `other` out of this set, 64 at a time, and says how many were here.
    @discardableResult
    mutating func subtract(_ other: SlotSet) -> Int {
        var removed = 0
        for index in 0..<min(words.count, other.words.count) {
            let both = words[index] & other.words[index]
            removed += both.nonzeroBitCount
            words[index] &= ~both
        }
        return removed
    }

    /// Every member, in increasing order.
    func forEach(_ body: (SearchCatalogue.Slot) -> Void) {
        for (index, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                body(SearchCatalogue.Slot(index << 6 | remaining.trailingZeroBitCount))
                remaining &= remaining - 1
            }
        }
    }
}

/// Answers "is this slot in the list?" for slots asked in increasing order, by galloping
/// forward from the last answer: a walk of a few steps instead of a search of the whole list.
struct PostingsCursor {
    private let postings: [SearchCatalogue.Slot]
    private let bits: SlotSet?
    private var index = 0

    fileprivate init(list: [SearchCatalogue.Slot], bits: SlotSet?) {
        postings = list
        self.bits = bits
    }

    mutating func contains(_ slot: SearchCatalogue.Slot) -> Bool {
        if let bits { return bits.contains(slot) }
        guard index < postings.count, postings[index] < slot else { return index < postings.count && postings[index] == slot }
        // postings[index] < slot: find the first position holding slot or more.
        var low = index
        var step = 1
        while low + step < postings.count && postings[low + step] < slot {
            low += step
            step *= 2
        }
        var high = min(low + step, postings.count)
        low += 1
        while low < high {
            let middle = (low + high) / 2
            if postings[middle] < slot { low = middle + 1 } else { high = middle }
        }
        index = low
        return index < postings.count && postings[index] == slot
    }
}

