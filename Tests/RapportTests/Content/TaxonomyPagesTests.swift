import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("Need help with and approaches pages")
struct TaxonomyPagesTests {
    @Test(arguments: TestDatabase.all)
    func topicsAreListedAToZWithTheirSummaries(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await app.testing().test(.GET, "/need-help-with") { response in
                #expect(response.status == .ok)
                let html = response.text
                for entry in app.content.topics.values {
                    #expect(html.contains(#"href="/need-help-with/\#(entry.slug)""#), "missing \(entry.slug)")
                }
                let anger = try #require(html.range(of: ">Anger<"))
                let trauma = try #require(html.range(of: ">Trauma<"))
                #expect(anger.lowerBound < trauma.lowerBound)
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func aTopicPageListsOnlyVerifiedVisiblePractitionersForIt(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app, name: "Listed Person")
            try await PractitionerFixture.make(on: app, name: "Unverified Person", verification: .pending)
            try await PractitionerFixture.make(on: app, name: "Hidden Person", visibility: .hidden)
            try await PractitionerFixture.make(on: app, name: "Other Topic Person", topics: ["anxiety"])
            try await app.testing().test(.GET, "/need-help-with/interpersonal-relationships") { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains(">Interpersonal relationships</h1>"))
                #expect(html.contains(#"<a href="/practitioners/listed-person">Listed Person</a>"#))
                #expect(html.contains("£60 to £75 a session"))
                #expect(html.contains("Accepting new clients, confirmed today"))
                #expect(html.contains("Free first conversation"))
                #expect(!html.contains("Unverified Person"))
                #expect(!html.contains("Hidden Person"))
                #expect(!html.contains("Other Topic Person"))
            }
            try await app.testing().test(.GET, "/need-help-with/no-such-topic") { #expect($0.status == .notFound) }
        }
    }

    @Test(arguments: TestDatabase.all)
    func approachesAreSplitIntoTherapyAndCoachingAndEachHasAPage(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app, name: "Ipt Person")
            try await app.testing().test(.GET, "/approaches") { response in
                #expect(response.status == .ok)
                let html = response.text
                let therapy = try #require(html.range(of: "Kinds of therapy and counselling"))
                let coaching = try #require(html.range(of: "Kinds of coaching"))
                let ipt = try #require(html.range(of: "/approaches/interpersonal-therapy"))
                let lifeCoaching = try #require(html.range(of: "/approaches/life-coaching"))
                #expect(therapy.lowerBound < ipt.lowerBound && ipt.lowerBound < coaching.lowerBound)
                #expect(coaching.lowerBound < lifeCoaching.lowerBound)
            }
            try await app.testing().test(.GET, "/approaches/interpersonal-therapy") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Ipt Person"))
            }
            try await app.testing().test(.GET, "/approaches/life-coaching") { response in
                #expect(response.text.contains("This is a kind of coaching"))
                #expect(response.text.contains("No practitioners list this yet"))
            }
        }
    }
}
