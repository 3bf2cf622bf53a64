import Fluent
import Vapor

/// What the base layout (`PageLayout+View.swift`) needs on every page.
struct PageLayout: Sendable {
    struct Link: Sendable {
        let label: String
        let href: String
        let isCurrent: Bool
    }

    /// An Atom feed the page offers, as `<link rel="alternate">`, so feed readers find it.
    struct Feed: Sendable {
        let title: String
        let href: String
    }

    /// The whole `<title>`, already including the site's name.
    let title: String
    let metaDescription: String?
    let showsDemoBanner: Bool
    let navigation: [Link]
    let footerLinks: [Link]
    let urgentHelpHref: String
    let stylesheetHref: String
    let scriptHref: String
    let homeHref: String
    /// Signed in: the account link, the log-out form and whether the address still needs confirming.
    let isSignedIn: Bool
    let needsEmailConfirmation: Bool
    let accountHref: String
    let logoutHref: String
    let csrfToken: String
    /// Pages someone may need to leave quickly (an enquiry, sensitive topics) show "Exit this page".
    let showsExitThisPage: Bool
    /// The page's address without its query: what search engines and shared links should use.
    let canonicalURL: String
    /// The page's own title, without the site's name, for Open Graph.
    let pageTitle: String
    let feeds: [Feed]

    init(
        title: String, metaDescription: String?, currentPath: String, showsDemoBanner: Bool, account: Account? = nil,
        csrfToken: String = "", showsExitThisPage: Bool = false, publicURL: String = "", feeds: [Feed] = []
    ) {
        self.showsExitThisPage = showsExitThisPage
        self.feeds = feeds
        self.canonicalURL = publicURL + currentPath
        self.pageTitle = title.isEmpty ? "Rapport" : title
        self.title = title.isEmpty ? "Rapport" : "\(title) – Rapport"
        self.metaDescription = metaDescription
        self.showsDemoBanner = showsDemoBanner
        func link(_ label: String, _ url: SiteURL) -> Link { link(label, path: url.path) }
        func link(_ label: String, path href: String) -> Link {
            let isCurrent = href == "/" ? currentPath == "/" : currentPath == href || currentPath.hasPrefix(href + "/")
            return Link(label: label, href: href, isCurrent: isCurrent)
        }
        // The seed site's navigation, less the links whose features do not exist yet.
        var navigation = [
            link("Find a therapist", .therapists),
            link("Find a coach", .coaches),
            link("Need help with", .needHelpWith),
            link("Articles", .articles),
        ]
        self.footerLinks = [
            link("Approaches explained", .approaches),
            link("Which approach might suit me?", .whichApproach),
            link("Join as a therapist or coach", path: SiteURL.join.path),
            link("Therapist benefits", path: SiteURL.benefits.path),
            link("Need help with", .needHelpWith),
            link("Need urgent help?", .urgentHelp),
            link("About Rapport", .about),
            link("How Rapport works", .howRapportWorks),
            link("Privacy", .privacy),
            link("Terms", .terms),
            link("Accessibility", .accessibility),
            link("Contact us", .contact),
        ]
        self.urgentHelpHref = SiteURL.urgentHelp.path
        self.stylesheetHref = SiteURL.stylesheet.path
        self.scriptHref = SiteURL.script.path
        self.homeHref = SiteURL.home.path
        self.isSignedIn = account != nil
        self.needsEmailConfirmation = account.map { !$0.isEmailConfirmed } ?? false
        self.accountHref = SiteURL.account.path
        self.logoutHref = SiteURL.logout.path
        self.csrfToken = csrfToken
        switch account?.role {
        case nil: navigation.append(link("Log in / register", path: SiteURL.login.path))
        case .practitioner: navigation.append(link("Your dashboard", path: SiteURL.dashboard.path))
        case .admin: navigation.append(link("Admin", path: SiteURL.admin.path))
        case .member: break
        }
        self.navigation = navigation
    }
}

/// The context every template receives: the page's own view model, as `page`, and the site's
/// fixed paths, as `site`.
struct PageContext<Content: Encodable & Sendable>: Encodable, Sendable {
    let page: Content
    var site = SiteLinks.shared
}

extension Request {
    /// Renders a page: its Leaf template gives the body, which goes inside the base layout.
    /// Controllers fetch, view models shape, templates only display.
    func renderPage<Content: Encodable & Sendable>(
        _ template: String, title: String, description: String? = nil, _ content: Content, status: HTTPStatus = .ok,
        exitThisPage: Bool = false, feeds: [PageLayout.Feed] = []
    ) async throws -> Response {
        // A form shown again with problems says so in its title, as GOV.UK's pages do.
        let layout = try await pageLayout(
            title: status == .unprocessableEntity ? "Error: \(title)" : title, description: description, exitThisPage: exitThisPage, feeds: feeds)
        let view = try await self.view.render(template, PageContext(page: content))
        return Self.htmlResponse(layout.html(body: HTML(renderedTemplate: String(buffer: view.data))), status: status)
    }

    /// Renders a page whose body was written with `HTML` (the busiest pages; see the README)
    /// inside the same base layout.
    func renderPage(body: HTML, title: String, description: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        Self.htmlResponse(try await pageLayout(title: title, description: description).html(body: body), status: status)
    }

    private func pageLayout(title: String, description: String?, exitThisPage: Bool = false, feeds: [PageLayout.Feed] = []) async throws -> PageLayout {
        PageLayout(
            title: title, metaDescription: description, currentPath: url.path,
            showsDemoBanner: await application.demoDataStatus.isPresent(on: db), account: account,
            csrfToken: account != nil ? try await csrfToken() : "", showsExitThisPage: exitThisPage,
            publicURL: application.publicLink(""), feeds: feeds)
    }

    private static func htmlResponse(_ page: HTML, status: HTTPStatus) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: page.markup))
    }
}

/// An empty view model, for pages whose words all live in the template.
struct NoContent: Encodable, Sendable {}
