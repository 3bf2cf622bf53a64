import Foundation

/// The OpenAPI 3.1 description of the JSON API, generated from the same parameter list the
/// parser uses (`SearchParameter.all`), so the document cannot drift from the code. Topic and
/// approach parameters are declared as the slugs the database holds (`Taxonomy`).
struct OpenAPIDocument: Sendable {
    /// The slugs a `topic` or `approach` parameter accepts.
    struct Taxonomy: Sendable {
        let topics: [String]
        let approaches: [String]
    }

    let taxonomy: Taxonomy

    var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(document)) ?? Data()
    }

    /// Every path the document describes, for the test that compares it with the routes.
    static var paths: [String] { OpenAPIDocument(taxonomy: .init(topics: [], approaches: [])).pathItems.map(\.path) }

    /// True when `path` (such as `/api/v1/practitioners/sam-okafor`) is one of the documented
    /// paths, a `{slug}` standing for any one segment.
    static func declares(path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        return paths.contains { pattern in
            let expected = pattern.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            return expected.count == segments.count
                && zip(expected, segments).allSatisfy { $0.hasPrefix("{") ? !$1.isEmpty : $0 == $1 }
        }
    }

    var document: JSONValue {
        .object([
            "openapi": "3.1.0",
            "info": .object([
                "title": "Rapport API",
                "version": "1.0.0",
                "description": "Find verified therapists and coaches in the UK. Read-only; no key needed.",
            ]),
            "paths": .object(Dictionary(uniqueKeysWithValues: pathItems.map { ($0.path, $0.item) })),
            "components": .object(["schemas": Self.schemas]),
        ])
    }

    private static let errorResponse: JSONValue = .object([
        "description": "The request could not be answered; `error.code` says why.",
        "content": .object(["application/json": .object(["schema": ref("Error")])]),
    ])

    private static func ref(_ name: String) -> JSONValue { .object(["$ref": .string("#/components/schemas/\(name)")]) }

    private static func ok(_ description: String, _ schema: JSONValue) -> JSONValue {
        .object(["description": .string(description), "content": .object(["application/json": .object(["schema": schema])])])
    }

    private func get(_ summary: String, parameters: [JSONValue], responses: [String: JSONValue]) -> JSONValue {
        .object(["get": .object([
            "summary": .string(summary),
            "parameters": .array(parameters),
            "responses": .object(responses),
        ])])
    }

    private var pathItems: [(path: String, item: JSONValue)] {
        let searchParameters = SearchParameter.all.map(parameter)
        let slug: JSONValue = .object([
            "name": "slug", "in": "path", "required": true, "schema": .object(["type": "string"]),
        ])
        let prefix: JSONValue = .object([
            "name": "prefix", "in": "query", "required": true,
            "description": "The start of a place name or label, any case or accents.",
            "schema": .object(["type": "string", "minLength": 1, "maxLength": 100]),
        ])
        return [
            ("/api/v1/practitioners", get(
                "Search verified practitioners", parameters: searchParameters,
                responses: ["200": Self.ok("One page of results.", Self.ref("PractitionerList")), "400": Self.errorResponse])),
            ("/api/v1/practitioners/{slug}", get(
                "One practitioner in full", parameters: [slug],
                responses: ["200": Self.ok("The practitioner.", Self.ref("PractitionerDetail")), "404": Self.errorResponse])),
            ("/api/v1/topics", get(
                "Every topic", parameters: [],
                responses: ["200": Self.ok("Topics by name.", .object(["type": "array", "items": Self.ref("TaxonomyEntry")]))])),
            ("/api/v1/approaches", get(
                "Every approach", parameters: [],
                responses: ["200": Self.ok("Approaches by name.", .object(["type": "array", "items": Self.ref("TaxonomyEntry")]))])),
            ("/api/v1/places", get(
                "Places for autocomplete", parameters: [prefix],
                responses: [
                    "200": Self.ok("Up to 10 places, larger first.", .object(["type": "array", "items": Self.ref("Place"), "maxItems": 10])),
                    "400": Self.errorResponse,
                ])),
            ("/api/openapi.json", get(
                "This document", parameters: [],
                responses: ["200": .object(["description": "OpenAPI 3.1", "content": .object(["application/json": .object([:])])])])),
        ]
    }

    private func parameter(_ parameter: SearchParameter) -> JSONValue {
        let schema: JSONValue =
            switch (parameter.kind, parameter.taxonomy) {
            case (_, .topics?):
                .object(["type": "string", "enum": .array(taxonomy.topics.map(JSONValue.string))])
            case (_, .approaches?):
                .object(["type": "string", "enum": .array(taxonomy.approaches.map(JSONValue.string))])
            case (.text(let maxLength), nil):
                .object(["type": "string", "maxLength": .int(maxLength)])
            case (.integer(let minimum, let maximum, let fallback), nil):
                .object(["type": "integer", "minimum": .int(minimum), "maximum": .int(maximum)]).adding("default", fallback.map(JSONValue.int))
            case (.choice(let values, let fallback), nil):
                .object(["type": "string", "enum": .array(values.map(JSONValue.string))]).adding("default", fallback.map(JSONValue.string))
            case (.flag, nil):
                .object(["type": "string", "enum": ["true", "false"]])
            }
        return .object([
            "name": .string(parameter.name), "in": "query", "required": false,
            "description": .string(parameter.summary), "schema": schema,
        ])
    }

    private static func object(_ properties: [String: JSONValue], required: [String]? = nil) -> JSONValue {
        .object([
            "type": "object",
            "properties": .object(properties),
            "required": .array((required ?? properties.keys.sorted()).map(JSONValue.string)),
            "additionalProperties": false,
        ])
    }

    private static let string: JSONValue = .object(["type": "string"])
    private static let strings: JSONValue = .object(["type": "array", "items": string])
    private static let boolean: JSONValue = .object(["type": "boolean"])
    private static let integer: JSONValue = .object(["type": "integer", "minimum": 0])
    private static let number: JSONValue = .object(["type": "number"])

    private static var practitionerProperties: [String: JSONValue] {
        [
            "id": .object(["type": "string", "format": "uuid"]),
            "slug": string,
            "kind": .object(["type": "string", "enum": .array(PractitionerKind.allCases.map { .string($0.rawValue) })]),
            "name": string, "headline": string, "verified": boolean,
            "topics": strings, "approaches": strings,
            "formats": .object(["type": "array", "items": .object(["type": "string", "enum": .array(SessionFormat.allCases.map { .string($0.rawValue) })])]),
            "fee_min_pence": integer, "fee_max_pence": integer,
            "concessions": boolean, "free_first_conversation": boolean,
            "languages": strings,
            "gender": .object(["type": ["string", "null"], "enum": .array(Gender.allCases.map { .string($0.rawValue) } + [.null])]),
            "works_with": .object(["type": "array", "items": .object(["type": "string", "enum": .array(ClientGroup.allCases.map { .string($0.rawValue) })])]),
            "accepting_new_clients": boolean,
            "availability_confirmed_on": .object(["type": "string", "format": "date"]),
            "locations": .object(["type": "array", "items": ref("Location")]),
            "distance_miles": .object(["type": ["number", "null"], "minimum": 0]),
            "url": string,
        ]
    }

    private static var schemas: JSONValue {
        let nullableString: JSONValue = .object(["type": ["string", "null"]])
        return .object([
            "Practitioner": object(practitionerProperties),
            "PractitionerDetail": object(
                practitionerProperties.merging([
                    "about": string, "qualifications": string,
                    "professional_body": nullableString, "registration_number": nullableString,
                ]) { $1 }),
            "PractitionerList": object([
                "total": integer, "page": .object(["type": "integer", "minimum": 1]),
                "per_page": .object(["type": "integer", "minimum": 1, "maximum": .int(SearchParameter.maximumPerPage)]),
                "results": .object(["type": "array", "items": ref("Practitioner")]),
            ]),
            "Location": object(["place": string, "lat": number, "lon": number]),
            "TaxonomyEntry": object(["slug": string, "name": string, "summary": string]),
            "Place": object(["label": string, "name": string, "county": string, "lat": number, "lon": number]),
            "Error": object([
                "error": object(
                    [
                        "code": .object(["type": "string", "enum": ["invalid_parameter", "unknown_place", "ambiguous_place", "not_found", "method_not_allowed", "error"]]),
                        "message": string,
                        "parameter": string,
                        "candidates": strings,
                    ], required: ["code", "message"])
            ]),
        ])
    }
}

/// Just enough JSON to write the OpenAPI document as data rather than as strings.
indirect enum JSONValue: Encodable, Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }

    func adding(_ key: String, _ value: JSONValue?) -> JSONValue {
        guard case .object(var members) = self, let value else { return self }
        members[key] = value
        return .object(members)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
