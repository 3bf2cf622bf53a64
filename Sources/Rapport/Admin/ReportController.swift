import Fluent
import Vapor

/// "Report this profile": anyone, signed in or not, can tell us something worries them. The
/// report goes to the admins' moderation queue; nothing about the reporter is kept.
struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.report(slug: SiteURL.slug).pathComponents, use: show)
        routes.post(SiteURL.report(slug: SiteURL.slug).pathComponents, use: send)
    }

    struct ReportView: Encodable, Sendable {
        let name: String
        let action: String
        let profileHref: String
        let reasons: [ProfileForm.Choice]
        let details: String
        let sent: Bool
    }

    struct Input: Content {
        var reason: String?
        var details: String?
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let practitioner = try await listed(request)
        return try await render(request, practitioner, input: Input(), problems: FormProblems(), sent: false)
    }

    @Sendable
    func send(request: Request) async throws -> Response {
        try await request.countAttempt(.reportPerAddress, key: request.clientAddress)
        let practitioner = try await listed(request)
        let input = try request.content.decode(Input.self)
        let details = (input.details ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems = FormProblems()
        problems.require(ProfileReport.reasons.contains { $0.value == input.reason }, "reason", "Please choose what worries you.")
        problems.require(details.count <= 2000, "details", "Please keep it to 2,000 characters.")
        guard problems.isEmpty, let reason = input.reason else {
            return try await render(request, practitioner, input: input, problems: problems, sent: false, status: .unprocessableEntity)
        }
        let report = ProfileReport()
        report.$practitioner.id = try practitioner.requireID()
        report.reason = reason
        report.details = details
        report.createdAt = Date()
        try await report.create(on: request.db)
        return try await render(request, practitioner, input: Input(), problems: FormProblems(), sent: true)
    }

    private func listed(_ request: Request) async throws -> Practitioner {
        guard let slug = request.parameters.get("slug"),
              let practitioner = try await Practitioner.publiclyListed(on: request.db).filter(\.$slug == slug).first() else {
            throw Abort(.notFound)
        }
        return practitioner
    }

    private func render(_ request: Request, _ practitioner: Practitioner, input: Input, problems: FormProblems, sent: Bool, status: HTTPStatus = .ok) async throws -> Response {
        let profile = SiteURL.practitioner(slug: practitioner.slug).path
        let view = ReportView(
            name: practitioner.displayName, action: SiteURL.report(slug: practitioner.slug).path, profileHref: profile,
            reasons: ProfileReport.reasons.map { .init(value: $0.value, label: $0.label, checked: $0.value == input.reason) },
            details: input.details ?? "", sent: sent)
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("practitioners/report", title: "Report a profile", page, status: status)
    }
}
