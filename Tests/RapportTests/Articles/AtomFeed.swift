import Foundation
import NIOCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An Atom feed read with a real XML parser, and checked against what RFC 4287 requires: a
/// feed `id`, `title` and `updated`; on every entry an `id`, `title`, `updated`, an author
/// (its own or the feed's), a summary, and `content type="html"`. A feed that breaks any of
/// these does not parse.
struct AtomFeed {
    struct Entry {
        var id = ""
        var title = ""
        var updated = ""
        var link = ""
        var authorName = ""
        var summary = ""
        var content = ""
        var contentType = ""
    }

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    var id = ""
    var title = ""
    var updated = ""
    var authorName = ""
    var entries: [Entry] = []

    static func parse(_ body: ByteBuffer) throws -> AtomFeed {
        let reader = Reader()
        let parser = XMLParser(data: Data(body.readableBytesView))
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        guard parser.parse() else { throw Invalid(description: "not well-formed XML: \(parser.parserError.map(String.init(describing:)) ?? "?")") }
        guard reader.rootIsAtom else { throw Invalid(description: "the root is not an Atom <feed>") }
        let feed = reader.feed
        let stamp = Date.ISO8601FormatStyle()
        for (name, value) in [("id", feed.id), ("title", feed.title), ("updated", feed.updated)] where value.isEmpty {
            throw Invalid(description: "the feed has no \(name)")
        }
        guard (try? stamp.parse(feed.updated)) != nil else { throw Invalid(description: "feed updated is not RFC 3339: \(feed.updated)") }
        for entry in feed.entries {
            for (name, value) in [("id", entry.id), ("title", entry.title), ("updated", entry.updated), ("summary", entry.summary), ("content", entry.content)] where value.isEmpty {
                throw Invalid(description: "an entry has no \(name)")
            }
            guard entry.contentType == "html" else { throw Invalid(description: "content is not type=html") }
            guard (try? stamp.parse(entry.updated)) != nil else { throw Invalid(description: "entry updated is not RFC 3339") }
            guard !entry.authorName.isEmpty || !feed.authorName.isEmpty else { throw Invalid(description: "an entry has no author") }
        }
        return feed
    }

    private final class Reader: NSObject, XMLParserDelegate {
        static let namespace = "http://www.w3.org/2005/Atom"
        var feed = AtomFeed()
        var rootIsAtom = false
        private var path: [String] = []
        private var entry: Entry?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if path.isEmpty { rootIsAtom = name == "feed" && namespaceURI == Self.namespace }
            path.append(name)
            text = ""
            if name == "entry" { entry = Entry() }
            if name == "link", entry != nil, attributes["rel"] ?? "alternate" == "alternate" { entry?.link = attributes["href"] ?? "" }
            if name == "content" { entry?.contentType = attributes["type"] ?? "text" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let parent = path.dropLast().last
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if entry != nil {
                switch (parent, name) {
                case ("entry", "id"): entry?.id = value
                case ("entry", "title"): entry?.title = value
                case ("entry", "updated"): entry?.updated = value
                case ("entry", "summary"): entry?.summary = value
                case ("entry", "content"): entry?.content = value
                case ("author", "name"): entry?.authorName = value
                case (_, "entry"): feed.entries.append(entry!); entry = nil
                default: break
                }
            } else {
                switch (parent, name) {
                case ("feed", "id"): feed.id = value
                case ("feed", "title"): feed.title = value
                case ("feed", "updated"): feed.updated = value
                case ("author", "name"): feed.authorName = value
                default: break
                }
            }
            path.removeLast()
            text = ""
        }
    }
}
