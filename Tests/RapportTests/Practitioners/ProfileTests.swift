import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("Practitioner profile pages")
struct ProfileTests {
    @Test(arguments: TestDatabase.all)
    func aVerifiedProfileShowsEverythingStructured(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app, name: "Ada Example", topics: ["interpersonal-relationships", "anxiety"])
            try await app.testing().test(.GET, "/practitioners/ada-example") { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<title>Ada Example, therapist – Rapport</title>"))
                #expect(html.contains(#"href="/need-help-with/anxiety">Anxiety</a>"#))
                #expect(html.contains(#"href="/approaches/interpersonal-therapy">"#))
                #expect(html.contains("£60 to £75 a session. Lower fees available"))
                #expect(html.contains("A free 20-minute first conversation"))
                #expect(html.contains("In person, Online"))
                #expect(html.contains("Harrogate"))
                #expect(html.contains("Individuals, Couples"))
                #expect(html.contains("English"))
                #expect(html.contains("MSc Interpersonal Psychotherapy"))
                #expect(html.contains("number 123456"))
                #expect(html.contains("Credentials checked by Rapport"))
                #expect(html.contains(#"<a class="button" href="/practitioners/ada-example/get-in-touch">Get in touch</a>"#))
            }
            try await app.testing().test(.GET, "/practitioners/ada-example/get-in-touch") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h1>Get in touch with Ada Example</h1>"))
            }
        }
    }

    @Test func structuredDataIsValidJSONThatCannotCloseItsScript() async throws {
        try await withRapport(.sqlite) { app in
            var fixture = PractitionerFixture(name: "Evil Name")
            fixture.headline = "</script><script>alert(1)</script> & more"
            try await fixture.create(on: app)
            let html = try await app.testing().sendRequest(.GET, "/practitioners/evil-name").body.string
            let start = try #require(html.range(of: #"<script type="application/ld+json">"#))
            let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
            let json = String(html[start.upperBound..<end.lowerBound])
            #expect(!json.contains("<") && !json.contains(">"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["@type"] as? String == "Person")
            #expect(object["name"] as? String == "Evil Name")
            #expect(object["description"] as? String == "</script><script>alert(1)</script> & more")
            #expect(object["url"] as? String == "http://127.0.0.1:8080/practitioners/evil-name")
        }
    }

    @Test(arguments: TestDatabase.all)
    func unverifiedHiddenAndSuspendedProfilesAreNotFound(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app, name: "Pending One", verification: .pending)
            try await PractitionerFixture.make(on: app, name: "Rejected One", verification: .rejected)
            try await PractitionerFixture.make(on: app, name: "Hidden One", visibility: .hidden)
            try await PractitionerFixture.make(on: app, name: "Suspended One", visibility: .suspended)
            for slug in ["pending-one", "rejected-one", "hidden-one", "suspended-one", "never-existed"] {
                for path in ["/practitioners/\(slug)", "/practitioners/\(slug)/get-in-touch", "/api/v1/practitioners/\(slug)"] {
                    try await app.testing().test(.GET, path) { response in
                        #expect(response.status == .notFound, "\(path)")
                        #expect(!response.text.contains("One"))
                    }
                }
            }
        }
    }
}
