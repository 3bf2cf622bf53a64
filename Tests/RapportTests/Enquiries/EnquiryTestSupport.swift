import Fluent
import Foundation
import Vapor

@testable import Rapport

/// Practitioners with accounts who can receive enquiries, and a person filling in the form.
enum EnquiryWorld {
    /// A listed practitioner whose account can log in; returns the practitioner and a browser
    /// signed in as them.
    static func practitioner(_ app: Application, name: String, topics: [String] = ["relationship-problems", "loneliness"]) async throws -> (Practitioner, TestBrowser) {
        var fixture = PractitionerFixture(name: name)
        fixture.topics = topics
        let practitioner = try await fixture.create(on: app)
        let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@practice.example"
        let account = try await TestAccounts.make(app, email: email, role: .practitioner)
        practitioner.accountID = account.id
        try await practitioner.save(on: app.db)
        return (practitioner, try await TestAccounts.browser(app, account: account))
    }

    static let canary = "Zephyr-Quokka-7731"

    /// A complete, valid form, with the page's own hidden fields (token, idempotency key).
    static func fields(from page: String, message: String = "My partner and I keep arguing about the same things. \(canary)", consent: Bool = true) -> [(String, String)] {
        var pairs: [(String, String)] = [
            ("intent", "send"), ("name", "Robin"), ("email", "robin@example.org"), ("contact_preference", "email"),
            ("topics[]", "relationship-problems"), ("format", "online"), ("message", message), ("kind", "question"),
            ("website", ""), ("idempotency_key", hidden("idempotency_key", in: page) ?? "missing"),
        ]
        if consent { pairs.append(("consent", "yes")) }
        for slug in hiddenAll("to[]", in: page) { pairs.append(("to[]", slug)) }
        return pairs
    }

    static func hidden(_ name: String, in page: String) -> String? { hiddenAll(name, in: page).first }

    static func hiddenAll(_ name: String, in page: String) -> [String] {
        page.components(separatedBy: "name=\"\(name)\" value=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
    }
}
