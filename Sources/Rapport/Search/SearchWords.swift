import Foundation

/// The plain words of a `q` search. Never query syntax: quotes, `*`, `:`, `-`, `NEAR` and `AND`
/// are just text, so a person cannot break or widen a search by accident.
struct SearchWords: Sendable, Equatable {
    /// Lower-case words, in order, without the common words both databases ignore.
    let terms: [String]

    /// `nil` when nothing searchable is left ("the", "***").
    init?(_ text: String) {
        let words = text.lowercased()
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_GB"))
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
            .filter { !Self.stopWords.contains($0) }
        var seen = Set<String>()
        let terms = words.filter { seen.insert($0).inserted }.prefix(12)
        guard !terms.isEmpty else { return nil }
        self.terms = Array(terms)
    }

    /// SQLite FTS5: every term quoted, so nothing in it is an operator; adjacent terms AND.
    var fts5Query: String {
        terms.map { "\"\($0)\"" }.joined(separator: " ")
    }

    /// PostgreSQL: the words for `plainto_tsquery`, which ANDs them and knows no syntax.
    var plainText: String {
        terms.joined(separator: " ")
    }

    /// PostgreSQL's `english` stop words. SQLite's FTS5 keeps every word, so they are dropped
    /// here for both, and the two databases agree on what matches.
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
