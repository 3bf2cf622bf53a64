import Fluent
import Vapor

/// The pages about Rapport itself (About, How Rapport works, Terms, Accessibility), written in
/// Markdown under `Resources/Content/pages/`, and "Contact us", which reaches the admins through
/// the outbox. ("Get in touch" always means a practitioner's enquiry form.)
struct SiteContentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        for (url, slug) in Self.pages {
            routes.get(url.pathComponents) { request in try await Self.page(request, slug: slug) }
        }
        routes.get(SiteURL.contact.pathComponents, use: showContact)
        routes.post(SiteURL.contact.pathComponents, use: sendContact)
    }

    static let pages: [(SiteURL, String)] = [
        (.about, "about"), (.howRapportWorks, "how-rapport-works"), (.terms, "terms"), (.accessibility, "accessibility"),
    ]

    struct PageView: Encodable, Sendable {
        let title: String
        let html: String
        let lastReviewed: String
        let lastReviewedISO: String
        let nextReview: String
    }

    /// `GET /about`, `/how-rapport-works`, `/terms` and `/accessibility`.
    static func page(_ request: Request, slug: String) async throws -> Response {
        guard let page = request.application.content.pages[slug] else { throw Abort(.notFound) }
        return try await request.renderPage("content/page", title: page.name, description: page.summary, view(page))
    }

    static func view(_ page: ContentPage) -> PageView {
        PageView(
            title: page.name, html: page.html, lastReviewed: LondonCalendar.longDisplay(ofDay: page.lastReviewed),
            lastReviewedISO: page.lastReviewed, nextReview: LondonCalendar.longDisplay(ofDay: page.nextReview))
    }

    struct ContactView: Encodable, Sendable {
        let intro: PageView?
        let name: String
        let email: String
        let message: String
        let sent: Bool
    }

    struct ContactInput: Content {
        var name: String?
        var email: String?
        var message: String?
        var website: String?
    }

    /// `GET /contact`: a form that reaches the Rapport team.
    @Sendable
    func showContact(request: Request) async throws -> Response {
        try await renderContact(request, input: ContactInput(), problems: FormProblems(), sent: request.queryValues["done"] == "sent")
    }

    private func renderContact(_ request: Request, input: ContactInput, problems: FormProblems, sent: Bool = false, status: HTTPStatus = .ok) async throws -> Response {
        let view = ContactView(
            intro: request.application.content.pages["contact"].map(Self.view), name: input.name ?? "", email: input.email ?? "",
            message: input.message ?? "", sent: sent)
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("content/contact", title: "Contact us", description: "Write to the Rapport team.", page, status: status)
    }

    /// `POST /contact`: every admin is emailed, through the outbox (sealed there like all mail).
    @Sendable
    func sendContact(request: Request) async throws -> Response {
        let input = try request.content.decode(ContactInput.self)
        if let trap = input.website, !trap.isEmpty { return request.redirect(to: SiteURL.contact.with("done", "sent")) }
        let name = (input.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let email = EmailAddress.normalised(input.email ?? "")
        let message = (input.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems = FormProblems()
        problems.require((1...80).contains(name.count), "name", "Please tell us your name (up to 80 characters).")
        problems.require(EmailAddress.isPlausible(email), "email", "Please enter your email address, like name@example.org, so we can reply.")
        problems.require((2...5_000).contains(message.count), "message", "Please write your message, up to 5,000 characters.")
        guard problems.isEmpty else { return try await renderContact(request, input: input, problems: problems, status: .unprocessableEntity) }
        try await request.countAttempt(.contactPerAddress, key: request.clientAddress)
        let admins = try await Account.query(on: request.db).filter(\.$role == .admin).all()
        try await request.db.transaction { database in
            for admin in admins {
                let mail = ContactMessage(name: name, email: email, message: message)
                try await Mailer.enqueue(mail, to: admin.email, app: request.application, on: database)
            }
        }
        return request.redirect(to: SiteURL.contact.with("done", "sent"))
    }
}

/// A message to the team from "Contact us". It is written to the team, who reply by email.
struct ContactMessage: Email {
    var template: String { "contact" }
    let name: String
    let email: String
    let message: String
    var subject: String { "A message to Rapport from the Contact us page" }
}

extension RateLimit {
    static let contactPerAddress = RateLimit(name: "contact-ip", limit: 5, windowSeconds: 3600)
}
