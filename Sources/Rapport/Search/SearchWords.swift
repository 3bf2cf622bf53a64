import Foundation

/// The plain words of a `q` search. Never query syntax: quotes, `*`, `:`, `-`, `NEAR` and `AND`
/// are just text, so a person cannot break or widen a search by accident.
struct SearchWords: Sendable, Equatable {
    /// Lower-case words, in order, without words too common to narrow a search.
    let terms: [String]

    /// `nil` when nothing searchable is left ("the", "***").
    init?(_ text: String) {
        var seen = Set<String>()
        let terms = Self.words(in: text).filter { !Self.stopWords.contains($0) && seen.insert($0).inserted }.prefix(12)
        guard !terms.isEmpty else { return nil }
        self.terms = Array(terms)
    }

    /// The stems a practitioner's text must contain, one per term (English word forms alike:
    /// "relationships" and "relationship" share one).
    var stems: [String] {
        var seen = Set<String>()
        return terms.map(PorterStemmer.stem).filter { seen.insert($0).inserted }
    }

    /// Lower-case words with accents removed, split at anything that is not a letter or digit.
    /// Searches and the texts they are matched against are split the same way.
    static func words(in text: String) -> [String] {
        // Most text is plain ASCII: splitting its bytes directly is many times faster than
        // folding, which matters when indexing 100,000 profiles.
        guard text.utf8.allSatisfy({ $0 < 128 }) else {
            return text.lowercased()
                .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_GB"))
                .split { !($0.isLetter || $0.isNumber) }
                .map(String.init)
        }
        var words: [String] = []
        var current: [UInt8] = []
        func endWord() {
            guard !current.isEmpty else { return }
            words.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case 65...90: current.append(byte + 32)
            case 97...122, 48...57: current.append(byte)
            default: endWord()
            }
        }
        endWord()
        return words
    }

    /// Words too common to narrow a search (PostgreSQL's `english` list). They are dropped from
    /// searches only; a search of nothing but these is no word search at all.
    static let stopWords: Set<String> = [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are",
        "was", "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
        "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about",
        "against", "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up",
        "down", "in", "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when",
        "where", "why", "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor",
        "not", "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
    ]
}
