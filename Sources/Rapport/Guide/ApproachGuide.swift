import Foundation

/// Applies `ApproachRules` to one person's answers. Pure: it reads nothing, keeps nothing, and
/// the same answers always give the same suggestions.
enum ApproachGuide {
    struct Suggestion: Sendable, Equatable {
        let approach: String
        let points: Int
        /// Each begins "Because you said…" and quotes their answer.
        let reasons: [String]
    }

    /// One to three approaches, most points first; ties keep `ApproachRules.approaches` order.
    static func suggest(for answers: GuideAnswers, rules: [ApproachRule] = ApproachRules.rules) -> [Suggestion] {
        var points: [String: Int] = [:]
        var reasons: [String: [String]] = [:]
        for rule in rules {
            guard let said = said(rule.when, in: answers) else { continue }
            points[rule.approach, default: 0] += rule.points
            if rule.points > 0 {
                reasons[rule.approach, default: []].append("Because you said \(said), \(name(of: rule.approach)) may suit you. \(rule.because.prefix(1).uppercased())\(rule.because.dropFirst())")
            }
        }
        let order = Dictionary(uniqueKeysWithValues: ApproachRules.approaches.enumerated().map { ($1.slug, $0) })
        let ranked = points.filter { $0.value > 0 }
            .sorted { ($1.value, order[$0.key] ?? .max) < ($0.value, order[$1.key] ?? .max) }
        let strong = ranked.filter { $0.value >= ApproachRules.pointsToSuggest }
        let chosen = strong.isEmpty ? Array(ranked.prefix(1)) : Array(strong.prefix(ApproachRules.mostSuggestions))
        return chosen.map { Suggestion(approach: $0.key, points: $0.value, reasons: reasons[$0.key] ?? []) }
    }

    /// The approach's name as it reads mid-sentence.
    static func name(of slug: String) -> String {
        ApproachRules.approaches.first { $0.slug == slug }?.inASentence ?? slug
    }

    /// What the person said that the rule looks for, as the reason will quote it; nil when the
    /// rule does not apply to these answers.
    static func said(_ when: ApproachRule.When, in answers: GuideAnswers) -> String? {
        switch when {
        case .who(let who): answers.who == who ? who.said : nil
        case .change(let change): answers.changes.contains(change) ? change.said : nil
        case .focus(let focus): answers.focus == focus ? focus.said : nil
        case .together(let together): answers.together == together ? together.said : nil
        case .help(let help): answers.help == help ? help.said : nil
        case .words(_, let phrases): quote(of: phrases, in: answers.happening).map { "“\($0)”" }
        }
    }

    /// The part of their own words that holds one of `phrases`: the sentence it is in, or, for a
    /// long sentence, a few words either side.
    static func quote(of phrases: [String], in text: String) -> String? {
        let sentences = text.split { ".!?\n".contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }
        for sentence in sentences {
            let words = CrisisPhrases.words(in: sentence)
            guard let at = firstMatch(of: phrases, in: words) else { continue }
            let shown = sentence.split(separator: " ", omittingEmptySubsequences: true)
            guard shown.count > quoteWords else { return sentence }
            // Words and shown words line up closely enough to centre the window on the match.
            let middle = min(at, shown.count - 1)
            let start = max(0, min(middle - quoteWords / 2, shown.count - quoteWords))
            let window = shown[start..<(start + quoteWords)].joined(separator: " ")
            return (start > 0 ? "…" : "") + window + (start + quoteWords < shown.count ? "…" : "")
        }
        return nil
    }

    private static let quoteWords = 14

    private static func firstMatch(of phrases: [String], in words: [Substring]) -> Int? {
        for phrase in phrases {
            let wanted = CrisisPhrases.words(in: phrase)
            guard !wanted.isEmpty, wanted.count <= words.count else { continue }
            for start in 0...(words.count - wanted.count) where words[start..<(start + wanted.count)].elementsEqual(wanted) {
                return start
            }
        }
        return nil
    }
}
