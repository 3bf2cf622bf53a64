import Fluent
import Foundation
import Testing
import Vapor

@testable import Rapport

/// The ways an outside review found to take over an account, each tried as the attacker would.
@Suite("Account takeover")
struct AccountTakeoverTests {
    /// Someone who knows the password moves the account to their address; the owner, warned,
    /// resets the password. The stranger's confirm link must be dead from then on.
    @Test(arguments: TestDatabase.all)
    func aPendingChangeOfAddressDiesWithAPasswordReset(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let owner = TestBrowser(app)
            try await AccountFlowTests.registerAndConfirm(owner, email: "owner@example.org")
            let stranger = TestBrowser(app, from: "203.0.113.7")
            try await AccountFlowTests.logIn(stranger, email: "owner@example.org")
            try await stranger.get("/account")
            let asked = try await stranger.post("/account/email", ["email": "stranger@evil.example", "current_password": AccountFlowTests.password])
            #expect(asked.headers.first(name: .location) == "/account?done=email-sent")
            let confirmLink = try #require(link(in: try await app.email(to: "stranger@evil.example", about: "Confirm your new email"), path: "/account/confirm-new-email"))

            try await owner.get("/forgot-password")
            try await owner.post("/forgot-password", ["email": "owner@example.org"])
            let resetLink = try #require(link(in: try await app.email(to: "owner@example.org", about: "Reset"), path: "/reset-password"))
            try await owner.get(resetLink)
            let reset = try await owner.post("/reset-password", ["token": String(resetLink.split(separator: "=").last ?? ""), "password": "a brand new passphrase here"])
            #expect(reset.headers.first(name: .location) == "/login?reset=done")

            #expect(try await stranger.get(confirmLink).status == .gone)
            #expect(try await Account.query(on: app.db).filter(\.$email == "owner@example.org").count() == 1)
        }
    }

    /// The link alone does not change the address: it also takes the account's own session,
    /// or its password.
    @Test(arguments: TestDatabase.all)
    func confirmingANewAddressNeedsTheAccountsSessionOrItsPassword(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let owner = try await TestAccounts.browser(app, account: try await TestAccounts.make(app, email: "moving@example.org", role: .member))
            try await owner.get("/account")
            try await owner.post("/account/email", ["email": "new-home@example.org", "current_password": TestAccounts.password])
            let confirmLink = try #require(link(in: try await app.email(to: "new-home@example.org", about: "Confirm your new email"), path: "/account/confirm-new-email"))
            let token = String(confirmLink.split(separator: "=").last ?? "")

            // Opened in another browser: it asks for the password, and a wrong one changes nothing.
            let elsewhere = TestBrowser(app)
            let asks = try await elsewhere.get(confirmLink)
            #expect(asks.status == .ok && asks.text.contains("name=\"current_password\""))
            #expect(try await elsewhere.post("/account/confirm-new-email", ["token": token]).status == .unprocessableEntity)
            let wrong = try await elsewhere.post("/account/confirm-new-email", ["token": token, "current_password": "not the password at all"])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("the password of the account"))
            #expect(try await Account.query(on: app.db).filter(\.$email == "moving@example.org").count() == 1)

            // In the owner's own session, one click does it (and opening the link changed nothing).
            let page = try await owner.get(confirmLink)
            #expect(!page.text.contains("name=\"current_password\""))
            let done = try await owner.post("/account/confirm-new-email", ["token": token])
            #expect(done.headers.first(name: .location) == "/account?done=email-changed")
            #expect(try await Account.query(on: app.db).filter(\.$email == "new-home@example.org").count() == 1)
            #expect(try await owner.post("/account/confirm-new-email", ["token": token]).status == .gone, "used once")
        }
    }

    @Test func onlyPlainPathsOnThisSiteAreReturnPaths() {
        for safe in ["/join", "/practitioners/sam-okafor", "/therapists?near=Leeds&topic=anxiety", "/a/b-c_d.e~f"] {
            #expect(ReturnPath.validated(safe) == safe)
        }
        for unsafe in [
            "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "//evil.example", "/\\evil.example", "https://evil.example",
            "evil.example", "/%2F/evil.example", "/%2f%2fevil.example", "/%09/evil.example", "/%5Cevil.example", "/@evil.example",
            "/ok\u{0}", "", String(repeating: "/a", count: 300),
        ] {
            #expect(ReturnPath.validated(unsafe) == nil, "\(unsafe.debugDescription) passed")
        }
        #expect(ReturnPath.adding("/join", to: "/login") == "/login?next=%2Fjoin")
        #expect(ReturnPath.adding("//evil.example", to: "/login") == "/login")
    }

    /// `next=/%09/evil.example` is decoded to a tab, which browsers strip: `//evil.example`.
    @Test(arguments: TestDatabase.all)
    func aReturnPathWithATabOrNewlineNeverLeavesTheSite(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await TestAccounts.make(app, email: "sam@example.org", role: .member)
            let browser = TestBrowser(app)
            let form = try await browser.get("/login?next=%2F%09%2Fevil.example")
            #expect(!form.text.contains("evil.example"))
            let login = try await browser.post("/login", ["email": "sam@example.org", "password": TestAccounts.password, "next": "/\t/evil.example"])
            #expect(login.headers.first(name: .location) == "/account")

            // The "Continue where you were" link after confirming an address.
            let visitor = TestBrowser(app)
            try await visitor.get("/register?next=%2F%0A%2Fevil.example")
            try await visitor.post("/register", ["email": "newcomer@example.org", "password": TestAccounts.password, "next": "/\n/evil.example"])
            let confirm = try #require(link(in: try await app.email(to: "newcomer@example.org", about: "confirm"), path: "/account/confirm-email"))
            #expect(!confirm.contains("evil"))
            let confirmed = try await visitor.get(confirm + "&next=%2F%0A%2Fevil.example")
            #expect(confirmed.status == .ok && !confirmed.text.contains("evil.example"))
        }
    }

    /// A code from the authenticator works once: replaying it (within the 90 s it would
    /// otherwise be valid for) is refused.
    @Test(arguments: TestDatabase.all)
    func aTwoStepCodeWorksOnlyOnce(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let account = try await TestAccounts.make(app, email: "careful@example.org", role: .member)
            let secret = TOTP.makeSecret()
            try account.setTOTPSecret(secret, app.dataKeys)
            account.totpEnabledAt = Date()
            try await account.save(on: app.db)
            let code = try #require(TOTP.code(secret: secret, at: Date()))
            let first = TestBrowser(app)
            try await AccountFlowTests.logIn(first, email: "careful@example.org")
            try await first.get("/login/code")
            #expect(try await first.post("/login/code", ["code": code]).headers.first(name: .location) == "/account")
            let replay = TestBrowser(app, from: "198.51.100.4")
            try await AccountFlowTests.logIn(replay, email: "careful@example.org")
            try await replay.get("/login/code")
            #expect(try await replay.post("/login/code", ["code": code]).status == .unauthorized)
            let stored = try #require(try await Account.find(account.id, on: app.db))
            #expect(stored.sealedTOTPSecret?.hasPrefix("dk1.") == true, "the secret is sealed at rest")
            #expect(stored.sealedTOTPSecret?.contains(secret) == false)
        }
    }

    /// Two posts of one reset link at the same moment: exactly one changes the password.
    @Test(arguments: TestDatabase.all)
    func aResetLinkSpentByTwoRequestsAtOnceWorksForOne(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let account = try await TestAccounts.make(app, email: "racer@example.org", role: .member)
            let token = try await AccountTokens.issue(.resetPassword, for: account, lifetime: 3600, on: app.db)
            let one = TestBrowser(app)
            let other = TestBrowser(app)
            try await one.get("/reset-password?token=" + token)
            try await other.get("/reset-password?token=" + token)
            async let first = one.post("/reset-password", ["token": token, "password": "the first new passphrase"])
            async let second = other.post("/reset-password", ["token": token, "password": "the other new passphrase"])
            let statuses = try await [first.status, second.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .gone }.count == 1, "\(statuses)")
            #expect(try await app.emails(to: "racer@example.org").filter { $0.subject.contains("password was changed") }.count == 1)
        }
    }

    /// Someone registers another person's address and turns on two-step login before the
    /// owner has ever confirmed it. Two-step needs a confirmed address, and the owner's reset
    /// of a never-confirmed account clears any that was set up.
    @Test(arguments: TestDatabase.all)
    func twoStepLoginNeedsAConfirmedAddressAndAResetOfAnUnconfirmedAccountClearsIt(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let squatter = try await TestAccounts.browser(app, account: try await TestAccounts.make(app, email: "victim@example.org", role: .member, confirmed: false))
            #expect(try await squatter.get("/account/two-step").headers.first(name: .location) == "/account?done=confirm-first")
            #expect(try await Account.query(on: app.db).first()?.sealedTOTPSecret == nil)

            // Set up by the older code path, before this rule: the owner's reset removes it.
            let account = try #require(try await Account.query(on: app.db).first())
            try account.setTOTPSecret(TOTP.makeSecret(), app.dataKeys)
            account.totpEnabledAt = Date()
            try await account.save(on: app.db)
            _ = try await RecoveryCodes.make(for: account, on: app.db)
            let owner = TestBrowser(app)
            try await owner.get("/forgot-password")
            try await owner.post("/forgot-password", ["email": "victim@example.org"])
            let resetLink = try #require(link(in: try await app.email(to: "victim@example.org", about: "Reset"), path: "/reset-password"))
            try await owner.get(resetLink)
            try await owner.post("/reset-password", ["token": String(resetLink.split(separator: "=").last ?? ""), "password": "the owner's own passphrase"])
            let after = try #require(try await Account.query(on: app.db).first())
            #expect(after.isEmailConfirmed && !after.usesTwoStepLogin && after.sealedTOTPSecret == nil)
            #expect(try await RecoveryCode.query(on: app.db).count() == 0)
            let login = try await AccountFlowTests.logIn(owner, email: "victim@example.org", password: "the owner's own passphrase")
            #expect(login.headers.first(name: .location) == "/account", "straight in, no stranger's second step")
        }
    }
}
