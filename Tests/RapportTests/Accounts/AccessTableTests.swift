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
        /// A state-changing form: refused without its token, whoever sends it.
        case form
        /// Part of a flow that needs a token or a pending login; checked by the flow tests.
        case flowStep
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
        "GET /login": .everyone, "POST /login": .form, "GET /login/code": .flowStep, "POST /login/code": .form,
        "POST /logout": .form,
        "GET /register": .everyone, "POST /register": .form, "GET /register/check-email": .everyone,
        "GET /account/confirm-email": .flowStep,
        "GET /forgot-password": .everyone, "POST /forgot-password": .form,
        "GET /reset-password": .flowStep, "POST /reset-password": .form,
        "GET /account": .signedIn, "POST /account/email": .form, "GET /account/confirm-new-email": .flowStep,
        "POST /account/confirm-new-email": .form,
        "POST /account/password": .form, "POST /account/sign-out-everywhere": .form,
        "POST /account/resend-confirmation": .form, "POST /account/delete": .form,
        "GET /account/two-step": .signedIn, "POST /account/two-step": .form,
        "GET /account/admins": .admin, "POST /account/admins": .form,
        "GET /join": .everyone, "POST /join": .form, "GET /therapist-benefits": .everyone,
        "GET /dashboard": .signedIn, "GET /dashboard/preview": .signedIn,
        "GET /dashboard/profile": .signedIn, "POST /dashboard/profile": .form,
        "GET /dashboard/credentials": .signedIn, "POST /dashboard/credentials": .form,
        "GET /dashboard/submit": .signedIn, "POST /dashboard/submit": .form,
        "POST /dashboard/availability": .form, "POST /dashboard/visibility": .form,
        "GET /practitioners/:slug/report": .everyone, "POST /practitioners/:slug/report": .form,
        "GET /admin": .admin, "GET /admin/audit-log": .admin,
        "GET /admin/practitioners/:id": .admin, "POST /admin/practitioners/:id/:decision": .form,
        "GET /admin/documents/:id": .admin, "POST /admin/reports/:id/resolve": .form,
        "GET /shortlist": .signedIn, "POST /shortlist": .form,
        "POST /shortlist/:id": .form, "POST /shortlist/:id/remove": .form, "GET /account/data": .signedIn,
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
                    case ("POST", .form):
                        let status = try await browser.post(path, [:], token: .some(nil)).status
                        #expect(status == .forbidden, "\(name) \(route) without a form token: \(status)")
                    default:
                        break
                    }
                }
            }
        }
    }
}
