import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("Therapist and coach directory pages")
struct DirectoryTests {
    @Test(arguments: TestDatabase.all)
    func therapistsAndCoachesAreListedSeparately(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app, name: "Thea Therapist")
            try await PractitionerFixture.make(on: app, name: "Cole Coach", kind: .coach, approaches: ["life-coaching"])
            try await app.testing().test(.GET, "/therapists") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<h1>Find a therapist</h1>"))
                #expect(response.text.contains("Thea Therapist"))
                #expect(!response.text.contains("Cole Coach"))
                #expect(response.text.contains("1 practitioner<"))
            }
            try await app.testing().test(.GET, "/coaches") { response in
                #expect(response.text.contains("Cole Coach"))
                #expect(!response.text.contains("Thea Therapist"))
            }
            try await app.testing().test(.GET, "/find?topic=interpersonal-relationships") { response in
                #expect(response.text.contains("Cole Coach") && response.text.contains("Thea Therapist"))
                #expect(response.text.contains("<strong>Interpersonal relationships</strong>"))
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func resultsComeTwentyAPageWithLinksBetweenPages(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await DemoSeeder(app: app).seed(count: 45, seed: 3, today: LondonCalendar.today())
            let total = try await Practitioner.query(on: app.db).count()
            try await app.testing().test(.GET, "/find?page=2") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Page 2 of 3"))
                #expect(response.text.contains(#"href="/find?page=1" rel="prev""#))
                #expect(response.text.contains(#"href="/find?page=3" rel="next""#))
                #expect(response.text.components(separatedBy: #"<li class="card">"#).count - 1 == 20)
                #expect(response.text.contains("\(total) practitioners"))
            }
            // Out-of-range pages are brought back into range rather than failing.
            try await app.testing().test(.GET, "/find?page=1000000000") { #expect($0.text.contains("Page 3 of 3")) }
            try await app.testing().test(.GET, "/find?page=-4") { #expect($0.text.contains("Page 1 of 3")) }
        }
    }
}
