import Fluent
import Vapor

/// "Join as a therapist or coach": the benefits page, then a guided flow of profile,
/// credentials and submission for review. Each step saves what was entered, so a person can
/// stop and come back. The same profile and credentials pages serve for editing later.
struct JoinController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("join", use: showJoin)
        routes.get("therapist-benefits", use: showBenefits)
        routes.post("join", use: start)
        routes.get("dashboard", "profile", use: showProfile)
        routes.post("dashboard", "profile", use: saveProfile)
        routes.get("dashboard", "credentials", use: showCredentials)
        // A document of up to 5 MB, plus the other fields and the multipart framing.
        routes.on(.POST, "dashboard", "credentials", body: .collect(maxSize: "6mb"), use: saveCredentials)
            .userInfo[CSRFMiddleware.uploadLimitKey] = 6 * 1024 * 1024
        routes.get("dashboard", "submit", use: showSubmit)
        routes.post("dashboard", "submit", use: submit)
    }

    struct JoinView: Encodable, Sendable {
        let isSignedIn: Bool
        let registerHref: String
        let loginHref: String
    }

    /// `GET /join`: what joining gives, and the way in.
    @Sendable
    func showJoin(request: Request) async throws -> Response {
        if request.account != nil, try await request.ownProfile() != nil { return request.redirect(to: PractitionerURL.dashboard) }
        let page = FormPage(
            csrfToken: request.account == nil ? "" : try await request.csrfToken(),
            fields: JoinView(
                isSignedIn: request.account != nil, registerHref: ReturnPath.adding(PractitionerURL.join, to: AccountURL.register),
                loginHref: ReturnPath.adding(PractitionerURL.join, to: AccountURL.login)))
        return try await request.renderPage(
            "practitioners/join/join", title: "Join as a therapist or coach",
            description: "List your practice on Rapport: a clear profile, enquiries from people who need you, and articles.", page)
    }

    /// `GET /therapist-benefits`: what listing on Rapport gives a therapist or coach.
    @Sendable
    func showBenefits(request: Request) async throws -> Response {
        try await request.renderPage(
            "practitioners/join/benefits", title: "Therapist benefits",
            description: "What listing on Rapport gives therapists and coaches: a clear profile, enquiries, articles and fair placement.",
            ["joinHref": PractitionerURL.join])
    }

    struct StartInput: Content {
        var kind: String?
    }

    /// `POST /join`: starts a draft profile of the chosen kind.
    @Sendable
    func start(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        if try await request.ownProfile() != nil { return request.redirect(to: PractitionerURL.dashboard) }
        guard let kind = try request.content.decode(StartInput.self).kind.flatMap(PractitionerKind.init(rawValue:)) else {
            throw Abort(.badRequest, reason: "Please choose whether you join as a therapist or as a coach.")
        }
        try await request.db.transaction { database in
            try await Practitioner.draft(kind: kind, for: account).create(on: database)
            if account.role == .member {
                account.role = .practitioner
                try await account.save(on: database)
            }
        }
        return request.redirect(to: PractitionerURL.profile)
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
            return request.redirect(to: practitioner.isInJoinFlow ? PractitionerURL.credentials : PractitionerURL.dashboard + "?saved=" + saved)
        }
    }

    private func renderProfile(_ request: Request, _ practitioner: Practitioner, input: ProfileForm.Input, problems: FormProblems, status: HTTPStatus = .ok) async throws -> Response {
        let (topics, approaches) = try await Self.taxonomies(request.db)
        let page = FormPage(
            csrfToken: try await request.csrfToken(), problems: problems,
            fields: StepView(steps: JoinStep.all(current: .profile, practitioner), form: ProfileForm.view(input, kind: practitioner.kind, topics: topics, approaches: approaches)))
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
            return request.redirect(to: practitioner.isInJoinFlow ? PractitionerURL.submit : PractitionerURL.dashboard + "?saved=" + saved)
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
                status: practitioner.verificationStatus.rawValue, previewHref: PractitionerURL.preview, accountHref: AccountURL.account)))
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
        return request.redirect(to: PractitionerURL.dashboard + "?saved=submitted")
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
            JoinStep(label: "Your profile", href: PractitionerURL.profile, isCurrent: current == .profile, isDone: !practitioner.headline.isEmpty),
            JoinStep(label: "Your credentials", href: PractitionerURL.credentials, isCurrent: current == .credentials, isDone: practitioner.insuranceConfirmed),
            JoinStep(label: "Send for review", href: PractitionerURL.submit, isCurrent: current == .submit, isDone: false),
        ]
    }
}

/// A join or edit page: the steps (empty once joined) and the form.
struct StepView<Form: Encodable & Sendable>: Encodable, Sendable {
    let steps: [JoinStep]
    let form: Form
}

enum PractitionerURL {
    static let join = "/join"
    static let benefits = "/therapist-benefits"
    static let dashboard = "/dashboard"
    static let profile = "/dashboard/profile"
    static let credentials = "/dashboard/credentials"
    static let submit = "/dashboard/submit"
    static let preview = "/dashboard/preview"
    static let availability = "/dashboard/availability"
    static let visibility = "/dashboard/visibility"
}

extension Practitioner {
    /// A new, empty profile: hidden from everyone until complete, submitted and verified.
    static func draft(kind: PractitionerKind, for account: Account) throws -> Practitioner {
        let practitioner = Practitioner()
        practitioner.kind = kind
        practitioner.displayName = ""
        practitioner.slug = "draft-" + UUID().uuidString.lowercased()
        practitioner.headline = ""
        practitioner.about = ""
        practitioner.qualifications = ""
        practitioner.insuranceConfirmed = false
        practitioner.verificationStatus = .unverified
        practitioner.visibility = .visible
        practitioner.accountID = try account.requireID()
        practitioner.offersInPerson = false
        practitioner.offersOnline = false
        practitioner.offersPhone = false
        practitioner.feeMinPence = 0
        practitioner.feeMaxPence = 0
        practitioner.concessions = false
        practitioner.freeFirstConversation = false
        practitioner.worksWithIndividuals = false
        practitioner.worksWithCouples = false
        practitioner.worksWithFamilies = false
        practitioner.worksWithYoungPeople = false
        practitioner.acceptingNewClients = true
        practitioner.availabilityConfirmedOn = LondonCalendar.today()
        practitioner.shuffleSeed = Int.random(in: 0..<DailyShuffle.modulus)
        practitioner.isDemo = false
        return practitioner
    }

    func clearPendingCredentials() {
        pendingDisplayName = nil
        pendingProfessionalBody = nil
        pendingRegistrationNumber = nil
        pendingQualifications = nil
        credentialsChangeSentAt = nil
    }

    /// Not yet sent for review (or sent back): the pages show the join steps.
    var isInJoinFlow: Bool { verificationStatus == .unverified }

    /// What still needs filling in before review, in words.
    var missingForReview: [String] {
        var missing: [String] = []
        if headline.isEmpty { missing.append("Your profile") }
        if !insuranceConfirmed { missing.append("Your credentials, with confirmation of your insurance") }
        if kind == .therapist && (professionalBody ?? "").isEmpty { missing.append("Your professional body and registration number") }
        return missing
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
        guard let practitioner = try await ownProfile() else { throw Redirect(to: PractitionerURL.join) }
        return practitioner
    }
}
