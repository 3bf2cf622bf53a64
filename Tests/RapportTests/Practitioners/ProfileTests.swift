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
            }
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
                try await app.testing().test(.GET, "/practitioners/\(slug)") { response in
                    #expect(response.status == .notFound, "\(slug)")
                    #expect(!response.text.contains("One"))
                }
            }
        }
    }
}
