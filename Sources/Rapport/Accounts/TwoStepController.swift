import Fluent
import Vapor

/// Setting up two-step login with an authenticator app, and (for admins) making other admins.
struct TwoStepController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.twoStep.pathComponents, use: showSetUp)
        routes.post(SiteURL.twoStep.pathComponents, use: confirmSetUp)
        routes.get(SiteURL.admins.pathComponents, use: showAdmins)
        routes.post(SiteURL.admins.pathComponents, use: makeAdmin)
    }

    struct SetUpView: Encodable, Sendable {
        let secret: String
        let provisioningURI: String
        let isRequired: Bool
        let recoveryCodes: [String]
        let accountHref: String
    }

    /// The session may be waiting for its second step: an admin without an authenticator sets
    /// one up here before they can go anywhere else.
    private func owner(_ request: Request) throws -> Account {
        if let account = request.account { return account }
        if let session = request.accountSession, session.awaitingSecondStep, !session.account.usesTwoStepLogin {
            return session.account
        }
        return try request.requireAccount()
    }

    /// `GET /account/two-step`: a new secret to add to an authenticator app. Only once the
    /// address is confirmed: someone who registers another person's address must not be able to
    /// lock a second step onto it before its owner arrives.
    @Sendable
    func showSetUp(request: Request) async throws -> Response {
        let account = try owner(request)
        if account.usesTwoStepLogin { return request.redirect(to: SiteURL.account.path) }
        guard account.isEmailConfirmed else { return request.redirect(to: SiteURL.account.with("done", "confirm-first")) }
        if account.sealedTOTPSecret == nil {
            try account.setTOTPSecret(TOTP.makeSecret(), request.application.dataKeys)
            try await account.save(on: request.db)
        }
        return try await render(request, account: account, problems: FormProblems(), codes: [])
    }

    private func render(_ request: Request, account: Account, problems: FormProblems, codes: [String], status: HTTPStatus = .ok) async throws -> Response {
        let secret = try account.totpSecret(request.application.dataKeys) ?? ""
        let view = SetUpView(
            secret: stride(from: 0, to: secret.count, by: 4).map { offset in
                String(secret.dropFirst(offset).prefix(4))
            }.joined(separator: " "),
            provisioningURI: TOTP.provisioningURI(secret: secret, email: account.email), isRequired: account.mustUseTwoStepLogin,
            recoveryCodes: codes, accountHref: SiteURL.account.path)
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("accounts/two-step", title: "Two-step login", page, status: status)
    }

    struct CodeFields: Content {
        var code: String?
    }

    /// `POST /account/two-step`: the first code proves the app is set up; recovery codes follow.
    @Sendable
    func confirmSetUp(request: Request) async throws -> Response {
        let account = try owner(request)
        guard account.isEmailConfirmed, let secret = try account.totpSecret(request.application.dataKeys), !account.usesTwoStepLogin else {
            return request.redirect(to: SiteURL.account.path)
        }
        try await request.countAttempt(.secondStepPerAccount, key: try account.requireID().uuidString)
        let code = try request.content.decode(CodeFields.self).code ?? ""
        guard try await TwoStepCodes.acceptFirst(code, secret: secret, for: account, on: request.db) else {
            var problems = FormProblems()
            problems.add("code", "That code didn't match. Check the app shows Rapport and try the code showing now.")
            return try await render(request, account: account, problems: problems, codes: [], status: .unprocessableEntity)
        }
        account.totpEnabledAt = Date()
        try await account.save(on: request.db)
        let codes = try await RecoveryCodes.make(for: account, on: request.db)
        SecurityLog.record("two-step login turned on", request: request, account: account.id)
        // The login is now complete, on a fresh session id.
        let response = try await render(request, account: account, problems: FormProblems(), codes: codes)
        if request.accountSession?.awaitingSecondStep == true {
            try await Sessions.start(for: account, awaitingSecondStep: false, request: request, response: response)
        }
        return response
    }

    struct AdminsView: Encodable, Sendable {
        let admins: [String]
        let email: String
    }

    /// `GET /account/admins`.
    @Sendable
    func showAdmins(request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        return try await renderAdmins(request, problems: FormProblems(), notice: nil)
    }

    private func renderAdmins(_ request: Request, problems: FormProblems, notice: String?, email: String = "", status: HTTPStatus = .ok) async throws -> Response {
        let admins = try await Account.query(on: request.db).filter(\.$role == .admin).sort(\.$email).all().map(\.email)
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, notice: notice, fields: AdminsView(admins: admins, email: email))
        return try await request.renderPage("accounts/admins", title: "Admins", page, status: status)
    }

    struct MakeAdminFields: Content {
        var email: String?
        var currentPassword: String?

        enum CodingKeys: String, CodingKey {
            case email
            case currentPassword = "current_password"
        }
    }

    /// `POST /account/admins`: makes an existing, confirmed account an admin. The granting
    /// admin types their password again (a session left open is not enough for this), and the
    /// grant goes in the audit log with the role change, in one transaction.
    @Sendable
    func makeAdmin(request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let fields = try request.content.decode(MakeAdminFields.self)
        let email = EmailAddress.normalised(fields.email ?? "")
        var problems = FormProblems()
        let account = try await Account.query(on: request.db).filter(\.$email == email).first()
        if account?.isEmailConfirmed != true {
            problems.add("email", "No account with a confirmed email uses that address. They need to register and confirm it first.")
        } else if account?.role == .admin {
            problems.add("email", "That account is already an admin.")
        }
        if !(try await Passwords.currentPasswordMatches(fields.currentPassword, for: admin, request: request)) {
            problems.add("current_password", "That isn't your current password, so nobody was made an admin.")
        }
        guard problems.isEmpty, let account else {
            return try await renderAdmins(request, problems: problems, notice: nil, email: email, status: .unprocessableEntity)
        }
        let previousRole = account.role
        try await request.db.transaction { database in
            account.role = .admin
            try await account.save(on: database)
            // Their existing sessions were made without the second step admins need.
            try await Sessions.endAll(for: try account.requireID(), on: database)
            try await AuditEntry.record(
                "made an admin", by: admin, practitioner: nil, detail: "\(email) (was \(previousRole.rawValue))", on: database)
        }
        SecurityLog.record("made an admin: account=\(account.id?.uuidString.lowercased() ?? "")", request: request, account: admin.id)
        return try await renderAdmins(request, problems: FormProblems(), notice: "\(email) is now an admin.")
    }
}

/// `rapport create-admin --email E`: makes the first admin. The password comes from standard
/// input (one line) or, at a terminal, a hidden prompt.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The admin's email address.")
        var email: String?
    }

    var help: String { "Creates an admin account (password read from standard input or a prompt)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let email = EmailAddress.normalised(signature.email ?? "")
        guard EmailAddress.isPlausible(email) else { throw ConfigurationError(variable: "--email", problem: "must be an email address") }
        let password = isatty(STDIN_FILENO) != 0 ? context.console.ask("Password (not shown):", isSecure: true) : (readLine(strippingNewline: true) ?? "")
        if let problem = Passwords.problem(with: password, email: email) { throw ConfigurationError(variable: "Password", problem: problem) }
        try await DatabasePreparation.prepare(app, migrate: true, demoCountIfEmpty: nil)
        guard try await Account.query(on: app.db).filter(\.$email == email).count() == 0 else {
            throw ConfigurationError(variable: "--email", problem: "already has an account; an admin can make it an admin at \(SiteURL.admins.path)")
        }
        let hash = try await app.password.async.hash(Passwords.prepared(password))
        let account = Account(email: email, passwordHash: hash, role: .admin)
        account.emailConfirmedAt = Date()
        try await app.db.transaction { database in
            try await account.create(on: database)
            // Every grant of admin is in the audit log, this one too: by the new admin, from the server.
            try await AuditEntry.record("made an admin", by: account, practitioner: nil, detail: "\(email) (with rapport create-admin)", on: database)
        }
        context.console.print("Created the admin \(email). They will set up two-step login when they first log in.")
    }
}
