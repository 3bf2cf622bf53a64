import Foundation
import Ink

/// The one way Markdown becomes HTML, for content pages and practitioners' articles. Markdown
/// is untrusted, even the project's own files, and Ink 0.6 trusts it: it passes raw HTML
/// through, and writes link URLs, image sources and code-block languages into attributes
/// unescaped. So every such fragment is rebuilt here from its parts:
/// - raw HTML, block or inline, is shown as text;
/// - a link keeps its text, and becomes a link only for http, https and mailto (and, for the
///   site's own pages, a path on this site), checked after entities and escapes are decoded;
///   everything else is shown as text. Links get `rel="nofollow ugc noopener"` when asked;
/// - images are not allowed: their description is shown as text;
/// - code blocks lose their language class.
/// Ink's parser is not `Sendable`, so each render makes its own.
struct MarkdownRenderer: Sendable {
    /// Whether links may point at this site's own pages (`/need-help-with/…`), as content pages do.
    var allowsSitePaths = true
    /// For writing by practitioners: links are marked as user-generated and not endorsed.
    var marksLinksAsUserContent = false

    func html(_ markdown: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .html) { input in Self.escape(String(input.markdown)) })
        parser.addModifier(Modifier(target: .images) { input in Self.imageReplacement(input.markdown) })
        parser.addModifier(Modifier(target: .codeBlocks) { input in Self.codeBlock(input.html) })
        parser.addModifier(Modifier(target: .links) { [self] input in link(input.html, markdown: input.markdown) })
        return parser.html(from: markdown)
    }

    /// The words of the Markdown, for counting and reading level.
    func plainText(_ markdown: String) -> String {
        MarkdownParser().parse(markdown).html
            .replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    }

    private func link(_ html: String, markdown: Substring) -> String {
        // Ink writes `<a href="URL">TEXT</a>` with URL exactly as written after "](".
        guard let open = markdown.range(of: "]("), markdown.hasSuffix(")") else { return Self.textOfLink(markdown) }
        let url = String(markdown[open.upperBound..<markdown.index(before: markdown.endIndex)])
        let prefix = "<a href=\"\(url)\">"
        guard html.hasPrefix(prefix), html.hasSuffix("</a>") else { return Self.textOfLink(markdown) }
        let text = String(html.dropFirst(prefix.count).dropLast(4))
        guard let safe = safeTarget(url) else { return text }
        let rel = marksLinksAsUserContent ? " rel=\"nofollow ugc noopener\"" : (safe.hasPrefix("/") ? "" : " rel=\"noopener\"")
        return "<a href=\"\(Self.escape(safe))\"\(rel)>\(text)</a>"
    }

    /// `url` if it is safe to link to, trimmed; nil to show the link's text alone.
    func safeTarget(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "`" }) else { return nil }
        // What a browser would read: entities and percent-escapes decoded, control characters
        // (which browsers drop inside a scheme) removed.
        let decoded = Self.decodeEntities(trimmed.removingPercentEncoding ?? trimmed)
            .unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && !CharacterSet.whitespaces.contains($0) }
            .map(String.init).joined().lowercased()
        if allowsSitePaths, trimmed.hasPrefix("/"), !trimmed.hasPrefix("//"), !decoded.hasPrefix("//"), !decoded.contains("\\") {
            return trimmed
        }
        for scheme in ["https://", "http://", "mailto:"] where decoded.hasPrefix(scheme) && trimmed.lowercased().hasPrefix(scheme) {
            return trimmed
        }
        return nil
    }

    /// A link shown as its words alone, taken from the Markdown (`[words](…)` or `[words][ref]`),
    /// never from Ink's HTML, whose attribute may hold anything.
    static func textOfLink(_ markdown: Substring) -> String {
        guard let open = markdown.firstIndex(of: "["), let close = markdown.firstIndex(of: "]"), open < close else { return escape(String(markdown)) }
        return escape(String(markdown[markdown.index(after: open)..<close]))
    }

    private static func imageReplacement(_ markdown: Substring) -> String {
        guard let open = markdown.firstIndex(of: "["), let close = markdown.firstIndex(of: "]"), open < close else { return "" }
        let alt = markdown[markdown.index(after: open)..<close]
        return alt.isEmpty ? "" : "<span class=\"image-description\">\(escape(String(alt)))</span>"
    }

    private static func codeBlock(_ html: String) -> String {
        // Ink escapes the code itself, so the last ">" before the end closes the opening tag,
        // whatever the language name held.
        let suffix = "</code></pre>"
        guard html.hasSuffix(suffix) else { return "<pre><code>" + escape(html) + suffix }
        let body = html.dropLast(suffix.count)
        guard let end = body.lastIndex(of: ">") else { return "<pre><code>" + escape(String(body)) + suffix }
        return "<pre><code>" + body[body.index(after: end)...] + suffix
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Named and numeric character references, as a browser decodes them in an attribute.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let end = after.firstIndex(of: ";") ?? after.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "#") }) ?? after.endIndex
            let name = after[..<end]
            var decoded: String?
            if name.hasPrefix("#x") || name.hasPrefix("#X") {
                decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else if name.hasPrefix("#") {
                decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            } else {
                decoded = ["colon": ":", "tab": "\t", "newline": "\n", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "sol": "/"][name.lowercased()]
            }
            if let decoded {
                result += decoded
                rest = end < after.endIndex && after[end] == ";" ? after[after.index(after: end)...] : after[end...]
            } else {
                result += "&"
                rest = after
            }
        }
        return result + rest
    }
}
