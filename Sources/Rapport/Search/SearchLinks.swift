import Foundation

/// Builds the addresses of a search page from the parameters in use, so every link (remove a
/// filter, next page, widen the radius) keeps the rest of the search as it was.
struct SearchLinks: Sendable {
    let path: String
    /// Only the parameters a search knows, so unknown ones are not carried along.
    let values: [String: String]

    init(path: String, query: [String: String]) {
        self.path = path
        self.values = query.filter { Self.known.contains($0.key) && !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    private static let known = Set(SearchParameter.all.filter { !$0.apiOnly }.map(\.name))

    func href(setting changes: [String: String?] = [:]) -> String {
        var values = self.values
        // Any change other than paging starts again from the first page.
        if !changes.keys.contains("page") { values["page"] = nil }
        for (name, value) in changes { values[name] = value }
        let query = values
            .sorted { (Self.order[$0.key] ?? 99, $0.key) < (Self.order[$1.key] ?? 99, $1.key) }
            .map { Self.encoded($0.key) + "=" + Self.encoded($0.value) }
            .joined(separator: "&")
        return query.isEmpty ? path : path + "?" + query
    }

    /// Parameters appear in the order `SearchParameter.all` lists them.
    private static let order = Dictionary(SearchParameter.all.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// Percent-encodes all but the characters a query value may hold as they are: letters,
    /// digits, `-._~` and `!$'()*,;:@/?`. `&`, `=` and `+` are encoded, because our parser (like
    /// browsers) reads `+` as a space.
    static func encoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                bytes.append(byte)
            case _ where Self.keptAsIs.contains(byte):
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let keptAsIs = Set("-._~!$'()*,;:@/?".utf8)
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    func removing(_ names: String...) -> String {
        href(setting: Dictionary(uniqueKeysWithValues: names.map { ($0, nil) }))
    }
}
