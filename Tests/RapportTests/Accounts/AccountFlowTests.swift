import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("Registering, logging in and out, and resetting a password")
struct AccountFlowTests {
    static let password = "correct horse battery staple"

    /// Registers and confirms through the email, as a person would.
    static func registerAndConfirm(_ browser: TestBrowser, email: String, password: String = password) async throws {
        try await browser.get("/register")
        let registered = try await browser.post("/register", ["email": email, "password": password])
        #expect(registered.status == .seeOther)
        #expect(registered.headers.first(name: .location) == "/register/check-email")
        let confirmation = try #require(
            link(in: try await browser.app.email(to: EmailAddress.normalised(email), about: "confirm"), path: "/account/confirm-email"))
        let confirmed = try await browser.get(confirmation)
        #expect(confirmed.status == .ok)
        #expect(confirmed.body.string.contains("your email is confirmed"))
    }

    static func logIn(_ browser: TestBrowser, email: String, password: String = password) async throws -> TestBrowser.Response {
        try await browser.get("/login")
        return try await browser.post("/login", ["email": email, "password": password])
    }

    @Test(arguments: TestDatabase.all)
    func registerConfirmLogInAndOut(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = TestBrowser(app)
            try await Self.registerAndConfirm(browser, email: "Sam@Example.org")
            let account = try #require(try await Account.query(on: app.db).filter(\.$email == "sam@example.org").first())
            #expect(account.isEmailConfirmed && account.role == .member)
            #expect(!account.passwordHash.contains(Self.password))

            let loggedIn = try await Self.logIn(browser, email: "sam@example.org")
            #expect(loggedIn.status == .seeOther && loggedIn.headers.first(name: .location) == "/account")
            let page = try await browser.get("/account")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("sam@example.org (confirmed)"))
            #expect(page.body.string.contains("Chrome on Linux"))
            #expect(page.headers.first(name: .cacheControl) == "no-store")

            let sessionCookie = try #require(browser.sessionCookie)
            try await browser.post("/logout", [:])
            #expect(browser.sessionCookie == nil)
            // The old cookie is dead on the server too.
            browser.cookies["rapport_session"] = sessionCookie
            let after = try await browser.get("/account")
            #expect(after.status == .seeOther)
            #expect(after.headers.first(name: .location)?.hasPrefix("/login?next=") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aNewSessionIdIsIssuedAtEveryLogin(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = TestBrowser(app)
            try await Self.registerAndConfirm(browser, email: "ada@example.org")
            // A session id planted before login is never adopted.
            browser.cookies["rapport_session"] = "planted-by-someone-else"
            try await Self.logIn(browser, email: "ada@example.org")
            let first = try #require(browser.sessionCookie)
            #expect(first != "planted-by-someone-else")
            // Logging in again while signed in replaces the session too.
            try await browser.get("/account")
            try await browser.post("/login", ["email": "ada@example.org", "password": Self.password])
            let second = try #require(browser.sessionCookie)
            #expect(first != second)
            #expect(try await AccountSession.query(on: app.db).count() == 1, "the earlier session ended")
        }
    }

    @Test(arguments: TestDatabase.all)
    func unknownAndKnownEmailsGetTheSameAnswers(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = TestBrowser(app)
            try await Self.registerAndConfirm(browser, email: "known@example.org")
            func stripTokens(_ html: String) -> String {
                html.replacingOccurrences(of: #"name="csrf_token" value="[^"]*""#, with: "", options: .regularExpression)
                    .replacingOccurrences(of: #"value="[^"]*@example.org""#, with: "", options: .regularExpression)
            }
            let wrongPassword = try await Self.logIn(browser, email: "known@example.org", password: "not the right password")
            let unknownEmail = try await Self.logIn(browser, email: "nobody@example.org", password: "not the right password")
            #expect(wrongPassword.status == .unauthorized && unknownEmail.status == .unauthorized)
            #expect(stripTokens(wrongPassword.body.string) == stripTokens(unknownEmail.body.string))

            try await browser.get("/register")
            let again = try await browser.post("/register", ["email": "known@example.org", "password": Self.password])
            try await browser.get("/register")
            let fresh = try await browser.post("/register", ["email": "new@example.org", "password": Self.password])
            #expect(again.status == fresh.status && again.headers.first(name: .location) == fresh.headers.first(name: .location))
            #expect(try await app.email(to: "known@example.org", about: "tried to register") != nil)

            try await browser.get("/forgot-password")
            let resetKnown = try await browser.post("/forgot-password", ["email": "known@example.org"])
            try await browser.get("/forgot-password")
            let resetUnknown = try await browser.post("/forgot-password", ["email": "nobody@example.org"])
            #expect(resetKnown.status == resetUnknown.status)
            #expect(stripTokens(resetKnown.body.string) == stripTokens(resetUnknown.body.string))
            #expect(try await app.emails(to: "nobody@example.org").isEmpty)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aForgottenPasswordIsResetOnceWithinTheHour(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = TestBrowser(app)
            try await Self.registerAndConfirm(browser, email: "reset@example.org")
            try await Self.logIn(browser, email: "reset@example.org")
            let otherDevice = TestBrowser(app)
            try await Self.logIn(otherDevice, email: "reset@example.org")

            try await browser.get("/forgot-password")
            try await browser.post("/forgot-password", ["email": "reset@example.org"])
            let resetLink = try #require(link(in: try await app.email(to: "reset@example.org", about: "Reset"), path: "/reset-password"))
            try await browser.get(resetLink)
            let token = String(resetLink.split(separator: "=").last ?? "")
            let weak = try await browser.post("/reset-password", ["token": token, "password": "short"])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.body.string.contains("at least 12 characters"))
            let done = try await browser.post("/reset-password", ["token": token, "password": "a brand new long passphrase"])
            #expect(done.headers.first(name: .location) == "/login?reset=done")
            #expect(try await AccountSession.query(on: app.db).count() == 0, "every session ended")
            #expect(try await app.email(to: "reset@example.org", about: "password was changed") != nil)
            // Single use.
            let reused = try await browser.get(resetLink)
            #expect(reused.status == .gone)
            #expect(try await Self.logIn(browser, email: "reset@example.org", password: "a brand new long passphrase").status == .seeOther)
            // An expired link is refused.
            try await AccountToken.query(on: app.db).set(\.$usedAt, to: nil).set(\.$expiresAt, to: Date().addingTimeInterval(-1)).update()
            #expect(try await browser.get(resetLink).status == .gone)
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingThePasswordEndsOtherSessionsAndTellsTheAddress(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = TestBrowser(app)
            try await Self.registerAndConfirm(browser, email: "change@example.org")
            try await Self.logIn(browser, email: "change@example.org")
            let phone = TestBrowser(app)
            phone.userAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1"
            try await Self.logIn(phone, email: "change@example.org")
            #expect(try await browser.get("/account").body.string.contains("Safari on iOS"))

            try await browser.get("/account")
            let changed = try await browser.post("/account/password", ["current_password": Self.password, "new_password": "another long passphrase here"])
            #expect(changed.headers.first(name: .location) == "/account?done=password-changed")
            #expect(try await browser.get("/account").status == .ok, "this browser stays signed in, on a new session")
            #expect(try await phone.get("/account").status == .seeOther, "the phone was signed out")
            #expect(try await app.email(to: "change@example.org", about: "password was changed") != nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func deletingTheAccountErasesIt(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = TestBrowser(app)
            try await Self.registerAndConfirm(browser, email: "leaving@example.org")
            try await Self.logIn(browser, email: "leaving@example.org")
            try await browser.get("/account")
            let refused = try await browser.post("/account/delete", ["current_password": "wrong password entirely"])
            #expect(refused.status == .unprocessableEntity)
            try await browser.get("/account")
            let deleted = try await browser.post("/account/delete", ["current_password": Self.password])
            #expect(deleted.status == .seeOther)
            #expect(try await Account.query(on: app.db).count() == 0)
            #expect(try await AccountSession.query(on: app.db).count() == 0)
            #expect(try await AccountToken.query(on: app.db).count() == 0)
        }
    }
}
