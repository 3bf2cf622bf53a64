import Vapor

/// The search API's answer written as JSON directly. Foundation's `JSONEncoder` took about a
/// millisecond for a page of twenty practitioners: a third of the request. The keys and shapes
/// are those of `APIPractitioner`'s `Codable` form, which single practitioners and data exports
/// still use; `SearchAPITests` checks the two give the same JSON.
extension APIPractitionerList {
    func encodeResponse(for request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: jsonBytes)))
    }

    var json: String { String(decoding: jsonBytes, as: UTF8.self) }

    var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writer.object {
            $0.field("total", total)
            $0.field("page", page)
            $0.field("per_page", perPage)
            $0.key("results")
            $0.array(results) { writer, practitioner in practitioner.write(to: &writer) }
        }
        return writer.bytes
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
/// finite numbers, booleans and null. It writes UTF-8 bytes, which the response sends as they are.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false
    private static let hexDigits = Array("0123456789abcdef".utf8)

    init() {
        // A page of twenty practitioners is about 16 KB: one allocation instead of a dozen.
        bytes.reserveCapacity(24 * 1024)
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout JSONWriter, Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for element in elements { write(&self, element) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { appendQuoted(value) } else { bytes.append(contentsOf: "null".utf8) }
        needsComma = true
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func field(_ name: String, _ value: Double?) {
        key(name)
        // Swift writes the shortest text that reads back as the same number, as JSON allows.
        bytes.append(contentsOf: (value.map { $0.isFinite ? "\($0)" : "null" } ?? "null").utf8)
        needsComma = true
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
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
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Quotes and escapes: `"` and `\` with a backslash, control characters as `\n`, `\r`,
    /// `\t` or `\u00XX`. Every other byte of the UTF-8 is written as it is.
    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: value.utf8)
        } else {
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
                case ..<0x20:
                    bytes.append(contentsOf: #"\u00"#.utf8)
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 15)])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
