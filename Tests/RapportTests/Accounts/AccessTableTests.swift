import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// Who may reach each route. A new route without an entry here fails the first test, so nobody
/// can add a page without deciding who may see it.
@Suite("The access table")
struct AccessTableTests {
    enum Access {
        /// Anyone, signed in or not.
        case everyone
        /// Signed-in accounts; others are sent to log in.
        case signedIn
        /// Admins only; other accounts get 403.
        case admin
        /// A state-changing form: refused without its token, whoever sends it, and with a valid
        /// token refused to anyone who is not `who`.
        case form(Who)
        /// Part of a flow that needs a token or a pending login; checked by the flow tests.
        case flowStep
    }

    /// Who may send a form.
    enum Who {
        /// Anyone, signed in or not.
        case anyone
        /// Signed-in accounts; others are sent to log in.
        case signedIn
        /// An account with a practitioner profile; members are sent to join, others to log in.
        case practitioner
        /// Admins; other accounts get 403, others are sent to log in.
        case admin
    }

    static let table: [String: Access] = [
        "GET /": .everyone, "GET /urgent-help": .everyone, "GET /privacy": .everyone,
        "GET /need-help-with": .everyone, "GET /need-help-with/:slug": .everyone,
        "GET /approaches": .everyone, "GET /approaches/:slug": .everyone,
        "GET /therapists": .everyone, "GET /coaches": .everyone, "GET /find": .everyone,
        "GET /practitioners/:slug": .everyone, "GET /practitioners/:slug/get-in-touch": .everyone,
        "GET /healthz": .everyone,
        "GET /api/v1/practitioners": .everyone, "GET /api/v1/practitioners/:slug": .everyone,
        "GET /api/v1/topics": .everyone, "GET /api/v1/approaches": .everyone, "GET /api/v1/places": .flowStep,
        "GET /api/openapi.json": .everyone,
        "GET /login": .everyone, "POST /login": .form(.anyone), "GET /login/code": .flowStep, "POST /login/code": .form(.anyone),
        "POST /logout": .form(.anyone),
        "GET /register": .everyone, "POST /register": .form(.anyone), "GET /register/check-email": .everyone,
        "GET /account/confirm-email": .flowStep,
        "GET /forgot-password": .everyone, "POST /forgot-password": .form(.anyone),
        "GET /reset-password": .flowStep, "POST /reset-password": .form(.anyone),
        "GET /account": .signedIn, "POST /account/email": .form(.signedIn), "GET /account/confirm-new-email": .flowStep,
        "POST /account/confirm-new-email": .form(.anyone),
        "POST /account/password": .form(.signedIn), "POST /account/sign-out-everywhere": .form(.signedIn),
        "POST /account/resend-confirmation": .form(.signedIn), "POST /account/delete": .form(.signedIn),
        "GET /account/two-step": .signedIn, "POST /account/two-step": .form(.signedIn),
        "GET /account/admins": .admin, "POST /account/admins": .form(.admin),
        "GET /join": .everyone, "POST /join": .form(.signedIn), "GET /therapist-benefits": .everyone,
        "GET /dashboard": .signedIn, "GET /dashboard/preview": .signedIn,
        "GET /dashboard/profile": .signedIn, "POST /dashboard/profile": .form(.practitioner),
        "GET /dashboard/credentials": .signedIn, "POST /dashboard/credentials": .form(.practitioner),
        "GET /dashboard/submit": .signedIn, "POST /dashboard/submit": .form(.practitioner),
        "POST /dashboard/availability": .form(.practitioner), "POST /dashboard/visibility": .form(.practitioner),
        "GET /practitioners/:slug/report": .everyone, "POST /practitioners/:slug/report": .form(.anyone),
        "GET /admin": .admin, "GET /admin/audit-log": .admin,
        "GET /admin/practitioners/:id": .admin, "POST /admin/practitioners/:id/:decision": .form(.admin),
        "GET /admin/documents/:id": .admin, "POST /admin/reports/:id/resolve": .form(.admin),
        "GET /shortlist": .signedIn, "POST /shortlist": .form(.signedIn),
        "POST /shortlist/:id": .form(.signedIn), "POST /shortlist/:id/remove": .form(.signedIn), "GET /account/data": .signedIn,
    ]

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    @Test func everyRouteHasAnEntryAndEveryEntryARoute() async throws {
        try await withRapport(.sqlite) { app in
            let routes = Set(app.routes.all.map(Self.key))
            let missing = routes.subtracting(Self.table.keys).sorted()
            let stale = Set(Self.table.keys).subtracting(routes).sorted()
            #expect(missing.isEmpty, "routes with no entry in the access table: \(missing)")
            #expect(stale.isEmpty, "entries for routes that no longer exist: \(stale)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func eachRoleGetsWhatTheTableSays(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let ada = try await PractitionerFixture.make(on: app, name: "Ada Example")
            let document = CredentialDocument()
            document.$practitioner.id = try ada.requireID()
            document.fileName = "certificate.pdf"
            document.contentType = "application/pdf"
            document.byteCount = 5
            document.bytes = Data("%PDF-".utf8)
            document.uploadedAt = Date()
            try await document.create(on: app.db)
            let documentID = try document.requireID().uuidString
            let concrete: (String) -> String = { path in
                path.replacingOccurrences(of: ":slug", with: path.contains("need-help-with") ? "anxiety"
                    : path.contains("approaches") ? "cbt" : "ada-example")
                    .replacingOccurrences(of: ":id", with: path.contains("documents") ? documentID : ada.id!.uuidString)
                    .replacingOccurrences(of: ":decision", with: "approve")
            }
            let visitors: [(String, TestBrowser?)] = [
                ("anonymous", TestBrowser(app)),
                ("member", try await TestAccounts.browser(app, role: .member)),
                ("practitioner", try await TestAccounts.browser(app, role: .practitioner)),
                ("admin", try await TestAccounts.browser(app, role: .admin)),
            ]
            for (route, access) in Self.table.sorted(by: { $0.key < $1.key }) {
                let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
                let path = concrete(parts[1])
                for (name, browser) in visitors {
                    guard let browser else { continue }
                    switch (parts[0], access) {
                    case ("GET", .everyone):
                        let status = try await browser.get(path).status
                        #expect(status == .ok || (status == .seeOther && path == "/login"), "\(name) \(route): \(status)")
                    case ("GET", .signedIn):
                        let response = try await browser.get(path)
                        if name == "anonymous" {
                            #expect(response.headers.first(name: .location)?.hasPrefix("/login") == true, "\(name) \(route)")
                        } else {
                            #expect(response.status == .ok || response.status == .seeOther, "\(name) \(route): \(response.status)")
                        }
                    case ("GET", .admin):
                        let status = try await browser.get(path).status
                        let expected: HTTPStatus = name == "admin" ? .ok : name == "anonymous" ? .seeOther : .forbidden
                        #expect(status == expected, "\(name) \(route): \(status)")
                    case ("POST", .form(let who)):
                        let status = try await browser.post(path, [:], token: .some(nil)).status
                        #expect(status == .forbidden, "\(name) \(route) without a form token: \(status)")
                        // With a valid token, each visitor who lacks the role is still refused.
                        let expected: (HTTPStatus, String?)? =
                            switch (who, name) {
                            case (.signedIn, "anonymous"), (.practitioner, "anonymous"), (.admin, "anonymous"): (.seeOther, "/login")
                            case (.practitioner, "member"), (.practitioner, "admin"): (.seeOther, "/join")
                            case (.admin, "member"), (.admin, "practitioner"): (.forbidden, nil)
                            default: nil
                            }
                        if let (status, location) = expected {
                            try await browser.get(name == "anonymous" ? "/login" : "/account")
                            let withToken = try await browser.post(path, [:])
                            let actual = withToken.headers.first(name: .location) ?? ""
                            #expect(withToken.status == status && (location.map { actual.hasPrefix($0) } ?? true),
                                    "\(name) \(route) with a valid token: \(withToken.status) \(actual)")
                        }
                    default:
                        break
                    }
                }
            }
        }
    }
}
