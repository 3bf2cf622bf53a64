/// Markup written in Swift, for the few views too busy for Leaf (see the README's "Why the
/// layout and the search results are not Leaf templates").
///
/// It works like a template: the literal text is markup, and every interpolated `String` is
/// escaped. Only another `HTML` value is inserted as it is, so unescaped text cannot slip in by
/// accident.
///
///     let card: HTML = "<h3><a href=\"\(card.href)\">\(card.name)</a></h3>"
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation {
    private(set) var markup: String

    static let empty = HTML(markup: "")

    private init(markup: String) {
        self.markup = markup
    }

    init(stringLiteral literal: String) {
        markup = literal
    }

    init(stringInterpolation: Interpolation) {
        markup = stringInterpolation.markup
    }

    /// A Leaf template's output: Leaf has already escaped what it interpolated.
    init(renderedTemplate markup: String) {
        self.markup = markup
    }

    /// Each part in turn, with nothing between them.
    init(joining parts: some Sequence<HTML>) {
        markup = parts.reduce(into: "") { $0 += $1.markup }
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Text: escaped, so it is shown exactly as written and never read as markup.
        mutating func appendInterpolation(_ text: String) {
            HTML.appendEscaped(text, to: &markup)
        }

        mutating func appendInterpolation(_ number: Int) {
            markup += String(number)
        }

        mutating func appendInterpolation(_ html: HTML) {
            markup += html.markup
        }

        /// Nothing when absent: for optional parts of a page.
        mutating func appendInterpolation(_ html: HTML?) {
            if let html { markup += html.markup }
        }

        mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { markup += part.markup }
        }
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }

    /// The five characters that can end an attribute or start markup, as entities. Most text
    /// has none of them and is appended in one go.
    private static func appendEscaped(_ text: String, to markup: inout String) {
        let needsEscaping = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.contains(where: isSpecial) }
            ?? text.utf8.contains(where: isSpecial)
        guard needsEscaping else {
            markup += text
            return
        }
        for character in text.unicodeScalars {
            switch character {
            case "&": markup += "&amp;"
            case "<": markup += "&lt;"
            case ">": markup += "&gt;"
            case "\"": markup += "&quot;"
            case "'": markup += "&#39;"
            default: markup.unicodeScalars.append(character)
            }
        }
    }
}

extension HTML {
    /// `when` is true: the markup; otherwise nothing. For attributes and optional parts.
    static func when(_ condition: Bool, _ html: HTML) -> HTML {
        condition ? html : .empty
    }
}
