import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("Home, crisis and privacy pages")
struct SitePagesTests {
    @Test(arguments: TestDatabase.all)
    func homePageOffersTheSearchAndTheNavigation(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await app.testing().test(.GET, "/") { response in
                #expect(response.status == .ok)
                #expect(response.headers.contentType == .html)
                let html = response.text
                #expect(html.contains("<title>Rapport</title>"))
                #expect(html.contains(#"<a href="/therapists">Find a therapist</a>"#))
                #expect(html.contains(#"<a href="/coaches">Find a coach</a>"#))
                #expect(html.contains(#"<a href="/need-help-with">Need help with</a>"#))
                #expect(html.contains(#"<a class="urgent-link" href="/urgent-help">Need urgent help?</a>"#))
                #expect(html.contains(#"<label for="q">What do you need help with?</label>"#))
                #expect(html.contains(#"<label for="near">Where?</label>"#))
                #expect(html.contains(#"formaction="/coaches">Find a coach</button>"#))
                #expect(html.contains(##"<a class="skip-link" href="#main">"##))
                #expect(html.contains(#"<a href="/login">Log in / register</a>"#))
                #expect(html.contains(#"<a href="/join">Join as a therapist or coach</a>"#))
                #expect(html.contains(#"<a href="/articles">Articles</a>"#))
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func crisisPageCoversAllFourNations(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await app.testing().test(.GET, "/urgent-help") { response in
                #expect(response.status == .ok)
                for fact in ["999", "A&amp;E", "NHS 111", "option 2", "NHS 111 Wales", "press 2", "NHS 24", "Lifeline",
                             "0808 808 8000", "Samaritans", "116 123", "Shout", "85258"] {
                    #expect(response.text.contains(fact), "missing \(fact)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func privacyPageSaysWhatIsKeptAndForHowLong(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await app.testing().test(.GET, "/privacy") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("How long we keep things"))
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func demoBannerAppearsOnlyWhileDemoPractitionersExist(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let banner = "Demo: these practitioners are fictional"
            try await app.testing().test(.GET, "/privacy") { #expect(!$0.text.contains(banner)) }
            try await DemoSeeder(app: app).seed(count: 3, seed: 1, today: LondonCalendar.today())
            try await app.testing().test(.GET, "/privacy") { #expect($0.text.contains(banner)) }
        }
    }

    @Test(arguments: TestDatabase.all)
    func unknownAddressGetsAStyledNotFoundPage(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await app.testing().test(.GET, "/no-such-page") { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("find that page</h1>"))
                #expect(response.text.contains(#"<main id="main""#))
            }
            try await app.testing().test(.GET, "/api/v1/nothing") { response in
                #expect(response.status == .notFound)
                #expect(response.headers.contentType == .json)
                #expect(response.text.contains(#""code":"not_found""#))
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func everyResponseCarriesTheSecurityHeaders(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            for path in ["/", "/urgent-help", "/no-such-page", "/styles/site.css", "/healthz"] {
                try await app.testing().test(.GET, path) { response in
                    let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(policy.contains("object-src 'none'"), "\(path)")
                    #expect(policy.contains("base-uri 'none'"))
                    #expect(policy.contains("frame-ancestors 'none'"))
                    #expect(!policy.contains("unsafe-inline"))
                    #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                    #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
                    #expect(response.headers.first(name: "Strict-Transport-Security") == nil, "no HSTS over plain http")
                }
            }
        }
    }

    @Test func httpsPublicAddressAddsStrictTransportSecurity() async throws {
        try await withRapport(.sqlite, settings: { $0.publicURL = URL(string: "https://rapport.example")! }) { app in
            try await app.testing().test(.GET, "/privacy") { response in
                #expect(response.headers.first(name: "Strict-Transport-Security")?.contains("max-age=") == true)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func healthCheckAnswersWhenTheDatabaseDoes(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await app.testing().test(.GET, "/healthz") { response in
                #expect(response.status == .ok)
                #expect(response.text == "ok\n")
            }
        }
    }

    /// A load balancer must stop sending traffic to an instance whose database is gone.
    @Test func healthCheckAnswers503WhenTheDatabaseDoesNot() async throws {
        let unreachable = "/nonexistent-\(UUID().uuidString)/site.sqlite"
        try await withRapport(.sqlite, settings: { $0.database = .sqliteFile(path: unreachable) }, migrate: false) { app in
            try await app.testing().test(.GET, "/healthz") { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.text == "database unavailable\n")
            }
        }
    }
}
