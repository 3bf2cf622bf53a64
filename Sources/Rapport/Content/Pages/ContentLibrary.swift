import Foundation
import NIOConcurrencyHelpers
import Yams

/// One page written in Markdown under `Resources/Content/`: a topic, an approach, or a page of
/// the site (About, Terms…). Its front matter is read with Yams; its body is rendered once, at
/// start, by the one `MarkdownRenderer`.
struct ContentPage: Sendable {
    enum Kind: String, Sendable { case topic, approach, page }

    struct Source: Sendable, Decodable {
        let title: String
        let url: String
    }

    /// What the front matter holds.
    struct FrontMatter: Decodable, Sendable {
        var name: String?
        var title: String?
        var summary: String
        var audience: ApproachAudience?
        var quickExit: Bool?
        var lastReviewed: String
        var nextReview: String
        var sources: [Source]?
        var relatedTopics: [String]?
        var relatedApproaches: [String]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, title, summary, audience, quickExit = "quick_exit", lastReviewed = "last_reviewed", nextReview = "next_review"
            case sources, relatedTopics = "related_topics", relatedApproaches = "related_approaches"
        }
    }

    let kind: Kind
    let slug: String
    let name: String
    let summary: String
    let audience: ApproachAudience?
    let quickExit: Bool
    /// `YYYY-MM-DD`.
    let lastReviewed: String
    let nextReview: String
    let sources: [Source]
    let relatedTopics: [String]
    let relatedApproaches: [String]
    let markdown: String
    let html: String

    /// Every link target inside the page's body, for the test that checks they resolve.
    var linkTargets: [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
    }
}

/// Every content page, read once at start. A page that cannot be read stops the start with one
/// line naming the file and the problem.
struct ContentLibrary: Sendable {
    let topics: [String: ContentPage]
    let approaches: [String: ContentPage]
    let pages: [String: ContentPage]

    private static let loaded = NIOLockedValueBox<[String: ContentLibrary]>([:])

    /// The library of `directory`, read once per process: the files are part of the build, and
    /// rendering them is steady work best done once (tests start many apps).
    static func shared(from directory: String) throws -> ContentLibrary {
        if let library = loaded.withLockedValue({ $0[directory] }) { return library }
        let library = try load(from: directory)
        loaded.withLockedValue { $0[directory] = library }
        return library
    }

    static func load(from directory: String, renderer: MarkdownRenderer = MarkdownRenderer()) throws -> ContentLibrary {
        func folder(_ name: String, _ kind: ContentPage.Kind) throws -> [String: ContentPage] {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            var pages: [String: ContentPage] = [:]
            for file in files.sorted() where file.hasSuffix(".md") {
                let page = try read(path + "/" + file, kind: kind, renderer: renderer)
                pages[page.slug] = page
            }
            return pages
        }
        return ContentLibrary(topics: try folder("topics", .topic), approaches: try folder("approaches", .approach), pages: try folder("pages", .page))
    }

    static func read(_ path: String, kind: ContentPage.Kind, renderer: MarkdownRenderer) throws -> ContentPage {
        let file = URL(fileURLWithPath: path).lastPathComponent
        func problem(_ text: String) -> ConfigurationError { ConfigurationError(variable: "Content file \(file)", problem: text) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw problem("cannot be read") }
        let (yaml, body) = try split(text, problem: problem)
        let matter: ContentPage.FrontMatter
        do {
            matter = try YAMLDecoder().decode(ContentPage.FrontMatter.self, from: yaml)
        } catch {
            throw problem("has front matter that doesn't fit: \(error)")
        }
        guard let name = matter.name ?? matter.title else { throw problem("needs a name (or a title)") }
        for day in [matter.lastReviewed, matter.nextReview] where LondonCalendar.dayNumber(day) == nil {
            throw problem("has a review date that isn't YYYY-MM-DD: \(day)")
        }
        return ContentPage(
            kind: kind, slug: String(file.dropLast(3)), name: name, summary: matter.summary, audience: matter.audience,
            quickExit: matter.quickExit ?? false, lastReviewed: matter.lastReviewed, nextReview: matter.nextReview,
            sources: matter.sources ?? [], relatedTopics: matter.relatedTopics ?? [], relatedApproaches: matter.relatedApproaches ?? [],
            markdown: body, html: renderer.html(body))
    }

    /// The YAML between the opening `---` and the next, and the Markdown after it.
    static func split(_ text: String, problem: (String) -> ConfigurationError) throws -> (String, String) {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { throw problem("must start with front matter between --- lines") }
        return (lines[1..<end].joined(separator: "\n"), lines[(end + 1)...].joined(separator: "\n"))
    }
}
