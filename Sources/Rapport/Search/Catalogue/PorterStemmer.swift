/// Martin Porter's 1980 stemming algorithm (the one SQLite's `porter` tokenizer uses), so
/// "relationships", "relationship" and "relational" meet at one stem. It works on lower-case ASCII
/// letters; any other word is returned unchanged.
///
/// Written from the published description (https://tartarus.org/martin/PorterStemmer/def.txt);
/// the step and rule names below follow it.
enum PorterStemmer {
    static func stem(_ word: String) -> String {
        var letters = Array(word.utf8)
        guard letters.count > 2, letters.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        var stemmer = Stemming(letters)
        stemmer.run()
        return String(decoding: stemmer.word, as: UTF8.self)
    }
}

private struct Stemming {
    var word: [UInt8]

    init(_ word: [UInt8]) { self.word = word }

    mutating func run() {
        step1a(); step1b(); step1c(); step2(); step3(); step4(); step5()
    }

    // MARK: - Measures and conditions over word[0..<end]

    private func isConsonant(_ index: Int) -> Bool {
        switch word[index] {
        case 97, 101, 105, 111, 117: return false // a e i o u
        case 121: return index == 0 ? true : !isConsonant(index - 1) // y
        default: return true
        }
    }

    /// m: the number of vowel-consonant sequences in the first `end` letters.
    private func measure(_ end: Int) -> Int {
        var count = 0
        var index = 0
        while index < end && isConsonant(index) { index += 1 }
        while index < end {
            while index < end && !isConsonant(index) { index += 1 }
            guard index < end else { break }
            count += 1
            while index < end && isConsonant(index) { index += 1 }
        }
        return count
    }

    private func hasVowel(_ end: Int) -> Bool {
        (0..<end).contains { !isConsonant($0) }
    }

    /// *d: ends in a double consonant.
    private func endsWithDoubleConsonant(_ end: Int) -> Bool {
        end >= 2 && word[end - 1] == word[end - 2] && isConsonant(end - 1)
    }

    /// *o: ends consonant-vowel-consonant, where the last is not w, x or y.
    private func endsCVC(_ end: Int) -> Bool {
        guard end >= 3, isConsonant(end - 1), !isConsonant(end - 2), isConsonant(end - 3) else { return false }
        return ![119, 120, 121].contains(word[end - 1])
    }

    private func endsWith(_ suffix: String) -> Bool {
        let suffix = suffix.utf8
        return word.count >= suffix.count && word.suffix(suffix.count).elementsEqual(suffix)
    }

    /// Replaces `suffix` by `replacement` when the stem before it satisfies `condition`.
    /// Returns whether the suffix was there at all, which ends a step's search either way.
    @discardableResult
    private mutating func replace(_ suffix: String, with replacement: String, when condition: (Int) -> Bool) -> Bool {
        guard endsWith(suffix) else { return false }
        let stemEnd = word.count - suffix.utf8.count
        if condition(stemEnd) {
            word.removeLast(suffix.utf8.count)
            word.append(contentsOf: replacement.utf8)
        }
        return true
    }

    private func measureAbove(_ minimum: Int) -> (Int) -> Bool {
        { self.measure($0) > minimum }
    }

    // MARK: - Steps

    private mutating func step1a() {
        if endsWith("sses") { word.removeLast(2) }
        else if endsWith("ies") { word.removeLast(2) }
        else if endsWith("ss") { return }
        else if endsWith("s") { word.removeLast() }
    }

    private mutating func step1b() {
        if endsWith("eed") {
            if measure(word.count - 3) > 0 { word.removeLast() }
            return
        }
        var removed = false
        for suffix in ["ed", "ing"] where endsWith(suffix) {
            let stemEnd = word.count - suffix.utf8.count
            if hasVowel(stemEnd) {
                word.removeLast(suffix.utf8.count)
                removed = true
            }
            break
        }
        guard removed else { return }
        if endsWith("at") || endsWith("bl") || endsWith("iz") {
            word.append(101) // e
        } else if endsWithDoubleConsonant(word.count), ![108, 115, 122].contains(word[word.count - 1]) {
            word.removeLast() // not l, s or z
        } else if measure(word.count) == 1 && endsCVC(word.count) {
            word.append(101)
        }
    }

    private mutating func step1c() {
        if endsWith("y") && hasVowel(word.count - 1) {
            word[word.count - 1] = 105 // i
        }
    }

    private static let step2Rules: [(String, String)] = [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
        ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
        ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
        ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
    ].sorted { $0.0.count > $1.0.count } // the longest matching suffix wins

    private static let step3Rules: [(String, String)] = [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ].sorted { $0.0.count > $1.0.count }

    private static let step4Suffixes = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
        "ate", "iti", "ous", "ive", "ize",
    ].sorted { $0.count > $1.count }

    private mutating func step2() {
        for (suffix, replacement) in Self.step2Rules
        where replace(suffix, with: replacement, when: measureAbove(0)) { return }
    }

    private mutating func step3() {
        for (suffix, replacement) in Self.step3Rules
        where replace(suffix, with: replacement, when: measureAbove(0)) { return }
    }

    private mutating func step4() {
        for suffix in Self.step4Suffixes where endsWith(suffix) {
            let stemEnd = word.count - suffix.utf8.count
            let allowed = suffix == "ion" ? stemEnd > 0 && [115, 116].contains(word[stemEnd - 1]) : true // s or t
            if allowed && measure(stemEnd) > 1 { word.removeLast(suffix.utf8.count) }
            return
        }
    }

    private mutating func step5() {
        if endsWith("e") {
            let stemEnd = word.count - 1
            let m = measure(stemEnd)
            if m > 1 || (m == 1 && !endsCVC(stemEnd)) { word.removeLast() }
        }
        if measure(word.count) > 1 && endsWithDoubleConsonant(word.count) && word[word.count - 1] == 108 { // l
            word.removeLast()
        }
    }
}
