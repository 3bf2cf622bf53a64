import Fluent
import Vapor

/// "Your account": signed-in devices, address, password, two-step login, and deleting it all.
struct AccountSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.account.pathComponents, use: show)
        routes.post(SiteURL.changeEmail.pathComponents, use: changeEmail)
        routes.get(SiteURL.confirmEmailChange.pathComponents, use: showConfirmNewEmail)
        routes.post(SiteURL.confirmEmailChange.pathComponents, use: confirmNewEmail)
        routes.post(SiteURL.changePassword.pathComponents, use: changePassword)
        routes.post(SiteURL.signOutEverywhere.pathComponents, use: signOutEverywhere)
        routes.post(SiteURL.resendConfirmation.pathComponents, use: resendConfirmation)
        routes.post(SiteURL.deleteAccount.pathComponents, use: delete)
    }

    struct Device: Encodable, Sendable {
        let description: String
        let signedIn: String
        let lastSeen: String
        let isThisDevice: Bool
    }

    struct AccountView: Encodable, Sendable {
        let email: String
        let isEmailConfirmed: Bool
        let usesTwoStepLogin: Bool
        let isAdmin: Bool
        let devices: [Device]
        let twoStepHref: String
        let adminsHref: String
        let logoutHref: String
        let shortlistHref: String
        let dataHref: String
        let savedGuidesHref: String
        let savedGuideCount: Int
    }

    /// `GET /account`.
    @Sendable
    func show(request: Request) async throws -> Response {
        try await render(request, problems: FormProblems(), notice: Self.notice(request))
    }

    private static func notice(_ request: Request) -> String? {
        switch try? request.query.get(String.self, at: "done") {
        case "email-sent": "We've sent a link to your new address. Your address changes when you follow it."
        case "email-changed": "Your email address has been changed."
        case "password-changed": "Your password has been changed, and every other device has been signed out."
        case "signed-out-elsewhere": "Every other device has been signed out."
        case "confirmation-sent": "We've sent you a new confirmation link."
        case "two-step-on": "Two-step login is on."
        case "confirm-first": "Please confirm your email address before you set up two-step login, so we know the address is yours."
        default: nil
        }
    }

    private func render(_ request: Request, problems: FormProblems, notice: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let account = try request.requireAccount()
        let accountID = try account.requireID()
        let sessions = try await AccountSession.query(on: request.db).filter(\.$account.$id == accountID).sort(\.$lastSeenAt, .descending).all()
        let devices = sessions.map { session in
            Device(
                description: session.device, signedIn: LondonCalendar.longDisplay(ofDay: LondonCalendar.dayString(session.createdAt)),
                lastSeen: LondonCalendar.longDisplay(ofDay: LondonCalendar.dayString(session.lastSeenAt)),
                isThisDevice: session.id == request.accountSession?.id)
        }
        let view = AccountView(
            email: account.email, isEmailConfirmed: account.isEmailConfirmed, usesTwoStepLogin: account.usesTwoStepLogin,
            isAdmin: account.role == .admin, devices: devices, twoStepHref: SiteURL.twoStep.path, adminsHref: SiteURL.admins.path,
            logoutHref: SiteURL.logout.path, shortlistHref: SiteURL.shortlist.path, dataHref: SiteURL.personalData.path,
            savedGuidesHref: SiteURL.savedGuides.path, savedGuideCount: try await request.savedGuides.count(for: account))
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, notice: notice, fields: view)
        return try await request.renderPage("accounts/account", title: "Your account", page, status: status)
    }

    struct ChangeFields: Content {
        var email: String?
        var currentPassword: String?
        var newPassword: String?
        var confirmation: String?
        var token: String?

        enum CodingKeys: String, CodingKey {
            case email
            case currentPassword = "current_password"
            case newPassword = "new_password"
            case confirmation, token
        }
    }

    /// `POST /account/email`: confirmed at the new address; the old one is told.
    @Sendable
    func changeEmail(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        let fields = try request.content.decode(ChangeFields.self)
        let newEmail = EmailAddress.normalised(fields.email ?? "")
        var problems = FormProblems()
        problems.require(EmailAddress.isPlausible(newEmail), "email", "Please enter the new address, like name@example.org.")
        problems.require(newEmail != account.email, "email", "That is already your address.")
        if !(try await Passwords.currentPasswordMatches(fields.currentPassword, for: account, request: request)) {
            problems.add("current_password_email", "That isn't your current password.")
        }
        guard problems.isEmpty else { return try await render(request, problems: problems, status: .unprocessableEntity) }
        try await request.countAttempt(.accountMailPerAccount, key: try account.requireID().uuidString)
        try await request.countAttempt(.unaskedMailPerRecipient, key: newEmail)
        try await request.db.transaction { database in
            let token = try await AccountTokens.issue(.changeEmail, for: account, lifetime: 24 * 3600, newEmail: newEmail, on: database)
            let confirm = ConfirmNewEmailMessage(link: request.publicLink(SiteURL.confirmEmailChange.with("token", token)))
            try await Mailer.enqueue(confirm, to: newEmail, app: request.application, on: database)
            let notice = EmailChangeRequestedMessage(resetLink: request.publicLink(.forgotPassword))
            try await Mailer.enqueue(notice, to: account.email, app: request.application, on: database)
        }
        return request.redirect(to: SiteURL.account.with("done", "email-sent"))
    }

    struct ConfirmNewEmailView: Encodable, Sendable {
        let newEmail: String
        let token: String
        let needsPassword: Bool
        let action: String
    }

    /// `GET /account/confirm-new-email?token=…`: asks before changing anything. The link alone
    /// is not enough: it also takes this account's session, or its password, so someone who
    /// asked for the change cannot finish it from a link the owner never saw.
    @Sendable
    func showConfirmNewEmail(request: Request) async throws -> Response {
        let token = (try? request.query.get(String.self, at: "token")) ?? ""
        guard let (record, newEmail) = try await Self.pendingChange(token, on: request.db) else { return try await changeLinkProblem(request) }
        return try await renderConfirmNewEmail(request, record: record, newEmail: newEmail, token: token, problems: FormProblems())
    }

    private func renderConfirmNewEmail(
        _ request: Request, record: AccountToken, newEmail: String, token: String, problems: FormProblems, status: HTTPStatus = .ok
    ) async throws -> Response {
        let view = ConfirmNewEmailView(
            newEmail: newEmail, token: token, needsPassword: request.account?.id != record.$account.id,
            action: SiteURL.confirmEmailChange.path)
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("accounts/confirm-new-email", title: "Confirm your new email address", page, status: status)
    }

    /// A valid change-of-address link whose new address is still free.
    private static func pendingChange(_ token: String, on database: any Database) async throws -> (AccountToken, String)? {
        guard let record = try await AccountTokens.find(token, purpose: .changeEmail, on: database), let newEmail = record.newEmail,
            try await Account.query(on: database).filter(\.$email == newEmail).count() == 0
        else { return nil }
        return (record, newEmail)
    }

    private func changeLinkProblem(_ request: Request) async throws -> Response {
        try await request.renderPage(
            "accounts/link-problem", title: "That link has expired",
            ["message": "That link has expired, has been used, or the address now belongs to another account.", "loginHref": SiteURL.account.path],
            status: .gone)
    }

    /// `POST /account/confirm-new-email`: changes the address, with this account's session or
    /// its password.
    @Sendable
    func confirmNewEmail(request: Request) async throws -> Response {
        let fields = try request.content.decode(ChangeFields.self)
        let token = fields.token ?? ""
        guard let (record, newEmail) = try await Self.pendingChange(token, on: request.db) else { return try await changeLinkProblem(request) }
        let account = try await record.$account.get(on: request.db)
        if request.account?.id != account.id {
            guard try await Passwords.currentPasswordMatches(fields.currentPassword, for: account, request: request) else {
                var problems = FormProblems()
                problems.add("current_password", "That isn't the password of the account whose address is changing.")
                return try await renderConfirmNewEmail(request, record: record, newEmail: newEmail, token: token, problems: problems, status: .unprocessableEntity)
            }
        }
        let oldEmail = account.email
        let changed = try await request.db.transaction { database -> Bool in
            guard try await AccountTokens.redeem(token, purpose: .changeEmail, on: database) != nil else { return false }
            account.email = newEmail
            account.emailConfirmedAt = Date()
            try await account.save(on: database)
            let message = EmailChangedMessage(newEmail: newEmail, resetLink: request.publicLink(.forgotPassword))
            try await Mailer.enqueue(message, to: oldEmail, app: request.application, on: database)
            return true
        }
        guard changed else { return try await changeLinkProblem(request) }
        SecurityLog.record("email changed", request: request, account: account.id)
        guard request.account?.id == account.id else {
            return try await request.renderPage(
                "accounts/link-problem", title: "Email address changed",
                ["heading": "Email address changed", "message": "Your email address has been changed. Log in with the new one.", "loginHref": SiteURL.login.path])
        }
        return request.redirect(to: SiteURL.account.with("done", "email-changed"))
    }

    /// `POST /account/password`: every session ends; this browser gets a fresh one.
    @Sendable
    func changePassword(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        let fields = try request.content.decode(ChangeFields.self)
        var problems = FormProblems()
        if !(try await Passwords.currentPasswordMatches(fields.currentPassword, for: account, request: request)) {
            problems.add("current_password", "That isn't your current password.")
        }
        if let problem = Passwords.problem(with: fields.newPassword ?? "", email: account.email) { problems.add("new_password", problem) }
        guard problems.isEmpty else { return try await render(request, problems: problems, status: .unprocessableEntity) }
        let hash = try await Passwords.hash(fields.newPassword ?? "", on: request)
        let response = request.redirect(to: SiteURL.account.with("done", "password-changed"))
        try await request.db.transaction { database in
            account.passwordHash = hash
            try await account.save(on: database)
            try await AccountTokens.revokeAll(for: try account.requireID(), on: database)
            try await Sessions.endAll(for: try account.requireID(), on: database)
            let message = PasswordChangedMessage(resetLink: request.publicLink(.forgotPassword))
            try await Mailer.enqueue(message, to: account.email, app: request.application, on: database)
        }
        request.accountSession = nil
        try await Sessions.start(for: account, awaitingSecondStep: false, request: request, response: response)
        SecurityLog.record("password changed", request: request, account: account.id)
        return response
    }

    /// `POST /account/sign-out-everywhere`: every device but this one.
    @Sendable
    func signOutEverywhere(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        try await request.db.transaction { database in
            try await AccountTokens.revokeAll(for: try account.requireID(), on: database)
            try await Sessions.endAll(for: try account.requireID(), except: request.accountSession?.id, on: database)
        }
        SecurityLog.record("signed out other devices", request: request, account: account.id)
        return request.redirect(to: SiteURL.account.with("done", "signed-out-elsewhere"))
    }

    /// `POST /account/resend-confirmation`.
    @Sendable
    func resendConfirmation(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        if !account.isEmailConfirmed {
            try await request.countAttempt(.accountMailPerAccount, key: try account.requireID().uuidString)
            try await request.db.transaction { try await RegistrationController.sendConfirmation(to: account, request: request, on: $0) }
        }
        return request.redirect(to: SiteURL.account.with("done", "confirmation-sent"))
    }

    /// `POST /account/delete`: erases the account and everything tied to it.
    @Sendable
    func delete(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        let fields = try request.content.decode(ChangeFields.self)
        guard try await Passwords.currentPasswordMatches(fields.currentPassword, for: account, request: request) else {
            var problems = FormProblems()
            problems.add("current_password_delete", "That isn't your current password, so nothing was deleted.")
            return try await render(request, problems: problems, status: .unprocessableEntity)
        }
        let response = request.redirect(to: SiteURL.home.path + "?account=deleted")
        // Sessions, tokens, codes and the shortlist go with it (foreign keys cascade); a
        // practitioner's profile, with its documents, goes too, and leaves search at once.
        try await request.db.transaction { database in
            let accountID = try account.requireID()
            if let profile = try await Practitioner.owned(by: accountID, on: database).first() {
                try await profile.delete(on: database)
            }
            try await account.delete(on: database)
        }
        request.accountSession = nil
        try await Sessions.end(request, response: response)
        SecurityLog.record("account deleted", request: request, account: account.id)
        return response
    }
}
