import Foundation

/// What a reviewer should look at twice before approving an article: claims nobody can prove,
/// promises of complete confidentiality (there are always limits, such as risk of harm), and
/// details that might identify a client. These are warnings, not rules: the words can be fine
/// in context ("there is no cure-all"), so an admin may approve anyway, and that is logged.
enum ArticleChecks {
    struct Warning: Encodable, Sendable, Equatable {
        let kind: String
        let excerpt: String
    }

    private static let rules: [(kind: String, pattern: String, caseInsensitive: Bool)] = [
        ("A claim nobody can prove", #"\b(cure[sd]?|curing|guarantee[sd]?|guaranteed)\b"#, true),
        ("A claim nobody can prove", #"\b100\s?(%|per\s?cent|percent)"#, true),
        ("A promise of complete confidentiality", #"\b(complete(ly)?|total(ly)?|full(y)?|absolute(ly)?|100\s?%)\s+confidential(ity)?\b"#, true),
        ("Possibly a client's details: a name with an age", #"\b[A-Z][a-z]+\s?(,\s?|\()(aged\s)?\d{1,2}\)?[,.)\s]"#, false),
        ("Possibly a client's details: a name with an age", #"\b[A-Z][a-z]+,?\s(aged|age)\s\d{1,2}\b"#, false),
        ("Possibly a client's details: a name with an age", #"\b[A-Z][a-z]+,?\s(a|an)\s\d{1,2}-year-old\b"#, false),
        ("Possibly a client's details: a street", #"\b(\d{1,4}\s)?([A-Z][a-z]+\s){1,2}(Street|Road|Lane|Avenue|Close|Drive|Crescent|Terrace|Gardens|Grove|Square|Mews)\b"#, false),
    ]

    static func warnings(in text: String) -> [Warning] {
        var found: [Warning] = []
        let range = NSRange(text.startIndex..., in: text)
        for rule in rules {
            guard let expression = try? NSRegularExpression(pattern: rule.pattern, options: rule.caseInsensitive ? [.caseInsensitive] : []) else { continue }
            for match in expression.matches(in: text, range: range).prefix(5) {
                guard let matched = Range(match.range, in: text) else { continue }
                let warning = Warning(kind: rule.kind, excerpt: excerpt(around: matched, in: text))
                if !found.contains(warning) { found.append(warning) }
            }
        }
        return found
    }

    /// About 60 characters either side of the match, on word boundaries, so the reviewer can
    /// judge it in context.
    static func excerpt(around range: Range<String.Index>, in text: String) -> String {
        let start = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
        var slice = String(text[start..<end]).replacingOccurrences(of: "\n", with: " ")
        if start != text.startIndex, let space = slice.firstIndex(of: " ") { slice = "…" + slice[slice.index(after: space)...] }
        if end != text.endIndex, let space = slice.lastIndex(of: " ") { slice = slice[..<space] + "…" }
        return slice
    }
}
