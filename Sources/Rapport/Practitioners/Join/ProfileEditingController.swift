import Fluent
import Vapor

/// A practitioner's own profile, credentials and sending it for review: the guided steps after
/// joining, and the same pages for editing later. Each step saves what was entered, so a person
/// can stop and come back.
struct ProfileEditingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.dashboardProfile.pathComponents, use: showProfile)
        routes.post(SiteURL.dashboardProfile.pathComponents, use: saveProfile)
        routes.get(SiteURL.credentials.pathComponents, use: showCredentials)
        // A document of up to 5 MB, plus the other fields and the multipart framing.
        routes.on(.POST, SiteURL.credentials.pathComponents, body: .collect(maxSize: "6mb"), use: saveCredentials)
            .userInfo[CSRFMiddleware.uploadLimitKey] = 6 * 1024 * 1024
        routes.get(SiteURL.submit.pathComponents, use: showSubmit)
        routes.post(SiteURL.submit.pathComponents, use: submit)
    }

    // MARK: - Profile

    @Sendable
    func showProfile(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        try await practitioner.$topics.load(on: request.db)
        try await practitioner.$approaches.load(on: request.db)
        try await practitioner.$locations.load(on: request.db)
        try await practitioner.$languages.load(on: request.db)
        let input = practitioner.headline.isEmpty ? ProfileForm.Input(languages: "English") : ProfileForm.input(from: practitioner)
        return try await renderProfile(request, practitioner, input: input, problems: FormProblems())
    }

    @Sendable
    func saveProfile(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        let input = try request.content.decode(ProfileForm.Input.self)
        let (topics, approaches) = try await Self.taxonomies(request.db)
        switch ProfileForm.check(input, kind: practitioner.kind, topics: topics, approaches: approaches, gazetteer: request.application.gazetteer) {
        case .failure(let list):
            return try await renderProfile(request, practitioner, input: input, problems: list.problems, status: .unprocessableEntity)
        case .success(let checked):
            try await request.db.transaction { try await ProfileForm.save(checked, to: practitioner, on: $0) }
            let saved = practitioner.pendingDisplayName == nil ? "profile" : "profile-name-sent"
            return request.redirect(to: practitioner.isInJoinFlow ? SiteURL.credentials.path : SiteURL.dashboard.with("saved", saved))
        }
    }

    private func renderProfile(_ request: Request, _ practitioner: Practitioner, input: ProfileForm.Input, problems: FormProblems, status: HTTPStatus = .ok) async throws -> Response {
        let (topics, approaches) = try await Self.taxonomies(request.db)
        let page = FormPage(
            csrfToken: try await request.csrfToken(), problems: problems,
            fields: StepView(steps: JoinStep.all(current: .profile, practitioner), form: ProfileForm.view(
                input, kind: practitioner.kind, topics: topics, approaches: approaches,
                nameChangesNeedReview: practitioner.verificationStatus == .verified)))
        return try await request.renderPage("practitioners/join/profile", title: "Your profile", page, status: status)
    }

    private static func taxonomies(_ database: any Database) async throws -> ([Topic], [Approach]) {
        (try await Topic.query(on: database).sort(\.$name).all(), try await Approach.query(on: database).sort(\.$name).all())
    }

    // MARK: - Credentials

    @Sendable
    func showCredentials(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        let waiting = practitioner.credentialsChangeSentAt != nil
        let input = CredentialsForm.Input(
            professionalBody: waiting ? practitioner.pendingProfessionalBody : practitioner.professionalBody,
            registrationNumber: waiting ? practitioner.pendingRegistrationNumber : practitioner.registrationNumber,
            qualifications: waiting ? practitioner.pendingQualifications : practitioner.qualifications,
            insurance: practitioner.insuranceConfirmed ? "yes" : nil)
        return try await renderCredentials(request, practitioner, input: input, problems: FormProblems())
    }

    @Sendable
    func saveCredentials(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        let input = try request.content.decode(CredentialsForm.Input.self)
        if let file = input.document, file.data.readableBytes > 0 {
            try await request.countAttempt(.uploadsPerAccount, key: try request.requireAccount().requireID().uuidString)
        }
        let stored = try await CredentialDocument.listed(for: practitioner.requireID(), on: request.db)
        switch CredentialsForm.check(input, kind: practitioner.kind, stored: (stored.count, stored.reduce(0) { $0 + $1.byteCount })) {
        case .failure(let list):
            return try await renderCredentials(request, practitioner, input: input, problems: list.problems, status: .unprocessableEntity)
        case .success(let checked):
            try await request.db.transaction { try await CredentialsForm.save(checked, to: practitioner, on: $0) }
            let saved = practitioner.verificationStatus == .verified ? "credentials-sent" : "credentials"
            return request.redirect(to: practitioner.isInJoinFlow ? SiteURL.submit.path : SiteURL.dashboard.with("saved", saved))
        }
    }

    private func renderCredentials(_ request: Request, _ practitioner: Practitioner, input: CredentialsForm.Input, problems: FormProblems, status: HTTPStatus = .ok) async throws -> Response {
        let documents = try await CredentialDocument.listed(for: practitioner.requireID(), on: request.db).map(\.sizedName)
        let page = FormPage(
            csrfToken: try await request.csrfToken(), problems: problems,
            fields: StepView(steps: JoinStep.all(current: .credentials, practitioner),
                             form: CredentialsForm.view(input, kind: practitioner.kind, documents: documents, changesNeedReview: practitioner.verificationStatus == .verified)))
        return try await request.renderPage("practitioners/join/credentials", title: "Your credentials", page, status: status)
    }

    // MARK: - Submit

    struct SubmitView: Encodable, Sendable {
        let missing: [String]
        let needsEmailConfirmation: Bool
        let status: String
        let previewHref: String
        let accountHref: String
    }

    @Sendable
    func showSubmit(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        return try await renderSubmit(request, practitioner)
    }

    private func renderSubmit(_ request: Request, _ practitioner: Practitioner, status: HTTPStatus = .ok) async throws -> Response {
        let account = try request.requireAccount()
        let page = FormPage(
            csrfToken: try await request.csrfToken(),
            fields: StepView(steps: JoinStep.all(current: .submit, practitioner), form: SubmitView(
                missing: practitioner.missingForReview, needsEmailConfirmation: !account.isEmailConfirmed,
                status: practitioner.verificationStatus.rawValue, previewHref: SiteURL.preview.path, accountHref: SiteURL.account.path)))
        return try await request.renderPage("practitioners/join/submit", title: "Send for review", page, status: status)
    }

    /// `POST /dashboard/submit`: into the admins' queue, only when complete and with a
    /// confirmed email address.
    @Sendable
    func submit(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        let practitioner = try await request.requireOwnProfile()
        guard account.isEmailConfirmed, practitioner.missingForReview.isEmpty,
              [.unverified, .rejected].contains(practitioner.verificationStatus) else {
            return try await renderSubmit(request, practitioner, status: .unprocessableEntity)
        }
        practitioner.verificationStatus = .pending
        practitioner.submittedAt = Date()
        try await practitioner.save(on: request.db)
        return request.redirect(to: SiteURL.dashboard.with("saved", "submitted"))
    }
}

/// The join flow's progress bar.
struct JoinStep: Encodable, Sendable {
    enum Name: String { case profile, credentials, submit }

    let label: String
    let href: String
    let isCurrent: Bool
    let isDone: Bool

    static func all(current: Name, _ practitioner: Practitioner) -> [JoinStep] {
        guard practitioner.isInJoinFlow else { return [] }
        return [
            JoinStep(label: "Your profile", href: SiteURL.dashboardProfile.path, isCurrent: current == .profile, isDone: !practitioner.headline.isEmpty),
            JoinStep(label: "Your credentials", href: SiteURL.credentials.path, isCurrent: current == .credentials, isDone: practitioner.insuranceConfirmed),
            JoinStep(label: "Send for review", href: SiteURL.submit.path, isCurrent: current == .submit, isDone: false),
        ]
    }
}

/// A join or edit page: the steps (empty once joined) and the form.
struct StepView<Form: Encodable & Sendable>: Encodable, Sendable {
    let steps: [JoinStep]
    let form: Form
}
