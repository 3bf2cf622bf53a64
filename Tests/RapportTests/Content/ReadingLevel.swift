import Foundation

/// The Flesch–Kincaid grade of a page's Markdown, measured as `scripts/reading-level.py` does:
/// - the text is the Markdown body, link targets, emphasis and heading marks left out;
/// - a sentence ends at `.`, `!` or `?`, and at the end of every paragraph, list item and heading;
/// - a word is a run of letters (apostrophes inside kept);
/// - syllables are groups of vowels (a e i o u y), one fewer for a silent final "e", at least one.
enum ReadingLevel {
    static func grade(_ markdown: String) -> (grade: Double, words: Int) {
        var sentences = 0, words = 0, syllables = 0
        for block in blocks(markdown) {
            for sentence in block.split(whereSeparator: { ".!?".contains($0) }) {
                let found = wordsIn(String(sentence))
                guard !found.isEmpty else { continue }
                sentences += 1
                words += found.count
                syllables += found.map(syllableCount).reduce(0, +)
            }
        }
        guard words > 0 else { return (0, 0) }
        return (0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59, words)
    }

    static func blocks(_ markdown: String) -> [String] {
        var result: [String] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { result.append(paragraph.joined(separator: " ")) }
            paragraph = []
        }
        for line in markdown.components(separatedBy: "\n") {
            let stripped = line.trimmingCharacters(in: .whitespaces)
            let item = stripped.range(of: #"^([-*+]|\d+[.)])\s+"#, options: .regularExpression)
            if stripped.isEmpty || stripped.hasPrefix("#") || item != nil {
                flush()
                if stripped.hasPrefix("#") {
                    result.append(String(stripped.drop { $0 == "#" }).trimmingCharacters(in: .whitespaces))
                } else if let item {
                    paragraph = [String(stripped[item.upperBound...])]
                }
                continue
            }
            paragraph.append(stripped)
        }
        flush()
        return result.map {
            $0.replacingOccurrences(of: #"!?\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
                .replacingOccurrences(of: "[*_`>]", with: "", options: .regularExpression)
        }.filter { $0.contains(where: \.isLetter) }
    }

    static func wordsIn(_ text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: "[A-Za-z]+(?:'[A-Za-z]+)*") else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    static func syllableCount(_ word: String) -> Int {
        let lower = word.lowercased().replacingOccurrences(of: "'", with: "")
        var groups = 0
        var inVowels = false
        for character in lower {
            let vowel = "aeiouy".contains(character)
            if vowel && !inVowels { groups += 1 }
            inVowels = vowel
        }
        if lower.hasSuffix("e") && groups > 1 { groups -= 1 }
        return max(1, groups)
    }
}
