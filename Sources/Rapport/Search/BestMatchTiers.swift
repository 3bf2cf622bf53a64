/// The page of a best-match search with words, found without ranking every match.
///
/// Best match orders by: availability confirmed recently or not, then how many of the words are
/// in prominent text (more first), then the day's shuffle. The first two take few values, so the
/// matches fall into a few tiers, and how many are in each is counted for all listings at once,
/// 64 to a machine word. Within a tier the order is the day's shuffle, so a tier's share of the
/// page is found by walking the day's order (when the tier is large, that is a few steps per
/// result) or by ranking only that tier's members (when it is small).
struct BestMatchTiers {
    let matches: SlotSet
    let fresh: SlotSet
    let prominent: [SlotSet]

    /// Fresh with every word prominent, fresh with one fewer, … fresh with none, then the same
    /// for stale: the order best match puts them in.
    private var tierCount: Int { 2 * (prominent.count + 1) }

    /// The slots at `positions` (counted from 0) in best-match order. `dailyOrder` is every
    /// listing in the order of best match without words: fresh before stale, then the shuffle.
    func page(positions: Range<Int>, dailyOrder: [SearchCatalogue.Slot], shuffleKeys: [Int32]) -> [SearchCatalogue.Slot] {
        let sizes = tierSizes()
        let freshCount = fresh.count
        var page: [SearchCatalogue.Slot] = []
        var tierStart = 0
        for tier in 0..<tierCount where tierStart < positions.upperBound {
            let size = sizes[tier]
            defer { tierStart += size }
            // This tier's part of the page, counted within the tier.
            let (first, end) = (max(0, positions.lowerBound - tierStart), min(size, positions.upperBound - tierStart))
            guard first < end else { continue }
            let wanted = first..<end
            let isFreshTier = tier <= prominent.count
            // The day's order holds the fresh listings first; a walk looks only where the tier can be.
            let stretch = isFreshTier ? dailyOrder[..<freshCount] : dailyOrder[freshCount...]
            let expectedWalk = wanted.upperBound * stretch.count / max(1, size)
            if expectedWalk <= 4 * size {
                var found: [SearchCatalogue.Slot] = []
                for slot in stretch where tierOf(slot) == tier {
                    found.append(slot)
                    if found.count == wanted.upperBound { break }
                }
                page += found[wanted]
            } else {
                var best = BestKeys(capacity: wanted.upperBound)
                forEachMember(ofTier: tier) { slot in
                    best.offer(RankKey(primary: 0, shuffle: Int(shuffleKeys[Int(slot)]), slot: slot, nearness: nil))
                }
                page += best.sorted()[wanted].map(\.slot)
            }
        }
        return page
    }

    /// The tier of a listing that matches, or -1 for one that does not.
    private func tierOf(_ slot: SearchCatalogue.Slot) -> Int {
        guard matches.contains(slot) else { return -1 }
        var prominentWords = 0
        for words in prominent where words.contains(slot) { prominentWords += 1 }
        return (fresh.contains(slot) ? 0 : prominent.count + 1) + prominent.count - prominentWords
    }

    /// How many matches are in each tier.
    private func tierSizes() -> [Int] {
        var sizes = Array(repeating: 0, count: tierCount)
        for index in 0..<matches.wordCount {
            let matching = matches.word(at: index)
            guard matching != 0 else { continue }
            let counts = ProminentCounts(prominent, at: index)
            let freshWord = fresh.word(at: index)
            for wordsAbsent in 0...prominent.count {
                let exactly = matching & counts.exactly(prominent.count - wordsAbsent)
                sizes[wordsAbsent] += (exactly & freshWord).nonzeroBitCount
                sizes[prominent.count + 1 + wordsAbsent] += (exactly & ~freshWord).nonzeroBitCount
            }
        }
        return sizes
    }

    /// Every member of `tier`, in slot order.
    private func forEachMember(ofTier tier: Int, _ body: (SearchCatalogue.Slot) -> Void) {
        let isFreshTier = tier <= prominent.count
        let prominentWords = prominent.count - tier % (prominent.count + 1)
        for index in 0..<matches.wordCount {
            let matching = matches.word(at: index)
            guard matching != 0 else { continue }
            let freshWord = isFreshTier ? fresh.word(at: index) : ~fresh.word(at: index)
            var members = matching & freshWord & ProminentCounts(prominent, at: index).exactly(prominentWords)
            while members != 0 {
                body(SearchCatalogue.Slot(index << 6 | members.trailingZeroBitCount))
                members &= members - 1
            }
        }
    }
}

/// For 64 listings at once, how many of the words each has in prominent text: a binary counter
/// per listing, kept bit by bit across four machine words (`ones`, `twos`, `fours`, `eights`).
/// At most 12 words are searched (`SearchWords`), so four bits always hold the count.
private struct ProminentCounts {
    private var ones: UInt64 = 0
    private var twos: UInt64 = 0
    private var fours: UInt64 = 0
    private var eights: UInt64 = 0

    /// The counts for slots `64 * index` to `64 * index + 63`.
    init(_ prominent: [SlotSet], at index: Int) {
        for words in prominent {
            // Adding one to each listing whose bit is set, carrying as in long addition.
            var carry = words.word(at: index)
            (ones, carry) = (ones ^ carry, ones & carry)
            (twos, carry) = (twos ^ carry, twos & carry)
            (fours, carry) = (fours ^ carry, fours & carry)
            eights ^= carry
        }
    }

    /// The listings that have exactly `count` of the words in prominent text.
    func exactly(_ count: Int) -> UInt64 {
        (count & 1 != 0 ? ones : ~ones) & (count & 2 != 0 ? twos : ~twos)
            & (count & 4 != 0 ? fours : ~fours) & (count & 8 != 0 ? eights : ~eights)
    }
}
