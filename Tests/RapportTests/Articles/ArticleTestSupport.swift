import Fluent
import Foundation
import Vapor

@testable import Rapport

/// Authors, admins and articles for the article tests.
enum ArticleWorld {
    static let canary = "Marmalade-Heron-4410"

    /// About 330 words of plain prose, with the canary, so a draft passes the length check.
    static let longBody: String = {
        let paragraph = "When two people keep having the same row, it usually is not about the dishes or the bins. It is about feeling heard, and about what each of you needs when you are tired. Small changes in how you start the talk can make a real difference to how it ends."
        return "## Where it starts\n\n" + Array(repeating: paragraph, count: 6).joined(separator: "\n\n") + "\n\n" + canary + " " + paragraph
    }()

    /// A verified, listed author with an account, and a browser signed in as them.
    static func author(_ app: Application, name: String = "Ada Example", verification: VerificationStatus = .verified) async throws -> (Practitioner, TestBrowser, String) {
        var fixture = PractitionerFixture(name: name)
        fixture.verification = verification
        fixture.topics = ["relationship-problems", "communication-problems"]
        let practitioner = try await fixture.create(on: app)
        let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@practice.example"
        let account = try await TestAccounts.make(app, email: email, role: .practitioner)
        practitioner.accountID = account.id
        try await practitioner.save(on: app.db)
        return (practitioner, try await TestAccounts.browser(app, account: account), email)
    }

    /// The editor's fields, as a browser would send them.
    static func fields(title: String = "Why the same row keeps coming back", summary: String = "What may be going on when one argument repeats, and what can help.",
                       body: String = longBody, topics: [String] = ["relationship-problems"], approaches: [String] = [],
                       ownWork: Bool = true, action: String) -> [(String, String)] {
        var pairs = [("title", title), ("summary", summary), ("markdown", body), ("includes_invitation", "yes"), ("action", action)]
        pairs += topics.map { ("topics[]", $0) } + approaches.map { ("approaches[]", $0) }
        if ownWork { pairs.append(("own_work", "yes")) }
        return pairs
    }

    /// Writes and sends an article for review through the editor; returns its id.
    static func submit(_ browser: TestBrowser, _ fields: [(String, String)]) async throws -> String {
        try await browser.get("/dashboard/articles/new")
        let saved = try await browser.post("/dashboard/articles/new", pairs: fields.map { $0.0 == "action" ? ($0.0, "save") : $0 })
        let location = saved.headers.first(name: .location) ?? ""
        let id = String(location.dropFirst("/dashboard/articles/".count).prefix(36))
        try await browser.get("/dashboard/articles/\(id)")
        let sent = try await browser.post("/dashboard/articles/\(id)", pairs: fields)
        guard sent.status == .seeOther else { throw Abort(.internalServerError, reason: "not submitted: \(sent.status) \(sent.text.prefix(400))") }
        return id
    }

    /// Approves an article as an admin (confirming any warnings).
    static func approve(_ admin: TestBrowser, _ id: String) async throws -> TestBrowser.Response {
        try await admin.get("/admin/articles/\(id)")
        return try await admin.post("/admin/articles/\(id)/approve", ["override_warnings": "yes"])
    }

    static func published(_ app: Application, id: String) async throws -> Article {
        guard let uuid = UUID(uuidString: id), let article = try await Article.find(uuid, on: app.db) else { throw Abort(.notFound) }
        return article
    }
}
