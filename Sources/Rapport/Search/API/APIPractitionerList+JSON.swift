import Vapor

/// The search API's answer written as JSON directly. Foundation's `JSONEncoder` took about a
/// millisecond for a page of twenty practitioners: a third of the request. The keys and shapes
/// are those of `APIPractitioner`'s `Codable` form, which single practitioners and data exports
/// still use; `SearchAPITests` checks the two give the same JSON.
extension APIPractitionerList {
    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: json))
    }

    var json: String {
        var writer = JSONWriter()
        writer.object {
            $0.field("total", total)
            $0.field("page", page)
            $0.field("per_page", perPage)
            $0.key("results")
            $0.array(results) { writer, practitioner in practitioner.write(to: &writer) }
        }
        return writer.text
    }
}

extension APIPractitioner {
    fileprivate func write(to writer: inout JSONWriter) {
        writer.object {
            $0.field("id", id)
            $0.field("slug", slug)
            $0.field("kind", kind)
            $0.field("name", name)
            $0.field("headline", headline)
            $0.field("verified", verified)
            $0.field("topics", topics)
            $0.field("approaches", approaches)
            $0.field("formats", formats)
            $0.field("fee_min_pence", feeMinPence)
            $0.field("fee_max_pence", feeMaxPence)
            $0.field("concessions", concessions)
            $0.field("free_first_conversation", freeFirstConversation)
            $0.field("languages", languages)
            $0.field("gender", gender)
            $0.field("works_with", worksWith)
            $0.field("accepting_new_clients", acceptingNewClients)
            $0.field("availability_confirmed_on", availabilityConfirmedOn)
            $0.key("locations")
            $0.array(locations) { writer, location in
                writer.object {
                    $0.field("place", location.place)
                    $0.field("lat", location.lat)
                    $0.field("lon", location.lon)
                }
            }
            $0.field("distance_miles", distanceMiles)
            $0.field("url", url)
        }
    }
}

/// Just enough of a JSON writer for the API's own values: objects, arrays, strings, integers,
/// finite numbers, booleans and null.
struct JSONWriter {
    private(set) var text = ""
    private var needsComma = false

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        text += "{"
        needsComma = false
        body(&self)
        text += "}"
        needsComma = true
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout JSONWriter, Element) -> Void) {
        separate()
        text += "["
        needsComma = false
        for element in elements { write(&self, element) }
        text += "]"
        needsComma = true
    }

    mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        text += ":"
        needsComma = false
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { appendQuoted(value) } else { text += "null" }
        needsComma = true
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        text += String(value)
        needsComma = true
    }

    mutating func field(_ name: String, _ value: Double?) {
        key(name)
        // Swift writes the shortest text that reads back as the same number, as JSON allows.
        text += value.map { $0.isFinite ? "\($0)" : "null" } ?? "null"
        needsComma = true
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
        needsComma = true
    }

    mutating func field(_ name: String, _ values: [String]) {
        key(name)
        array(values) { writer, value in
            writer.separate()
            writer.appendQuoted(value)
            writer.needsComma = true
        }
    }

    private mutating func separate() {
        if needsComma { text += "," }
    }

    /// Quotes and escapes: `"` and `\` with a backslash, control characters as `\u00XX`.
    private mutating func appendQuoted(_ value: String) {
        text += "\""
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            text += value
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
