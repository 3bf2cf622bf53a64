import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("The JSON API")
struct SearchAPITests {
    func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    /// The list is written by hand for speed; it must be exactly the JSON the Codable form gives.
    @Test func theHandWrittenListIsTheSameJSONAsTheCodableOne() throws {
        let awkward = PractitionerSummary(
            id: UUID(), slug: "ann-o-brien", kind: .coach, name: "Ann \"Annie\" O'Brien\\", headline: "Line one\nline\ttwo \u{1}é 🌿 </script>",
            isVerified: true, topicSlugs: ["anxiety", "grief"], approaches: [.init(slug: "cbt", name: "CBT")], formats: [.online, .phone],
            feeMinPence: 4500, feeMaxPence: 6050, concessions: true, freeFirstConversation: false, languages: ["Welsh", "English"],
            gender: nil, clientGroups: [.couples], acceptingNewClients: false, availabilityConfirmedOn: "2026-02-28",
            locations: [.init(placeLabel: "Newport, Wales", latitude: 51.588, longitude: -2.9977), .init(placeLabel: "York", latitude: 54, longitude: -1.0815)])
        let plain = PractitionerSummary(
            id: UUID(), slug: "b", kind: .therapist, name: "B", headline: "", isVerified: true, topicSlugs: [], approaches: [], formats: [],
            feeMinPence: 0, feeMaxPence: 0, concessions: false, freeFirstConversation: false, languages: [], gender: .nonBinary,
            clientGroups: [], acceptingNewClients: true, availabilityConfirmedOn: "2026-11-22", locations: [])
        for results in [[], [APIPractitioner(awkward, distanceMiles: 3.14159), APIPractitioner(plain, distanceMiles: nil)]] {
            let list = APIPractitionerList(total: 1_234, page: 2, perPage: 20, results: results)
            let written = try JSONSerialization.jsonObject(with: Data(list.json.utf8)) as? NSDictionary
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(list)) as? NSDictionary
            #expect(written != nil)
            #expect(written == encoded)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aPractitionerHasEveryContractedField(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            let response = try await app.testing().sendRequest(.GET, "/api/v1/practitioners?near=Harrogate&language=Welsh")
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            let body = try json(response)
            #expect(Set(body.keys) == ["total", "page", "per_page", "results"])
            let result = try #require((body["results"] as? [[String: Any]])?.first)
            #expect(Set(result.keys) == [
                "id", "slug", "kind", "name", "headline", "verified", "topics", "approaches", "formats", "fee_min_pence",
                "fee_max_pence", "concessions", "free_first_conversation", "languages", "gender", "works_with",
                "accepting_new_clients", "availability_confirmed_on", "locations", "distance_miles", "url",
            ])
            #expect(result["slug"] as? String == "welsh-speaker")
            #expect(result["kind"] as? String == "therapist")
            #expect(result["verified"] as? Bool == true)
            #expect(result["topics"] as? [String] == ["family-issues"])
            #expect(result["formats"] as? [String] == ["in_person", "online", "phone"])
            #expect(result["fee_min_pence"] as? Int == 7000)
            #expect(result["languages"] as? [String] == ["English", "Welsh"])
            #expect(result["gender"] as? String == "male")
            #expect(result["works_with"] as? [String] == ["families"])
            #expect(result["url"] as? String == "/practitioners/welsh-speaker")
            #expect(result["distance_miles"] as? Double == 0)
            let location = try #require((result["locations"] as? [[String: Any]])?.first)
            #expect(location["place"] as? String == "Harrogate")
            // A location's place is a label that `near` accepts.
            #expect(app.gazetteer.resolve(location["place"] as! String) == .found(app.gazetteer.place(labelled: "Harrogate")!))

            let detail = try await app.testing().sendRequest(.GET, "/api/v1/practitioners/welsh-speaker")
            let full = try json(detail)
            #expect(full["about"] as? String != nil && full["qualifications"] as? String != nil)
            #expect(full["professional_body"] as? String == "British Association for Counselling and Psychotherapy (BACP)")
            #expect(full["registration_number"] as? String == "123456")
            #expect(full["distance_miles"] is NSNull)
        }
    }

    @Test(arguments: TestDatabase.all)
    func badParametersAreRefusedWithTheirName(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let long = String(repeating: "a", count: 10_000)
            let cases: [(String, String)] = [
                ("radius_miles=-5", "radius_miles"), ("radius_miles=101", "radius_miles"), ("radius_miles=ten", "radius_miles"),
                ("page=1000000000", "page"), ("page=0", "page"), ("per_page=101", "per_page"), ("max_fee=-1", "max_fee"),
                ("format=carrier-pigeon", "format"), ("gender=x", "gender"), ("works_with=pets", "works_with"),
                ("accepting=maybe", "accepting"), ("sort=random", "sort"), ("kind=healer", "kind"),
                ("concessions=yes", "concessions"), ("topic=no-such-topic", "topic"), ("approach=nope", "approach"),
                ("sort=nearest", "sort"), ("q=\(long)", "q"),
            ]
            for (query, parameter) in cases {
                let response = try await app.testing().sendRequest(.GET, "/api/v1/practitioners?\(query)")
                #expect(response.status == .badRequest, "\(query.prefix(40))")
                let error = try #require(try json(response)["error"] as? [String: Any])
                #expect(error["code"] as? String == "invalid_parameter", "\(query.prefix(40))")
                #expect(error["parameter"] as? String == parameter, "\(query.prefix(40))")
                #expect((error["message"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func unknownAndAmbiguousPlacesOfferCandidates(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let unknown = try await app.testing().sendRequest(.GET, "/api/v1/practitioners?near=Harrogat")
            #expect(unknown.status == .badRequest)
            let unknownError = try #require(try json(unknown)["error"] as? [String: Any])
            #expect(unknownError["code"] as? String == "unknown_place")
            #expect((unknownError["candidates"] as? [String])?.first == "Harrogate")

            let ambiguous = try await app.testing().sendRequest(.GET, "/api/v1/practitioners?near=newport")
            let ambiguousError = try #require(try json(ambiguous)["error"] as? [String: Any])
            #expect(ambiguousError["code"] as? String == "ambiguous_place")
            let candidates = try #require(ambiguousError["candidates"] as? [String])
            #expect(candidates.contains("Newport, Wales") && candidates.contains("Newport, Isle of Wight"))

            #expect(try await app.apiSearch("near=Newport%2C+Isle+of+Wight").total == 0)

            let missing = try await app.testing().sendRequest(.GET, "/api/v1/practitioners/nobody-here")
            #expect(missing.status == .notFound)
            #expect((try json(missing)["error"] as? [String: Any])?["code"] as? String == "not_found")
        }
    }

    @Test(arguments: TestDatabase.all)
    func taxonomiesAndPlacesAreListed(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let topics = try await app.testing().sendRequest(.GET, "/api/v1/topics")
            let topicList = try #require(JSONSerialization.jsonObject(with: Data(topics.body.readableBytesView)) as? [[String: String]])
            #expect(topicList.count == app.content.topics.count)
            #expect(topicList.allSatisfy { Set($0.keys) == ["slug", "name", "summary"] })
            let approaches = try await app.testing().sendRequest(.GET, "/api/v1/approaches")
            let approachList = try #require(JSONSerialization.jsonObject(with: Data(approaches.body.readableBytesView)) as? [[String: String]])
            #expect(approachList.contains { $0["slug"] == "interpersonal-therapy" })

            let places = try await app.testing().sendRequest(.GET, "/api/v1/places?prefix=HARROG")
            let placeList = try #require(JSONSerialization.jsonObject(with: Data(places.body.readableBytesView)) as? [[String: Any]])
            #expect(placeList.first?["label"] as? String == "Harrogate")
            let harrogate = try #require(app.gazetteer.place(labelled: "Harrogate"))
            #expect(placeList.first?["lat"] as? Double == harrogate.latitude)
            let many = try await app.testing().sendRequest(.GET, "/api/v1/places?prefix=b")
            #expect((try JSONSerialization.jsonObject(with: Data(many.body.readableBytesView)) as? [Any])?.count == 10)
            let empty = try await app.testing().sendRequest(.GET, "/api/v1/places")
            #expect(empty.status == .badRequest)
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryAPIRoute() async throws {
        try await withRapport(.sqlite) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/openapi.json")
            #expect(response.status == .ok)
            let document = try json(response)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            let apiRoutes = app.routes.all.filter { $0.path.first?.description == "api" }
            #expect(apiRoutes.count >= 6)
            for route in apiRoutes {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                let item = paths[path] as? [String: Any]
                #expect(item?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is not in the OpenAPI document")
            }
            // Every search parameter is described with its type and limits.
            let search = try #require((paths["/api/v1/practitioners"] as? [String: Any])?["get"] as? [String: Any])
            let parameters = try #require(search["parameters"] as? [[String: Any]])
            #expect(Set(parameters.compactMap { $0["name"] as? String }) == Set(SearchParameter.all.map(\.name)))
            let radius = try #require(parameters.first { $0["name"] as? String == "radius_miles" }?["schema"] as? [String: Any])
            #expect(radius["minimum"] as? Int == 1 && radius["maximum"] as? Int == 100 && radius["default"] as? Int == 10)
        }
    }
}
