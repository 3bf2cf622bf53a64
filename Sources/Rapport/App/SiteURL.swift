import Vapor

/// Every path of the site in one place. Controllers register their routes with
/// `pathComponents` and pages link with `path`, so a link can never drift from its route (as in
/// Swift Package Index's server). A case with a value is registered with the value as a route
/// parameter: `SiteURL.practitioner(slug: SiteURL.slug)` is `/practitioners/:slug`.
enum SiteURL: Sendable, Hashable {
    // Reading
    case home, urgentHelp, privacy
    case about, howRapportWorks, terms, accessibility, contact
    case sitemap, sitemapPart(number: String), robots
    case needHelpWith, topic(slug: String), approaches, approach(slug: String)
    case therapists, coaches, find
    case practitioner(slug: String), getInTouch(slug: String), report(slug: String)
    case articles, article(slug: String), articlesFeed, topicFeed(slug: String)
    // "Which approach might suit me?", and the answers a signed-in person chose to keep
    case whichApproach, whichApproachRules, saveGuide, savedGuides, savedGuide(id: String), deleteSavedGuide(id: String)
    // Enquiries: sending (to one, or up to three), the sender's private link, the inbox
    case getInTouchWithSeveral
    case privateEnquiry(token: String), privateEnquiryReply(token: String, id: String), privateEnquiryDelete(token: String)
    case inbox, inboxEnquiry(id: String), inboxReply(id: String), inboxRepliedElsewhere(id: String), inboxClose(id: String)
    case inboxReport(id: String)
    case reportedEnquiry(id: String), resolveReportedEnquiry(id: String)
    // Free first conversations: the person's private page, and the practitioner's settings and bookings
    case privateBooking(token: String), privateBookingAction(token: String, action: String), privateBookingInvite(token: String)
    case firstConversations, practitionerBooking(id: String), practitionerBookingAction(id: String, action: String)
    // Accounts
    case login, loginCode, logout, register, checkEmail, confirmEmail, forgotPassword, resetPassword
    case account, changeEmail, confirmEmailChange, changePassword, signOutEverywhere, resendConfirmation, deleteAccount
    case twoStep, admins, personalData
    case shortlist, shortlistEntry(id: String), shortlistRemove(id: String)
    // Practitioners
    case join, benefits, dashboard, dashboardProfile, credentials, submit, preview, availability, visibility
    case dashboardArticles, newArticle, editArticle(id: String), unpublishArticle(id: String), deleteArticle(id: String)
    // Admins
    case admin, auditLog, adminPractitioner(id: String), adminDecision(id: String, decision: String)
    case adminDocument(id: String), resolveReport(id: String)
    case adminArticle(id: String), adminArticleDecision(id: String, decision: String)
    // Machines
    case healthCheck, readinessCheck, stylesheet, script
    case api(API)

    enum API: Sendable, Hashable {
        case practitioners, practitioner(slug: String), topics, approaches, places, openAPI
    }

    /// Route parameters, for registering routes: `.practitioner(slug: SiteURL.slug)`.
    static let slug = ":slug"
    static let id = ":id"
    static let decision = ":decision"
    static let token = ":token"
    static let action = ":action"

    var path: String {
        switch self {
        case .home: "/"
        case .urgentHelp: "/urgent-help"
        case .privacy: "/privacy"
        case .about: "/about"
        case .howRapportWorks: "/how-rapport-works"
        case .terms: "/terms"
        case .accessibility: "/accessibility"
        case .contact: "/contact"
        case .sitemap: "/sitemap.xml"
        case .sitemapPart(let number): "/sitemaps/\(number)"
        case .robots: "/robots.txt"
        case .needHelpWith: "/need-help-with"
        case .topic(let slug): "/need-help-with/\(slug)"
        case .approaches: "/approaches"
        case .approach(let slug): "/approaches/\(slug)"
        case .therapists: "/therapists"
        case .coaches: "/coaches"
        case .find: "/find"
        case .practitioner(let slug): "/practitioners/\(slug)"
        case .getInTouch(let slug): "/practitioners/\(slug)/get-in-touch"
        case .report(let slug): "/practitioners/\(slug)/report"
        case .articles: "/articles"
        case .article(let slug): "/articles/\(slug)"
        case .articlesFeed: "/articles/feed.xml"
        case .topicFeed(let slug): "/need-help-with/\(slug)/feed.xml"
        case .whichApproach: "/which-approach"
        case .whichApproachRules: "/which-approach/how-it-works"
        case .saveGuide: "/which-approach/save"
        case .savedGuides: "/which-approach/saved"
        case .savedGuide(let id): "/which-approach/saved/\(id)"
        case .deleteSavedGuide(let id): "/which-approach/saved/\(id)/delete"
        case .getInTouchWithSeveral: "/get-in-touch"
        case .privateEnquiry(let token): "/enquiries/\(token)"
        case .privateEnquiryReply(let token, let id): "/enquiries/\(token)/\(id)/reply"
        case .privateEnquiryDelete(let token): "/enquiries/\(token)/delete"
        case .inbox: "/dashboard/enquiries"
        case .inboxEnquiry(let id): "/dashboard/enquiries/\(id)"
        case .inboxReply(let id): "/dashboard/enquiries/\(id)/reply"
        case .inboxRepliedElsewhere(let id): "/dashboard/enquiries/\(id)/replied-elsewhere"
        case .inboxClose(let id): "/dashboard/enquiries/\(id)/close"
        case .inboxReport(let id): "/dashboard/enquiries/\(id)/report"
        case .reportedEnquiry(let id): "/admin/enquiries/\(id)"
        case .resolveReportedEnquiry(let id): "/admin/enquiries/\(id)/resolve"
        case .privateBooking(let token): "/first-conversations/\(token)"
        case .privateBookingAction(let token, let action): "/first-conversations/\(token)/\(action)"
        case .privateBookingInvite(let token): "/first-conversations/\(token)/invite.ics"
        case .firstConversations: "/dashboard/first-conversations"
        case .practitionerBooking(let id): "/dashboard/first-conversations/\(id)"
        case .practitionerBookingAction(let id, let action): "/dashboard/first-conversations/\(id)/\(action)"
        case .login: "/login"
        case .loginCode: "/login/code"
        case .logout: "/logout"
        case .register: "/register"
        case .checkEmail: "/register/check-email"
        case .confirmEmail: "/account/confirm-email"
        case .forgotPassword: "/forgot-password"
        case .resetPassword: "/reset-password"
        case .account: "/account"
        case .changeEmail: "/account/email"
        case .confirmEmailChange: "/account/confirm-new-email"
        case .changePassword: "/account/password"
        case .signOutEverywhere: "/account/sign-out-everywhere"
        case .resendConfirmation: "/account/resend-confirmation"
        case .deleteAccount: "/account/delete"
        case .twoStep: "/account/two-step"
        case .admins: "/account/admins"
        case .personalData: "/account/data"
        case .shortlist: "/shortlist"
        case .shortlistEntry(let id): "/shortlist/\(id)"
        case .shortlistRemove(let id): "/shortlist/\(id)/remove"
        case .join: "/join"
        case .benefits: "/therapist-benefits"
        case .dashboard: "/dashboard"
        case .dashboardProfile: "/dashboard/profile"
        case .credentials: "/dashboard/credentials"
        case .submit: "/dashboard/submit"
        case .preview: "/dashboard/preview"
        case .availability: "/dashboard/availability"
        case .visibility: "/dashboard/visibility"
        case .dashboardArticles: "/dashboard/articles"
        case .newArticle: "/dashboard/articles/new"
        case .editArticle(let id): "/dashboard/articles/\(id)"
        case .unpublishArticle(let id): "/dashboard/articles/\(id)/unpublish"
        case .deleteArticle(let id): "/dashboard/articles/\(id)/delete"
        case .admin: "/admin"
        case .auditLog: "/admin/audit-log"
        case .adminPractitioner(let id): "/admin/practitioners/\(id)"
        case .adminDecision(let id, let decision): "/admin/practitioners/\(id)/\(decision)"
        case .adminDocument(let id): "/admin/documents/\(id)"
        case .resolveReport(let id): "/admin/reports/\(id)/resolve"
        case .adminArticle(let id): "/admin/articles/\(id)"
        case .adminArticleDecision(let id, let decision): "/admin/articles/\(id)/\(decision)"
        case .healthCheck: "/healthz"
        case .readinessCheck: "/healthz/ready"
        case .stylesheet: "/styles/site.css"
        case .script: "/scripts/site.js"
        case .api(let api): api.path
        }
    }

    /// The path as route components, for `routes.get(SiteURL.x.pathComponents, use:)`.
    var pathComponents: [PathComponent] {
        path.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
    }

    /// The login page that comes back to `next` afterwards, if `next` is a safe path.
    static func login(next: String?) -> String { ReturnPath.adding(next, to: SiteURL.login.path) }

    /// The registration page that carries on to `next` afterwards, if it is safe.
    static func register(next: String?) -> String { ReturnPath.adding(next, to: SiteURL.register.path) }

    /// `path` with one query parameter: a notice for the page to show (`done=added`), or an
    /// emailed link's token.
    func with(_ name: String, _ value: String) -> String {
        path + (path.contains("?") ? "&" : "?") + name + "=" + (value.addingPercentEncoding(withAllowedCharacters: Self.queryValueCharacters) ?? "")
    }

    /// What a query value may hold unescaped: RFC 3986's unreserved characters.
    private static let queryValueCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

extension SiteURL.API {
    var path: String {
        switch self {
        case .practitioners: "/api/v1/practitioners"
        case .practitioner(let slug): "/api/v1/practitioners/\(slug)"
        case .topics: "/api/v1/topics"
        case .approaches: "/api/v1/approaches"
        case .places: "/api/v1/places"
        case .openAPI: "/api/openapi.json"
        }
    }
}

extension Request {
    /// A 303 to a page of the site.
    func redirect(to url: SiteURL) -> Response { redirect(to: url.path) }
}
