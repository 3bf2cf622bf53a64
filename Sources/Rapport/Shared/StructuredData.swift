import Foundation

/// schema.org data as JSON that is safe inside `<script type="application/ld+json">`: built as
/// data and encoded, never assembled from strings, with the characters that could close the
/// element or start markup written as Unicode escapes.
enum StructuredData {
    static func scriptSafeJSON(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
