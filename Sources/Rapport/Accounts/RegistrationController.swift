import Fluent
import SQLKit
import Vapor

/// Registering, confirming an address, and resetting a forgotten password. Each answers the same
/// whether or not an account already uses the address, so nobody can find out who has one.
struct RegistrationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.register.pathComponents, use: showRegister)
        routes.post(SiteURL.register.pathComponents, use: register)
        routes.get(SiteURL.checkEmail.pathComponents, use: checkEmail)
        routes.get(SiteURL.confirmEmail.pathComponents, use: confirmEmail)
        routes.get(SiteURL.forgotPassword.pathComponents, use: showForgot)
        routes.post(SiteURL.forgotPassword.pathComponents, use: forgot)
        routes.get(SiteURL.resetPassword.pathComponents, use: showReset)
        routes.post(SiteURL.resetPassword.pathComponents, use: reset)
    }

    struct EmailFields: Content {
        var email: String?
        var password: String?
        /// Where the person was going (such as `/join`), carried through confirmation.
        var next: String?
    }

    struct RegisterView: Encodable, Sendable {
        let email: String
        let next: String
        let loginHref: String
        let privacyHref: String
    }

    /// A same-site path to continue to after registering, or "" for none.
    static func continuation(_ next: String?) -> String {
        ReturnPath.validated(next) ?? ""
    }

    static func withNext(_ path: String, _ next: String) -> String {
        ReturnPath.adding(next, to: path)
    }

    /// `GET /register`.
    @Sendable
    func showRegister(request: Request) async throws -> Response {
        try await renderRegister(request, email: "", next: Self.continuation(try? request.query.get(String.self, at: "next")), problems: FormProblems())
    }

    private func renderRegister(_ request: Request, email: String, next: String, problems: FormProblems, status: HTTPStatus = .ok) async throws -> Response {
        let page = FormPage(
            csrfToken: try await request.csrfToken(), problems: problems,
            fields: RegisterView(email: email, next: next, loginHref: Self.withNext(SiteURL.login.path, next), privacyHref: SiteURL.privacy.path))
        return try await request.renderPage("accounts/register", title: "Create an account", page, status: status)
    }

    /// `POST /register`: a new address gets a confirmation link; a known one gets a note
    /// saying someone tried, and the page looks the same either way.
    @Sendable
    func register(request: Request) async throws -> Response {
        try await request.countAttempt(.registerPerAddress, key: request.clientAddress)
        let fields = try request.content.decode(EmailFields.self)
        let email = EmailAddress.normalised(fields.email ?? "")
        let password = fields.password ?? ""
        var problems = FormProblems()
        problems.require(EmailAddress.isPlausible(email), "email", "Please enter your email address, like name@example.org.")
        if let problem = Passwords.problem(with: password, email: email) { problems.add("password", problem) }
        let next = Self.continuation(fields.next)
        guard problems.isEmpty else { return try await renderRegister(request, email: email, next: next, problems: problems, status: .unprocessableEntity) }

        let hash = try await Passwords.hash(password, on: request)
        let existing = try await Account.query(on: request.db).filter(\.$email == email).first()
        // The owner of a known address is told at most a few times an hour, however often
        // someone tries it; the page looks the same either way.
        let tellsOwner = existing != nil ? try await request.isWithinLimit(.unaskedMailPerRecipient, key: email) : false
        try await request.db.transaction { database in
            if existing != nil {
                guard tellsOwner else { return }
                let message = AlreadyRegisteredMessage(loginLink: request.publicLink(.login), resetLink: request.publicLink(.forgotPassword))
                try await Mailer.enqueue(message, to: email, app: request.application, on: database)
            } else {
                let account = Account(email: email, passwordHash: hash, role: .member)
                try await account.create(on: database)
                try await Self.sendConfirmation(to: account, next: next, request: request, on: database)
            }
        }
        SecurityLog.record("registration form sent", request: request)
        return request.redirect(to: SiteURL.checkEmail.path)
    }

    static func sendConfirmation(to account: Account, next: String = "", request: Request, on database: any Database) async throws {
        let token = try await AccountTokens.issue(.confirmEmail, for: account, lifetime: 48 * 3600, on: database)
        let link = request.publicLink(ReturnPath.adding(next, to: SiteURL.confirmEmail.with("token", token)))
        try await Mailer.enqueue(ConfirmEmailMessage(link: link), to: account.email, app: request.application, on: database)
    }

    /// `GET /register/check-email`.
    @Sendable
    func checkEmail(request: Request) async throws -> Response {
        try await request.renderPage("accounts/check-email", title: "Check your email", ["loginHref": SiteURL.login.path])
    }

    /// `GET /account/confirm-email?token=…`.
    @Sendable
    func confirmEmail(request: Request) async throws -> Response {
        let token = (try? request.query.get(String.self, at: "token")) ?? ""
        guard let record = try await AccountTokens.redeem(token, purpose: .confirmEmail, on: request.db) else {
            return try await request.renderPage(
                "accounts/link-problem", title: "That link has expired",
                ["message": "That confirmation link has expired or has already been used. Log in and ask for a new one from your account page.", "loginHref": SiteURL.login.path],
                status: .gone)
        }
        let account = try await record.$account.get(on: request.db)
        account.emailConfirmedAt = Date()
        try await account.save(on: request.db)
        let next = Self.continuation(try? request.query.get(String.self, at: "next"))
        return try await request.renderPage(
            "accounts/confirmed", title: "Email confirmed",
            ["accountHref": SiteURL.account.path, "loginHref": Self.withNext(SiteURL.login.path, next),
             "continueHref": next.isEmpty ? "" : (request.account != nil ? next : Self.withNext(SiteURL.login.path, next))])
    }

    /// `GET /forgot-password`.
    @Sendable
    func showForgot(request: Request) async throws -> Response {
        let page = FormPage(csrfToken: try await request.csrfToken(), fields: ["email": ""])
        return try await request.renderPage("accounts/forgot-password", title: "Forgotten your password?", page)
    }

    /// `POST /forgot-password`: a single-use link valid for one hour, if the address has an account.
    /// Limits are per address, and per account from that address, so a stranger asking for
    /// the owner's link never stops the owner asking. Beyond a few links an hour to one inbox
    /// no more are sent: the owner already has working ones there.
    @Sendable
    func forgot(request: Request) async throws -> Response {
        let address = request.clientAddress
        try await request.countAttempt(.resetPerAddress, key: address)
        let email = EmailAddress.normalised(try request.content.decode(EmailFields.self).email ?? "")
        try await request.countAttempt(.resetPerAccountAndAddress, key: RateLimitKey.pair(email, address))
        if let account = try await Account.query(on: request.db).filter(\.$email == email).first(),
            try await request.isWithinLimit(.unaskedMailPerRecipient, key: email)
        {
            try await request.db.transaction { database in
                let token = try await AccountTokens.issue(.resetPassword, for: account, lifetime: 3600, on: database)
                let message = ResetPasswordMessage(link: request.publicLink(SiteURL.resetPassword.with("token", token)))
                try await Mailer.enqueue(message, to: account.email, app: request.application, on: database)
            }
        }
        return try await request.renderPage(
            "accounts/check-email", title: "Check your email",
            ["loginHref": SiteURL.login.path, "reset": "yes"])
    }

    /// `GET /reset-password?token=…`.
    @Sendable
    func showReset(request: Request) async throws -> Response {
        let token = (try? request.query.get(String.self, at: "token")) ?? ""
        guard try await AccountTokens.find(token, purpose: .resetPassword, on: request.db) != nil else {
            return try await resetLinkProblem(request)
        }
        let page = FormPage(csrfToken: try await request.csrfToken(), fields: ["token": token])
        return try await request.renderPage("accounts/reset-password", title: "Choose a new password", page)
    }

    struct ResetFields: Content {
        var token: String?
        var password: String?
    }

    /// `POST /reset-password`: sets the password, ends every session, cancels every other
    /// emailed link (a pending change of address among them), tells the address.
    @Sendable
    func reset(request: Request) async throws -> Response {
        let fields = try request.content.decode(ResetFields.self)
        let token = fields.token ?? ""
        guard let record = try await AccountTokens.find(token, purpose: .resetPassword, on: request.db) else {
            return try await resetLinkProblem(request)
        }
        let account = try await record.$account.get(on: request.db)
        if let problem = Passwords.problem(with: fields.password ?? "", email: account.email) {
            var problems = FormProblems()
            problems.add("password", problem)
            let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: ["token": token])
            return try await request.renderPage("accounts/reset-password", title: "Choose a new password", page, status: .unprocessableEntity)
        }
        let hash = try await Passwords.hash(fields.password ?? "", on: request)
        let redeemed = try await request.db.transaction { database -> Bool in
            // Two posts of one link race here: the database lets exactly one of them through.
            guard try await AccountTokens.redeem(token, purpose: .resetPassword, on: database) != nil else { return false }
            account.passwordHash = hash
            if account.emailConfirmedAt == nil {
                // Following the link proves the address. Anything set up before it was proved was
                // set up by whoever registered it, who may not be its owner.
                account.emailConfirmedAt = Date()
                try await account.clearTwoStepLogin(on: database)
            }
            try await account.save(on: database)
            try await AccountTokens.revokeAll(for: try account.requireID(), on: database)
            try await Sessions.endAll(for: try account.requireID(), on: database)
            let message = PasswordChangedMessage(resetLink: request.publicLink(.forgotPassword))
            try await Mailer.enqueue(message, to: account.email, app: request.application, on: database)
            return true
        }
        guard redeemed else { return try await resetLinkProblem(request) }
        SecurityLog.record("password reset", request: request, account: account.id)
        return request.redirect(to: SiteURL.login.path + "?reset=done")
    }

    private func resetLinkProblem(_ request: Request) async throws -> Response {
        try await request.renderPage(
            "accounts/link-problem", title: "That link has expired",
            ["message": "That link has expired or has already been used. Links to reset a password last one hour.", "loginHref": SiteURL.forgotPassword.path],
            status: .gone)
    }
}

/// Single-use emailed links. Only a hash of each token is kept.
enum AccountTokens {
    static func issue(
        _ purpose: AccountToken.Purpose, for account: Account, lifetime: TimeInterval, newEmail: String? = nil, on database: any Database
    ) async throws -> String {
        let token = SecretToken.make()
        let record = AccountToken()
        record.tokenHash = SecretToken.hash(token)
        record.$account.id = try account.requireID()
        record.purpose = purpose
        record.newEmail = newEmail
        record.expiresAt = Date().addingTimeInterval(lifetime)
        try await record.create(on: database)
        return token
    }

    static func find(_ token: String, purpose: AccountToken.Purpose, on database: any Database) async throws -> AccountToken? {
        guard !token.isEmpty else { return nil }
        return try await AccountToken.query(on: database)
            .filter(\.$tokenHash == SecretToken.hash(token)).filter(\.$purpose == purpose)
            .filter(\.$usedAt == nil).filter(\.$expiresAt > Date())
            .first()
    }

    /// Marks the token used, in one conditional update so that of two requests racing with
    /// one link exactly one gets it; nil if it was not valid (or the other request won).
    /// The update comes first, so inside a transaction it takes the write lock before any read.
    static func redeem(_ token: String, purpose: AccountToken.Purpose, on database: any Database, now: Date = Date()) async throws -> AccountToken? {
        guard !token.isEmpty else { return nil }
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "single-use links") }
        let claimed = try await sql.update(AccountToken.schema).set("used_at", to: now)
            .where("token_hash", .equal, SecretToken.hash(token)).where("purpose", .equal, purpose.rawValue)
            .where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now)
            .returning("id").all()
        guard let id = try claimed.first?.decode(column: "id", as: UUID.self) else { return nil }
        return try await AccountToken.find(id, on: database)
    }

    /// Cancels every unused emailed link of the account (resets and changes of address): after
    /// a password reset or change, or "sign out everywhere", nothing sent earlier may still work.
    static func revokeAll(for accountID: UUID, on database: any Database) async throws {
        try await AccountToken.query(on: database).filter(\.$account.$id == accountID)
            .filter(\.$purpose ~~ [.resetPassword, .changeEmail]).filter(\.$usedAt == nil).delete()
    }
}
