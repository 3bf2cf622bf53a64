import Fluent
import SQLKit
import Vapor

/// Logging in (with the second step for those who use one) and out.
struct LoginController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.login.pathComponents, use: showLogin)
        routes.post(SiteURL.login.pathComponents, use: login)
        routes.get(SiteURL.loginCode.pathComponents, use: showCode)
        routes.post(SiteURL.loginCode.pathComponents, use: enterCode)
        routes.post(SiteURL.logout.pathComponents, use: logout)
    }

    struct LoginFields: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct LoginView: Encodable, Sendable {
        let email: String
        let next: String
        let registerHref: String
        let forgotHref: String
    }

    /// `GET /login`.
    @Sendable
    func showLogin(request: Request) async throws -> Response {
        if request.account != nil { return request.redirect(to: SiteURL.account.path) }
        let next = ReturnPath.validated(try? request.query.get(String.self, at: "next")) ?? ""
        return try await render(request, email: "", next: next, problems: FormProblems())
    }

    private func render(_ request: Request, email: String, next: String, problems: FormProblems, status: HTTPStatus = .ok) async throws -> Response {
        let page = FormPage(
            csrfToken: try await request.csrfToken(), problems: problems,
            fields: LoginView(email: email, next: next, registerHref: SiteURL.register.path, forgotHref: SiteURL.forgotPassword.path))
        return try await request.renderPage("accounts/login", title: "Log in", page, status: status)
    }

    /// `POST /login`: the same answer for an unknown email as for a wrong password. Failures are
    /// counted per address, and per account from that address, so someone guessing from one
    /// place is stopped without locking the owner out everywhere else.
    @Sendable
    func login(request: Request) async throws -> Response {
        let fields = try request.content.decode(LoginFields.self)
        let email = EmailAddress.normalised(fields.email ?? "")
        let password = fields.password ?? ""
        let address = request.clientAddress
        let accountFromAddress = RateLimitKey.pair(email, address)
        try await request.refuseIfOverLimit(.loginFailuresPerAddress, key: address)
        try await request.refuseIfOverLimit(.loginFailuresPerAccountAndAddress, key: accountFromAddress)

        let account = try await Account.query(on: request.db).filter(\.$email == email).first()
        let matches = try await Passwords.verify(password, against: account?.passwordHash, on: request)
        guard let account, matches else {
            try await request.countFailure(.loginFailuresPerAddress, key: address)
            try await request.countFailure(.loginFailuresPerAccountAndAddress, key: accountFromAddress)
            SecurityLog.record("login failed", request: request, account: account?.id)
            var problems = FormProblems()
            problems.add("email", "That email and password don't match an account. Please check them and try again.")
            return try await render(request, email: email, next: ReturnPath.validated(fields.next) ?? "", problems: problems, status: .unauthorized)
        }
        let secondStep = account.usesTwoStepLogin || account.mustUseTwoStepLogin
        let response = request.redirect(to: secondStep ? SiteURL.loginCode.path : Self.safeNext(fields.next), redirectType: .normal)
        try await Sessions.start(for: account, awaitingSecondStep: secondStep, request: request, response: response)
        SecurityLog.record(secondStep ? "password accepted, second step next" : "logged in", request: request, account: account.id)
        return response
    }

    struct CodeView: Encodable, Sendable {
        let mustSetUp: Bool
        let setUpHref: String
    }

    /// `GET /login/code`: the authenticator code (or a recovery code).
    @Sendable
    func showCode(request: Request) async throws -> Response {
        guard let session = request.accountSession, session.awaitingSecondStep else { return request.redirect(to: SiteURL.login.path) }
        if !session.account.usesTwoStepLogin { return request.redirect(to: SiteURL.twoStep.path) }
        let page = FormPage(csrfToken: try await request.csrfToken(), fields: CodeView(mustSetUp: false, setUpHref: SiteURL.twoStep.path))
        return try await request.renderPage("accounts/login-code", title: "Enter your code", page)
    }

    struct CodeFields: Content {
        var code: String?
    }

    /// `POST /login/code`: completes the login with a fresh session id.
    @Sendable
    func enterCode(request: Request) async throws -> Response {
        guard let session = request.accountSession, session.awaitingSecondStep, session.account.usesTwoStepLogin else {
            return request.redirect(to: SiteURL.login.path)
        }
        let account = session.account
        try await request.countAttempt(.secondStepPerAccount, key: try account.requireID().uuidString)
        let code = try request.content.decode(CodeFields.self).code ?? ""
        guard try await TwoStepCodes.accept(code, for: account, request: request) else {
            SecurityLog.record("wrong second-step code", request: request, account: account.id)
            var problems = FormProblems()
            problems.add("code", "That code didn't work. Codes change every 30 seconds, and each works once: please try the one showing now.")
            let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: CodeView(mustSetUp: false, setUpHref: SiteURL.twoStep.path))
            return try await request.renderPage("accounts/login-code", title: "Enter your code", page, status: .unauthorized)
        }
        let response = request.redirect(to: SiteURL.account.path)
        try await Sessions.start(for: account, awaitingSecondStep: false, request: request, response: response)
        SecurityLog.record("logged in with second step", request: request, account: account.id)
        return response
    }

    /// `POST /logout`: ends the session on the server, not just the cookie.
    @Sendable
    func logout(request: Request) async throws -> Response {
        let response = request.redirect(to: SiteURL.home.path)
        SecurityLog.record("logged out", request: request, account: request.accountSession?.$account.id)
        try await Sessions.end(request, response: response)
        return response
    }

    /// Only paths on this site, so a link cannot send someone elsewhere after they log in.
    static func safeNext(_ next: String?) -> String {
        ReturnPath.validated(next) ?? SiteURL.account.path
    }
}

/// Single-use codes that stand in for a lost authenticator.
enum RecoveryCodes {
    static func make(for account: Account, on database: any Database) async throws -> [String] {
        let accountID = try account.requireID()
        try await RecoveryCode.query(on: database).filter(\.$account.$id == accountID).delete()
        var codes: [String] = []
        for _ in 0..<10 {
            let raw = String(SecretToken.make().filter { $0.isLetter || $0.isNumber }.prefix(10)).lowercased()
            let code = raw.prefix(5) + "-" + raw.suffix(5)
            let record = RecoveryCode()
            record.$account.id = accountID
            record.codeHash = SecretToken.hash(String(code).replacingOccurrences(of: "-", with: ""))
            try await record.create(on: database)
            codes.append(String(code))
        }
        return codes
    }

    /// True when the code matched an unused one, which is now used up (by one conditional
    /// update, so two requests cannot both spend it).
    static func use(_ submitted: String, for account: Account, on database: any Database) async throws -> Bool {
        let cleaned = submitted.lowercased().filter { $0.isLetter || $0.isNumber }
        guard cleaned.count == 10, let accountID = account.id else { return false }
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "recovery codes") }
        return try await sql.update("account_recovery_codes").set("used_at", to: Date())
            .where("account_id", .equal, accountID).where("code_hash", .equal, SecretToken.hash(cleaned))
            .where("used_at", .is, SQLLiteral.null)
            .claimedARow()
    }
}
