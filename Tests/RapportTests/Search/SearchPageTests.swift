import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("The search pages")
struct SearchPageTests {
    @Test(arguments: TestDatabase.all)
    func resultsShowCardsDistancesAndRemovableFilters(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            let response = try await app.testing().sendRequest(.GET, "/therapists?near=Harrogate&free_first=true&q=relationships")
            #expect(response.status == .ok)
            let html = response.body.string
            #expect(html.contains("<title>Find a therapist near Harrogate – Rapport</title>"))
            #expect(html.contains(#"<p class="result-count" role="status">1 practitioner</p>"#))
            #expect(html.contains(#"<a href="/practitioners/inside-edge">Inside Edge</a>"#))
            #expect(html.contains("(10.0 miles away)"))
            #expect(html.contains("Within 10 miles of Harrogate"))
            // Each chip removes only its own filter.
            #expect(html.contains(#"href="/therapists?q=relationships&amp;near=Harrogate">Free first conversation"#))
            #expect(html.contains(#"href="/therapists?q=relationships&amp;free_first=true">Within 10 miles of Harrogate"#))
            #expect(html.contains(#"<input id="f-near" name="near" type="text" maxlength="100" value="Harrogate""#))
            #expect(html.contains("How results are ordered"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func staleAvailabilityIsRankedBelowAndSaysSo(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            let html = try await app.testing().sendRequest(.GET, "/therapists?near=Harrogate").body.string
            let fresh = try #require(html.range(of: "Inside Edge"))
            let divider = try #require(html.range(of: "haven&#39;t confirmed their availability in the last 60 days") ?? html.range(of: "haven't confirmed their availability in the last 60 days"))
            let stale = try #require(html.range(of: "Welsh Speaker"))
            #expect(fresh.lowerBound < divider.lowerBound && divider.lowerBound < stale.lowerBound)
            #expect(html.contains("Accepting new clients, but last confirmed 90 days ago"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anUnknownPlaceOffersCloseMatchesAndAnAmbiguousOneAsksWhich(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let unknown = try await app.testing().sendRequest(.GET, "/therapists?near=Harrogat&topic=anxiety")
            #expect(unknown.status == .ok)
            #expect(unknown.body.string.contains("Did you mean Harrogate?"))
            #expect(unknown.body.string.contains(#"<a class="chip" href="/therapists?topic=anxiety&amp;near=Harrogate">Harrogate</a>"#))
            #expect(!unknown.body.string.contains("result-count"))

            let ambiguous = try await app.testing().sendRequest(.GET, "/coaches?near=Newport")
            let html = ambiguous.body.string
            #expect(html.contains("Which one do you mean?"))
            #expect(html.contains(#"href="/coaches?near=Newport,%20Wales">Newport, Wales</a>"#))
            #expect(html.contains(#"href="/coaches?near=Newport,%20Isle%20of%20Wight">Newport, Isle of Wight</a>"#))

            let nowhere = try await app.testing().sendRequest(.GET, "/therapists?near=Qwxyzzyville")
            #expect(nowhere.body.string.contains("couldn&#39;t find a UK town or city") || nowhere.body.string.contains("couldn't find a UK town or city"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func absurdValuesAreBroughtIntoRangeAndExplained(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            let long = String(repeating: "relationship ", count: 800)
            let cases: [(String, String)] = [
                ("near=Harrogate&radius_miles=-5", "The distance can be from 1 to 100, so we used 1."),
                ("near=Harrogate&radius_miles=100000", "The distance can be from 1 to 100, so we used 100."),
                ("page=1000000000", "There are only 1 page of results, so here is the last one."),
                ("q=\(long.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", "we used the first 200 characters"),
                ("format=teleport", "The session format wasn&#39;t one we know, so we ignored it."),
                ("sort=nearest", "Sorting by distance needs a place to measure from"),
                ("topic=made-up", "We don&#39;t have the topic"),
            ]
            for (query, notice) in cases {
                let response = try await app.testing().sendRequest(.GET, "/find?\(query)")
                #expect(response.status == .ok, "\(query.prefix(40))")
                let html = response.body.string.replacingOccurrences(of: "&#39;", with: "'")
                #expect(html.contains(notice.replacingOccurrences(of: "&#39;", with: "'")), "\(query.prefix(40))")
                #expect(html.contains("result-count"))
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func anEmptyResultSuggestsWhatToTryNext(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await SearchWorld.build(on: app)
            let html = try await app.testing().sendRequest(.GET, "/therapists?near=York&q=families").body.string
            #expect(html.contains("0 practitioners"))
            #expect(html.contains("No one matches all of that just now."))
            #expect(html.contains(#"href="/therapists?q=families&amp;near=York&amp;radius_miles=25">Try up to 25 miles away</a>"#))
            #expect(html.contains(">Try online sessions instead</a>"))
            #expect(html.contains(#"href="/therapists?near=York">Try without the words you typed</a>"#))
        }
    }

    @Test(arguments: TestDatabase.all)
    func coachesSeeCoachingApproachesAndTherapistsTherapyOnes(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let coaches = try await app.testing().sendRequest(.GET, "/coaches").body.string
            #expect(coaches.contains(#"<option value="life-coaching">"#))
            #expect(!coaches.contains(#"<option value="cbt">"#))
            let therapists = try await app.testing().sendRequest(.GET, "/therapists").body.string
            #expect(therapists.contains(#"<option value="cbt">"#))
            #expect(!therapists.contains(#"<option value="life-coaching">"#))
        }
    }

    @Test func numbersAndDistancesAreWrittenTheBritishWay() {
        #expect(["0", "999", "1,000", "89,879", "1,234,567"] == [0, 999, 1000, 89_879, 1_234_567].map(PractitionerWording.grouped))
        #expect(PractitionerWording.distance(0.4) == "Under a mile away")
        #expect(PractitionerWording.distance(0.96) == "1.0 miles away")
        #expect(PractitionerWording.distance(2.44) == "2.4 miles away")
        #expect(PractitionerWording.distance(12.96) == "13.0 miles away")
    }
}
