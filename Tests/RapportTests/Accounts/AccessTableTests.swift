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

    /// Every route once, keyed on the route table (`SiteURL`), with who may reach it.
    static let table: [(method: HTTPMethod, url: SiteURL, access: Access)] = {
        let (slug, id, decision) = (SiteURL.slug, SiteURL.id, SiteURL.decision)
        return [
            (.GET, .home, .everyone),
            (.GET, .urgentHelp, .everyone),
            (.GET, .privacy, .everyone),
            (.GET, .needHelpWith, .everyone),
            (.GET, .topic(slug: slug), .everyone),
            (.GET, .approaches, .everyone),
            (.GET, .approach(slug: slug), .everyone),
            (.GET, .therapists, .everyone),
            (.GET, .coaches, .everyone),
            (.GET, .find, .everyone),
            (.GET, .practitioner(slug: slug), .everyone),
            (.GET, .getInTouch(slug: slug), .everyone),
            (.GET, .healthCheck, .everyone),
            (.GET, .readinessCheck, .everyone),
            (.GET, .api(.practitioners), .everyone),
            (.GET, .api(.practitioner(slug: slug)), .everyone),
            (.GET, .api(.topics), .everyone),
            (.GET, .api(.approaches), .everyone),
            (.GET, .api(.places), .flowStep),
            (.GET, .api(.openAPI), .everyone),
            (.GET, .login, .everyone),
            (.POST, .login, .form(.anyone)),
            (.GET, .loginCode, .flowStep),
            (.POST, .loginCode, .form(.anyone)),
            (.POST, .logout, .form(.anyone)),
            (.GET, .register, .everyone),
            (.POST, .register, .form(.anyone)),
            (.GET, .checkEmail, .everyone),
            (.GET, .confirmEmail, .flowStep),
            (.GET, .forgotPassword, .everyone),
            (.POST, .forgotPassword, .form(.anyone)),
            (.GET, .resetPassword, .flowStep),
            (.POST, .resetPassword, .form(.anyone)),
            (.GET, .account, .signedIn),
            (.POST, .changeEmail, .form(.signedIn)),
            (.GET, .confirmEmailChange, .flowStep),
            (.POST, .confirmEmailChange, .form(.anyone)),
            (.POST, .changePassword, .form(.signedIn)),
            (.POST, .signOutEverywhere, .form(.signedIn)),
            (.POST, .resendConfirmation, .form(.signedIn)),
            (.POST, .deleteAccount, .form(.signedIn)),
            (.GET, .twoStep, .signedIn),
            (.POST, .twoStep, .form(.signedIn)),
            (.GET, .admins, .admin),
            (.POST, .admins, .form(.admin)),
            (.GET, .join, .everyone),
            (.POST, .join, .form(.signedIn)),
            (.GET, .benefits, .everyone),
            (.GET, .dashboard, .signedIn),
            (.GET, .preview, .signedIn),
            (.GET, .dashboardProfile, .signedIn),
            (.POST, .dashboardProfile, .form(.practitioner)),
            (.GET, .credentials, .signedIn),
            (.POST, .credentials, .form(.practitioner)),
            (.GET, .submit, .signedIn),
            (.POST, .submit, .form(.practitioner)),
            (.POST, .availability, .form(.practitioner)),
            (.POST, .visibility, .form(.practitioner)),
            (.GET, .report(slug: slug), .everyone),
            (.POST, .report(slug: slug), .form(.anyone)),
            (.GET, .admin, .admin),
            (.GET, .auditLog, .admin),
            (.GET, .adminPractitioner(id: id), .admin),
            (.POST, .adminDecision(id: id, decision: decision), .form(.admin)),
            (.GET, .adminDocument(id: id), .admin),
            (.POST, .resolveReport(id: id), .form(.admin)),
            (.GET, .shortlist, .signedIn),
            (.POST, .shortlist, .form(.signedIn)),
            (.POST, .shortlistEntry(id: id), .form(.signedIn)),
            (.POST, .shortlistRemove(id: id), .form(.signedIn)),
            (.GET, .personalData, .signedIn),
            (.GET, .whichApproach, .everyone),
            (.POST, .whichApproach, .form(.anyone)),
            (.GET, .whichApproachRules, .everyone),
            (.POST, .saveGuide, .form(.signedIn)),
            (.GET, .savedGuides, .signedIn),
            (.GET, .savedGuide(id: id), .flowStep),
            (.POST, .deleteSavedGuide(id: id), .form(.signedIn)),
            (.POST, .getInTouch(slug: slug), .form(.anyone)),
            (.GET, .getInTouchWithSeveral, .flowStep),
            (.POST, .getInTouchWithSeveral, .form(.anyone)),
            (.GET, .privateEnquiry(token: SiteURL.token), .flowStep),
            (.POST, .privateEnquiryReply(token: SiteURL.token, id: id), .form(.anyone)),
            (.POST, .privateEnquiryDelete(token: SiteURL.token), .form(.anyone)),
            (.GET, .inbox, .signedIn),
            (.GET, .inboxEnquiry(id: id), .flowStep),
            (.POST, .inboxReply(id: id), .form(.signedIn)),
            (.POST, .inboxRepliedElsewhere(id: id), .form(.signedIn)),
            (.POST, .inboxClose(id: id), .form(.signedIn)),
            (.POST, .inboxReport(id: id), .form(.signedIn)),
            (.GET, .reportedEnquiry(id: id), .flowStep),
            (.POST, .resolveReportedEnquiry(id: id), .form(.admin)),
            (.GET, .about, .everyone),
            (.GET, .howRapportWorks, .everyone),
            (.GET, .terms, .everyone),
            (.GET, .accessibility, .everyone),
            (.GET, .contact, .everyone),
            (.POST, .contact, .form(.anyone)),
            (.GET, .sitemap, .everyone),
            (.GET, .sitemapPart(number: ":number"), .flowStep),
            (.GET, .robots, .everyone),
            (.GET, .articles, .everyone),
            (.GET, .article(slug: slug), .everyone),
            (.GET, .articlesFeed, .everyone),
            (.GET, .topicFeed(slug: slug), .everyone),
            (.GET, .dashboardArticles, .signedIn),
            (.GET, .newArticle, .signedIn),
            (.POST, .newArticle, .form(.practitioner)),
            (.GET, .editArticle(id: id), .signedIn),
            (.POST, .editArticle(id: id), .form(.practitioner)),
            (.POST, .unpublishArticle(id: id), .form(.practitioner)),
            (.POST, .deleteArticle(id: id), .form(.practitioner)),
            (.GET, .adminArticle(id: id), .admin),
            (.POST, .adminArticleDecision(id: id, decision: decision), .form(.admin)),
            (.GET, .privateBooking(token: SiteURL.token), .flowStep),
            (.GET, .privateBookingInvite(token: SiteURL.token), .flowStep),
            (.POST, .privateBookingAction(token: SiteURL.token, action: SiteURL.action), .form(.anyone)),
            (.GET, .firstConversations, .signedIn),
            (.POST, .firstConversations, .form(.practitioner)),
            (.GET, .practitionerBooking(id: id), .flowStep),
            (.POST, .practitionerBookingAction(id: id, action: SiteURL.action), .form(.practitioner)),
        ]
    }()

    static func key(_ route: Route) -> String {
        key(route.method, route.path)
    }

    static func key(_ method: HTTPMethod, _ path: [PathComponent]) -> String {
        "\(method.rawValue) /" + path.map(\.description).joined(separator: "/")
    }

    static var tableKeys: [String] { table.map { key($0.method, $0.url.pathComponents) } }

    @Test func everyRouteHasAnEntryAndEveryEntryARoute() async throws {
        try await withRapport(.sqlite) { app in
            let routes = Set(app.routes.all.map(Self.key))
            let keys = Self.tableKeys
            let missing = routes.subtracting(keys).sorted()
            let stale = Set(keys).subtracting(routes).sorted()
            let repeated = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(missing.isEmpty, "routes with no entry in the access table: \(missing)")
            #expect(stale.isEmpty, "entries for routes that no longer exist: \(stale)")
            #expect(repeated.isEmpty, "routes in the table more than once: \(repeated)")
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
            // An article with Ada's id and slug, so `/articles/:slug` and `/admin/articles/:id` resolve.
            let article = Article()
            article.id = ada.id
            article.$practitioner.id = try ada.requireID()
            article.slug = "ada-example"
            article.status = .draft
            (article.title, article.summary, article.markdown) = ("A title", "A summary of it", "Some words.")
            (article.topics, article.approaches, article.includesInvitation) = (",anxiety,", "", false)
            (article.createdAt, article.updatedAt) = (Date(), Date())
            article.publishDraft(now: Date())
            article.status = .inReview
            try await article.create(on: app.db)
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
            for (route, access) in zip(Self.tableKeys, Self.table.map(\.access)).sorted(by: { $0.0 < $1.0 }) {
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
