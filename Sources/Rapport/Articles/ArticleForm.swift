import Foundation
import Vapor

/// The article editor's fields, and the checks a draft must pass before it goes for review.
/// Saving and previewing keep whatever is there; sending for review shows every problem at once.
struct ArticleForm {
    static let minimumWords = 300
    static let maximumWords = 5_000
    static let topicRange = 1...5
    static let maximumApproaches = 3
    static let wordsPerMinute = 200
    /// The one renderer for practitioners' writing: web and email links only, marked as theirs.
    static let renderer = MarkdownRenderer(allowsSitePaths: false, marksLinksAsUserContent: true)

    struct Input: Content {
        var title: String?
        var summary: String?
        var markdown: String?
        var topics: [String]?
        var approaches: [String]?
        var includesInvitation: String?
        var ownWork: String?
        /// `save`, `preview` or `submit`.
        var action: String?

        enum CodingKeys: String, CodingKey {
            case title, summary, markdown, topics, approaches, includesInvitation = "includes_invitation"
            case ownWork = "own_work", action
        }
    }

    struct Checked: Sendable {
        let title: String
        let summary: String
        let markdown: String
        let topics: [String]
        let approaches: [String]
        let includesInvitation: Bool
    }

    static func text(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// What a draft holds, trimmed and limited to known tags; never refused.
    static func draft(_ input: Input, topics: Set<String>, approaches: Set<String>) -> Checked {
        Checked(
            title: String(text(input.title).prefix(200)), summary: String(text(input.summary).prefix(400)),
            markdown: String((input.markdown ?? "").prefix(60_000)),
            topics: (input.topics ?? []).filter(topics.contains), approaches: (input.approaches ?? []).filter(approaches.contains),
            includesInvitation: input.includesInvitation == "yes")
    }

    /// Every problem that stops a draft going for review.
    static func problems(for draft: Checked, ownWork: Bool) -> FormProblems {
        var problems = FormProblems()
        problems.require((5...120).contains(draft.title.count), "title", "Please give your article a title of 5 to 120 characters.")
        problems.require((10...200).contains(draft.summary.count), "summary", "Please write a one-line summary of 10 to 200 characters: it shows in lists and feeds.")
        let words = wordCount(draft.markdown)
        if words < minimumWords {
            problems.add("markdown", "Please write at least \(minimumWords) words. It has \(words) so far.")
        } else if words > maximumWords {
            problems.add("markdown", "Please keep it to \(maximumWords.formatted()) words. It has \(words.formatted()).")
        }
        let refused = linkTargets(in: draft.markdown).filter { !isAllowedLink($0) }
        if !refused.isEmpty {
            problems.add("markdown", "Links may only go to web pages (http or https) or email addresses (mailto). Please change: \(refused.prefix(3).joined(separator: ", ")).")
        }
        problems.require(topicRange.contains(draft.topics.count), "topics", "Please choose between 1 and 5 topics it is about.")
        problems.require(draft.approaches.count <= maximumApproaches, "approaches", "Please choose at most 3 approaches.")
        problems.require(ownWork, "own_work", "Please confirm it is your own work and holds nothing that could identify a client.")
        return problems
    }

    static func wordCount(_ markdown: String) -> Int {
        MarkdownRenderer().plainText(markdown).split { !($0.isLetter || $0.isNumber || $0 == "'") }.count
    }

    static func readingMinutes(_ markdown: String) -> Int {
        max(1, Int((Double(wordCount(markdown)) / Double(wordsPerMinute)).rounded(.up)))
    }

    /// Every link target written in Markdown: inline `[text](target)`, autolinks `<target>`, and
    /// reference definitions `[name]: target`.
    static func linkTargets(in markdown: String) -> [String] {
        let patterns = [#"\]\(\s*<?([^)\s>]*)"#, #"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>"#, #"(?m)^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$"#]
        return patterns.flatMap { pattern -> [String] in
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
            let range = NSRange(markdown.startIndex..., in: markdown)
            return expression.matches(in: markdown, range: range).compactMap { Range($0.range(at: 1), in: markdown).map { String(markdown[$0]) } }
        }
    }

    static func isAllowedLink(_ target: String) -> Bool {
        renderer.safeTarget(target) != nil
    }
}
