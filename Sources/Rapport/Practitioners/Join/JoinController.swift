import Fluent
import Vapor

/// "Join as a therapist or coach": the benefits page, and the way in, which makes a draft
/// profile. The profile, credentials and submission pages that follow are in
/// `ProfileEditingController`.
struct JoinController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.join.pathComponents, use: showJoin)
        routes.get(SiteURL.benefits.pathComponents, use: showBenefits)
        routes.post(SiteURL.join.pathComponents, use: start)
    }

    struct JoinView: Encodable, Sendable {
        let isSignedIn: Bool
        let registerHref: String
        let loginHref: String
    }

    /// `GET /join`: what joining gives, and the way in.
    @Sendable
    func showJoin(request: Request) async throws -> Response {
        if request.account != nil, try await request.ownProfile() != nil { return request.redirect(to: SiteURL.dashboard.path) }
        return try await renderJoin(request, problems: FormProblems())
    }

    private func renderJoin(_ request: Request, problems: FormProblems, status: HTTPStatus = .ok) async throws -> Response {
        let page = FormPage(
            csrfToken: request.account == nil ? "" : try await request.csrfToken(), problems: problems,
            fields: JoinView(
                isSignedIn: request.account != nil, registerHref: SiteURL.register(next: SiteURL.join.path),
                loginHref: SiteURL.login(next: SiteURL.join.path)))
        return try await request.renderPage(
            "practitioners/join/join", title: "Join as a therapist or coach",
            description: "List your practice on Rapport: a clear profile, enquiries from people who need you, and articles.", page,
            status: status)
    }

    /// `GET /therapist-benefits`: what listing on Rapport gives a therapist or coach.
    @Sendable
    func showBenefits(request: Request) async throws -> Response {
        try await request.renderPage(
            "practitioners/join/benefits", title: "Therapist benefits",
            description: "What listing on Rapport gives therapists and coaches: a clear profile, enquiries, articles and fair placement.",
            ["joinHref": SiteURL.join.path])
    }

    struct StartInput: Content {
        var kind: String?
    }

    /// `POST /join`: starts a draft profile of the chosen kind.
    @Sendable
    func start(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        if try await request.ownProfile() != nil { return request.redirect(to: SiteURL.dashboard.path) }
        guard let kind = try request.content.decode(StartInput.self).kind.flatMap(PractitionerKind.init(rawValue:)) else {
            var problems = FormProblems()
            problems.add("kind-therapist", "Please choose whether you join as a therapist or as a coach.")
            return try await renderJoin(request, problems: problems, status: .unprocessableEntity)
        }
        try await request.db.transaction { database in
            try await Practitioner.draft(kind: kind, for: account).create(on: database)
            if account.role == .member {
                account.role = .practitioner
                try await account.save(on: database)
            }
        }
        return request.redirect(to: SiteURL.dashboardProfile.path)
    }
}

extension Request {
    /// The practitioner profile of the signed-in account, if it has one.
    func ownProfile() async throws -> Practitioner? {
        guard let account, let id = account.id else { return nil }
        return try await Practitioner.owned(by: id, on: db).first()
    }

    /// The signed-in account's profile; without one, the join page.
    func requireOwnProfile() async throws -> Practitioner {
        _ = try requireAccount()
        guard let practitioner = try await ownProfile() else { throw Redirect(to: SiteURL.join.path) }
        return practitioner
    }
}
