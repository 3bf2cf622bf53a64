import Fluent
import Foundation
import Vapor

@testable import Rapport

/// Accounts made directly in the database, for tests about what a signed-in person may do.
enum TestAccounts {
    static let password = "correct horse battery staple"

    @discardableResult
    static func make(_ app: Application, email: String, role: AccountRole, confirmed: Bool = true) async throws -> Account {
        let account = Account(email: email, passwordHash: try app.password.hash(Passwords.prepared(password)), role: role)
        account.emailConfirmedAt = confirmed ? Date() : nil
        if role == .admin {
            try account.setTOTPSecret(TOTP.makeSecret(), app.dataKeys)
            account.totpEnabledAt = Date()
        }
        try await account.create(on: app.db)
        return account
    }

    /// A browser already signed in as a new account with this role (second step done).
    static func browser(_ app: Application, role: AccountRole, email: String? = nil) async throws -> TestBrowser {
        try await browser(app, account: try await make(app, email: email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(6))@example.org", role: role))
    }

    /// A browser signed in as an existing account.
    static func browser(_ app: Application, account: Account) async throws -> TestBrowser {
        let token = SecretToken.make()
        let session = AccountSession()
        session.tokenHash = SecretToken.hash(token)
        session.$account.id = try account.requireID()
        session.createdAt = Date()
        session.lastSeenAt = Date()
        session.awaitingSecondStep = false
        session.device = "Chrome on Linux"
        try await session.create(on: app.db)
        let browser = TestBrowser(app)
        browser.cookies["rapport_session"] = token
        return browser
    }
}
