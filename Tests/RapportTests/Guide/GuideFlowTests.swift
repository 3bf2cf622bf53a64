import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import Rapport

/// "Which approach might suit me?" as a person uses it: the questions, the answer, the draft
/// carried to a practitioner's form, and nothing kept unless they choose to save.
@Suite("Which approach: the pages")
struct GuideFlowTests {
    static let canary = "CANARY-guide-7f3a"

    /// Sam, from the seed article, as the form sends it.
    static func sam(happening: String = "Our arguments spiral within minutes. \(canary)") -> [(String, String)] {
        [("happening", happening), ("who", "partner"), ("change[]", "arguments"), ("focus", "present"),
         ("together", "just_me"), ("help", "therapy"), ("format", "in_person"), ("place", "Harrogate"), ("max_fee", "80")]
    }

    @Test(arguments: TestDatabase.all)
    func samIsOfferedInterpersonalTherapyWithReasonsAndGoesToAPrefilledForm(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture(name: "Ada Example").create(on: app)
            var faraway = PractitionerFixture(name: "Bea Faraway")
            faraway.places = ["Truro"]
            try await faraway.create(on: app)
            let person = TestBrowser(app)
            let questions = try await person.get("/which-approach")
            #expect(questions.status == .ok && questions.text.contains("Exit this page"))
            #expect(questions.text.components(separatedBy: "<legend>").count - 1 >= 6, "questions grouped with legends")
            #expect(questions.text.contains("In a few words, what&#39;s been happening?") || questions.text.contains("In a few words, what's been happening?"))

            let result = try await person.post("/which-approach", pairs: Self.sam())
            let page = result.text.unescapedHTML
            #expect(result.status == .ok && page.contains("Approaches that may suit you") && result.text.contains("Exit this page"))
            #expect(page.contains("Interpersonal therapy (IPT)") && page.contains("This is a guide, not a diagnosis."))
            #expect(page.contains("Because you said your arguments spiral quickly, interpersonal therapy (IPT) may suit you"))
            #expect(page.contains("Because you said “Our arguments spiral within minutes”"))
            #expect(!page.contains("If you need help now"), "no risk words, so no crisis block first")
            // Searched with their practical preferences: in person near Harrogate, not Truro.
            #expect(page.contains("Ada Example") && !page.contains("Bea Faraway"))
            #expect(page.contains("/find?approach=interpersonal-therapy&format=in_person&near=Harrogate"))
            #expect(!result.headers.contains(name: .location))

            // "Get in touch" beside Ada: a small form to her page, carrying the draft.
            let form = try #require(result.text.form(action: "/practitioners/ada-example/get-in-touch"))
            let draft = try #require(form.first { $0.name == "draft" }?.value)
            #expect(draft.contains("Our arguments spiral within minutes") && draft.contains("interpersonal therapy (IPT)"))
            let prefilled = try await person.post("/practitioners/ada-example/get-in-touch", pairs: form.map { ($0.name, $0.value) }, token: .some(nil))
            #expect(prefilled.status == .ok && prefilled.text.contains("<form method=\"post\" action=\"/practitioners/ada-example/get-in-touch\""))
            #expect(prefilled.text.unescapedHTML.contains(">" + draft + "</textarea>"), "the message box holds the draft")
            #expect(prefilled.text.contains("value=\"relationship-problems\" checked") && prefilled.text.contains("value=\"in_person\" checked"))
            #expect(try await EnquiryRequest.query(on: app.db).count() == 0, "opening the form sends nothing")
        }
    }

    /// No row, no log line, no cookie: every table counted before and after, the logs searched
    /// for a canary.
    @Test(arguments: TestDatabase.all)
    func answeringStoresNothingLogsNothingAndSetsNoCookie(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture(name: "Ada Example").create(on: app)
            let captured = CapturedLog()
            app.logger = Logger(label: "guide-test") { _ in captured }
            app.logger.logLevel = .trace
            let person = TestBrowser(app)
            try await person.get("/which-approach")
            let before = try await Self.rowCounts(app)
            let cookiesBefore = person.cookies
            let result = try await person.post("/which-approach", pairs: Self.sam(happening: "He hits me when we argue. \(Self.canary)"))
            #expect(result.status == .ok && result.text.contains(Self.canary))
            let edited = try await person.post("/which-approach", pairs: Self.sam() + [("step", "edit")])
            #expect(edited.status == .ok && edited.text.contains(Self.canary))
            #expect(try await Self.rowCounts(app) == before)
            #expect(result.headers[.setCookie].isEmpty && edited.headers[.setCookie].isEmpty && person.cookies == cookiesBefore)
            let lines = captured.lines.withLockedValue { $0 }
            #expect(!lines.isEmpty, "the log was captured")
            #expect(!lines.contains { $0.contains(Self.canary) || $0.contains("hits me") || $0.contains("Harrogate") })
        }
    }

    @Test(arguments: TestDatabase.all)
    func riskWordsPutCrisisHelpFirstAndTheSuggestionsStillFollow(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let person = TestBrowser(app)
            try await person.get("/which-approach")
            for answers in [Self.sam(happening: "I don't feel safe at home. He hits me."), Self.sam(happening: "") + [("change[]", "unsafe")]] {
                let page = try await person.post("/which-approach", pairs: answers).text.unescapedHTML
                let help = try #require(page.range(of: "If you need help now"))
                let suggestion = try #require(page.range(of: "Why we suggest it"))
                #expect(help.lowerBound < suggestion.lowerBound)
                for number in ["999", "NHS 111", "option 2", "116 123", "0808 2000 247", "National Domestic Abuse Helpline"] {
                    #expect(page.contains(number), "\(number)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func badAnswersComeBackExplainedWithEverythingKept(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let person = TestBrowser(app)
            try await person.get("/which-approach")
            let typed: [(String, String)] = [
                ("happening", "We keep missing each other. \(Self.canary)"), ("change[]", "distance"), ("focus", "past"),
                ("place", "Nowhereville-on-Sea"), ("max_fee", "lots"), ("language", "Welsh"),
            ]
            let back = try await person.post("/which-approach", pairs: typed)
            let page = back.text.unescapedHTML
            #expect(back.status == .unprocessableEntity && page.contains("<title>Error: Which approach might suit me?"))
            #expect(page.contains("There is a problem"))
            for field in ["who", "place", "max_fee"] { #expect(page.contains("href=\"#\(field)\""), "\(field) is linked from the summary") }
            #expect(page.contains("Please choose who this is mostly about."))
            #expect(page.contains("We couldn't find a UK place called “Nowhereville-on-Sea”"))
            #expect(page.contains(Self.canary) && page.contains("value=\"Nowhereville-on-Sea\"") && page.contains("value=\"lots\"") && page.contains("value=\"Welsh\""))
            #expect(page.contains("value=\"distance\" checked") && page.contains("value=\"past\" checked"))
            let empty = try await person.post("/which-approach", pairs: [("who", "partner")])
            #expect(empty.status == .unprocessableEntity && empty.text.unescapedHTML.contains("Please tick at least one thing you'd like to change"))
            let tampered = try await person.post("/which-approach", pairs: [("who", "the-moon"), ("change[]", "arguments"), ("change[]", "x")])
            #expect(tampered.status == .unprocessableEntity && tampered.text.contains("Please tick only the things listed."))
        }
    }

    @Test func changingTheDraftOrTheAnswersKeepsEverythingInTheForm() async throws {
        try await withRapport(.sqlite) { app in
            try await PractitionerFixture(name: "Ada Example").create(on: app)
            let person = TestBrowser(app)
            try await person.get("/which-approach")
            let mine = "Hello, this is my own version. \(Self.canary)"
            let redrafted = try await person.post("/which-approach", pairs: Self.sam() + [("draft", mine)])
            let form = try #require(redrafted.text.form(action: "/practitioners/ada-example/get-in-touch"))
            #expect(form.first { $0.name == "draft" }?.value == mine)
            let edit = try await person.post("/which-approach", pairs: Self.sam() + [("step", "edit")])
            #expect(edit.text.contains("value=\"arguments\" checked") && edit.text.contains("value=\"just_me\" checked"))
            #expect(edit.text.contains("value=\"Harrogate\"") && edit.text.contains("value=\"80\"") && edit.text.contains("Our arguments spiral within minutes"))
        }
    }

    @Test func theRulesPageShowsEveryRuleFromTheRulesFile() async throws {
        try await withRapport(.sqlite) { app in
            let page = try await TestBrowser(app).get("/which-approach/how-it-works")
            let text = page.text.unescapedHTML
            #expect(page.status == .ok && text.contains("How “Which approach might suit me?” works"))
            for rule in ApproachRules.rules {
                #expect(text.contains(rule.because.prefix(1).uppercased() + rule.because.dropFirst()), "\(rule.because)")
            }
            #expect(text.contains("You tick “Our arguments spiral quickly”") && text.contains("4 points against"))
            #expect(text.contains("\(ApproachRules.pointsToSuggest) points or more"))
        }
    }

    /// Counts of every table, so a test can show a request wrote nothing anywhere.
    static func rowCounts(_ app: Application) async throws -> [String: Int] {
        let sql = try #require(app.db as? any SQLDatabase)
        let tables: [String]
        if sql.dialect.name == "sqlite" {
            tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map { try $0.decode(column: "name", as: String.self) }
        } else {
            tables = try await sql.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").all()
                .map { try $0.decode(column: "table_name", as: String.self) }
        }
        #expect(tables.contains("saved_guides") && tables.count > 20)
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self)
        }
        return counts
    }
}

extension String {
    /// The page's text with Leaf's escapes undone, to compare with plain sentences.
    var unescapedHTML: String {
        replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The hidden fields of the first form posting to `action`, unescaped.
    func form(action: String) -> [(name: String, value: String)]? {
        guard let start = range(of: "action=\"\(action)\"") else { return nil }
        let rest = self[start.upperBound...]
        let body = rest[..<(rest.range(of: "</form>")?.lowerBound ?? rest.endIndex)]
        return body.components(separatedBy: "<input type=\"hidden\" name=\"").dropFirst().compactMap { part in
            let pieces = part.components(separatedBy: "\" value=\"")
            guard pieces.count > 1, let value = pieces[1].components(separatedBy: "\"").first else { return nil }
            return (pieces[0], value.unescapedHTML)
        }
    }
}
