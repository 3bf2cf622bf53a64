import Fluent
import Vapor

/// An email Rapport sends: the typed fields its template (`Resources/Views/emails/<template>`)
/// reads, and its subject. Every email is one of these, so a template never reads a key that a
/// caller forgot.
protocol Email: Encodable, Sendable {
    /// Computed, so it is not part of what the template reads.
    var template: String { get }
    var subject: String { get }
}

extension Mailer {
    /// Renders `email` and puts it in the outbox, in the caller's transaction. `sendAfter` and
    /// `reference` are for reminders: sent later, and taken back if the thing they remind of changes.
    static func enqueue(
        _ email: some Email, to recipient: String, attachments: [Attachment] = [], app: Application, on database: any Database,
        sendAfter: Date? = nil, reference: String? = nil
    ) async throws {
        let body = try await app.emailText(email.template, email)
        try await enqueue(
            .init(to: recipient, subject: email.subject, body: body, attachments: attachments), keys: app.dataKeys, on: database,
            now: app.now, sendAfter: sendAfter, reference: reference)
    }
}

extension Application {
    /// Renders a plain-text email from `Resources/Views/emails/` (also outside a request, for
    /// scheduled jobs). Leaf escapes for HTML; a plain-text email wants the characters back.
    func emailText<Context: Encodable & Sendable>(_ template: String, _ context: Context) async throws -> String {
        let view = try await self.view.render("emails/\(template)", context).get()
        return String(buffer: view.data)
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    }

    /// An absolute link for emails, from the public address.
    func publicLink(_ path: String) -> String {
        var base = settings.publicURL.absoluteString
        if base.hasSuffix("/") { base.removeLast() }
        return base + path
    }

    func publicLink(_ url: SiteURL) -> String { publicLink(url.path) }
}

extension Request {
    func publicLink(_ path: String) -> String { application.publicLink(path) }
    func publicLink(_ url: SiteURL) -> String { application.publicLink(url) }
}
