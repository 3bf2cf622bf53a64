import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("Protection: form tokens, rate limits, passwords, sessions")
struct ProtectionTests {
    /// Session, form and email tokens: 32 random bytes in URL-safe base64, never repeated.
    @Test func secretTokensAreLongURLSafeAndDistinct() throws {
        let tokens = (0..<2_000).map { _ in SecretToken.make() }
        #expect(Set(tokens).count == tokens.count)
        for token in tokens.prefix(50) {
            #expect(token.count == 43)
            #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            let base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
            #expect(try #require(Data(base64Encoded: base64)).count == 32)
        }
        // Every byte value turns up: the bytes are not, say, all from one word repeated.
        let bytes = Set(tokens.prefix(200).flatMap {
            Data(base64Encoded: $0.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=") ?? Data()
        })
        #expect(bytes.count == 256)
    }

    @Test(arguments: TestDatabase.all)
    func aFormWithoutItsTokenIsRefused(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = try await TestAccounts.browser(app, role: .member)
            try await browser.get("/account")
            for token in [nil, "forged-token", TestBrowser.formToken(in: "")] as [String?] {
                let response = try await browser.post("/account/sign-out-everywhere", [:], token: .some(token))
                #expect(response.status == .forbidden)
                #expect(response.body.string.contains("didn&#39;t come from Rapport&#39;s own pages") || response.body.string.contains("didn't come from Rapport's own pages"))
            }
            // A token from another visitor's session does not work either.
            let other = try await TestAccounts.browser(app, role: .member)
            try await other.get("/account")
            let stolen = try #require(TestBrowser.formToken(in: other.lastPage))
            #expect(try await browser.post("/account/sign-out-everywhere", [:], token: .some(stolen)).status == .forbidden)
            #expect(try await browser.post("/account/sign-out-everywhere", [:]).status == .seeOther, "its own token works")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCrossSiteRequestIsRefusedEvenWithAToken(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = try await TestAccounts.browser(app, role: .member)
            try await browser.get("/account")
            let crossSite = try await browser.post("/logout", [:], extraHeaders: ["Sec-Fetch-Site": "cross-site"])
            #expect(crossSite.status == .forbidden)
            try await browser.get("/account")
            let sameSite = try await browser.post("/logout", [:], extraHeaders: ["Sec-Fetch-Site": "same-site"])
            #expect(sameSite.status == .forbidden, "a sibling subdomain is another site for us")
            try await browser.get("/account")
            #expect(try await browser.post("/logout", [:], extraHeaders: ["Sec-Fetch-Site": "same-origin"]).status == .seeOther)
        }
    }

    /// Eight attempts just before a window ends and one just after the next begins are one
    /// burst: the limit (8 in 15 minutes) holds across the boundary, and lifts as time passes.
    @Test(arguments: TestDatabase.all)
    func attemptsEitherSideOfAWindowBoundaryCountTogether(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let limit = RateLimit.loginFailuresPerAccountAndAddress
            let boundary = Double(Int(Date().timeIntervalSince1970) / limit.windowSeconds * limit.windowSeconds)
            for _ in 1...limit.limit {
                try await request.countAttempt(limit, key: "burst@example.org", now: Date(timeIntervalSince1970: boundary - 2))
            }
            await #expect(throws: TooManyAttempts.self) {
                try await request.countAttempt(limit, key: "burst@example.org", now: Date(timeIntervalSince1970: boundary + 2))
            }
            // A whole window later, the burst no longer counts.
            try await request.countAttempt(limit, key: "burst@example.org", now: Date(timeIntervalSince1970: boundary + 2 + Double(limit.windowSeconds)))
        }
    }

    @Test(arguments: TestDatabase.all)
    func tooManyLoginAttemptsGetAFriendly429(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = TestBrowser(app)
            // Per account: the ninth wrong password for one address in 15 minutes.
            var statuses: [HTTPStatus] = []
            for _ in 1...9 {
                try await browser.get("/login")
                statuses.append(try await browser.post("/login", ["email": "target@example.org", "password": "wrong guess number"]).status)
            }
            #expect(statuses.prefix(8).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)
            #expect(browser.lastPage.contains("Please wait a moment"))
            // Per address: many different emails from one address.
            let spray = TestBrowser(app)
            var last: HTTPStatus = .ok
            for index in 1...21 {
                try await spray.get("/login")
                last = try await spray.post("/login", ["email": "person\(index)@example.org", "password": "wrong guess number"]).status
            }
            #expect(last == .tooManyRequests)
        }
    }

    @Test(arguments: TestDatabase.all)
    func everyCharacterOfALongPasswordCounts(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let long = String(repeating: "all work and no play ", count: 5)  // 105 bytes, past bcrypt's 72
            let browser = TestBrowser(app)
            try await browser.get("/register")
            try await browser.post("/register", ["email": "long@example.org", "password": long])
            let sameFirst72 = String(long.prefix(72)) + "but a different ending"
            #expect(try await AccountFlowTests.logIn(browser, email: "long@example.org", password: sameFirst72).status == .unauthorized)
            #expect(try await AccountFlowTests.logIn(browser, email: "long@example.org", password: long).status == .seeOther)
        }
    }

    @Test func weakPasswordsAreRefusedWithAReason() {
        #expect(Passwords.problem(with: "short", email: "a@b.org")?.contains("at least 12") == true)
        #expect(Passwords.problem(with: "password1234", email: "a@b.org")?.contains("too common") == true)
        #expect(Passwords.problem(with: "aaaaaaaaaaaaaaa", email: "a@b.org")?.contains("too common") == true)
        #expect(Passwords.problem(with: "margaret-is-my-name-2024", email: "margaret@example.org")?.contains("email address") == true)
        #expect(Passwords.problem(with: "correct horse battery staple", email: "a@b.org") == nil)
        #expect(Passwords.problem(with: String(repeating: "long words ", count: 12), email: "a@b.org") == nil, "128+ characters are fine")
    }

    @Test(arguments: TestDatabase.all)
    func idleAndOldSessionsEnd(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let admin = try await TestAccounts.browser(app, role: .admin)
            let member = try await TestAccounts.browser(app, role: .member)
            try await AccountSession.query(on: app.db).set(\.$lastSeenAt, to: Date().addingTimeInterval(-31 * 60)).update()
            #expect(try await admin.get("/account").status == .seeOther, "admins: 30 idle minutes")
            #expect(try await member.get("/account").status == .ok, "others: 2 hours")
            try await AccountSession.query(on: app.db).set(\.$lastSeenAt, to: Date().addingTimeInterval(-121 * 60)).update()
            #expect(try await member.get("/account").status == .seeOther)
            let old = try await TestAccounts.browser(app, role: .member)
            try await AccountSession.query(on: app.db).set(\.$createdAt, to: Date().addingTimeInterval(-8 * 24 * 3600)).update()
            #expect(try await old.get("/account").status == .seeOther, "7 days at most")
        }
    }

    @Test func authenticatorCodesFollowRFC6238() throws {
        // RFC 6238 appendix B, SHA-1: the secret "12345678901234567890" at T=59 gives 94287082.
        let key = Array("12345678901234567890".utf8)
        #expect(TOTP.code(key: key, counter: 59 / 30) == "287082")
        #expect(TOTP.code(key: key, counter: 1_111_111_109 / 30) == "081804")
        let secret = Base32.encode(key)
        #expect(secret == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.decode(secret) == key)
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let current = try #require(TOTP.code(secret: secret, at: now))
        let step = Int(now.timeIntervalSince1970 / 30)
        #expect(TOTP.matchingStep(current, secret: secret, after: nil, at: now) == step)
        #expect(TOTP.matchingStep(current, secret: secret, after: nil, at: now.addingTimeInterval(30)) == step, "one step of clock drift")
        #expect(TOTP.matchingStep(current, secret: secret, after: nil, at: now.addingTimeInterval(120)) == nil)
        #expect(TOTP.matchingStep(current, secret: secret, after: step, at: now) == nil, "a step once accepted never is again")
    }

    @Test(arguments: TestDatabase.all)
    func adminsMustSetUpAndUseTwoStepLogin(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let account = try await TestAccounts.make(app, email: "admin@example.org", role: .admin)
            account.sealedTOTPSecret = nil
            account.totpEnabledAt = nil
            try await account.save(on: app.db)

            let browser = TestBrowser(app)
            let afterPassword = try await AccountFlowTests.logIn(browser, email: "admin@example.org")
            #expect(afterPassword.headers.first(name: .location) == "/login/code")
            #expect(try await browser.get("/account").status == .seeOther, "nothing else until the second step")
            #expect(try await browser.get("/login/code").headers.first(name: .location) == "/account/two-step")
            let setUp = try await browser.get("/account/two-step")
            #expect(setUp.body.string.contains("an admin account needs two-step login"))
            let secret = try #require(try await Account.query(on: app.db).first()?.totpSecret(app.dataKeys))
            let wrong = try await browser.post("/account/two-step", ["code": "000000"])
            #expect(wrong.status == .unprocessableEntity)
            let done = try await browser.post("/account/two-step", ["code": try #require(TOTP.code(secret: secret, at: Date()))])
            #expect(done.body.string.contains("recovery codes"))
            let codes = done.body.string.components(separatedBy: "<code>").dropFirst().compactMap { $0.components(separatedBy: "</code>").first }
            #expect(codes.count == 10)
            #expect(try await browser.get("/account").status == .ok)

            // Next time: password, then a code; a recovery code works once.
            let next = TestBrowser(app)
            try await AccountFlowTests.logIn(next, email: "admin@example.org")
            try await next.get("/login/code")
            #expect(try await next.post("/login/code", ["code": codes[0]]).headers.first(name: .location) == "/account")
            let again = TestBrowser(app)
            try await AccountFlowTests.logIn(again, email: "admin@example.org")
            try await again.get("/login/code")
            #expect(try await again.post("/login/code", ["code": codes[0]]).status == .unauthorized, "used already")
            // The code that set the app up was spent; the next step's (the clock allows one ahead) works.
            let spent = try #require(try await Account.query(on: app.db).first()?.totpLastStep)
            let key = try #require(Base32.decode(secret))
            #expect(try await again.post("/login/code", ["code": TOTP.code(key: key, counter: UInt64(spent))]).status == .unauthorized)
            #expect(try await again.post("/login/code", ["code": TOTP.code(key: key, counter: UInt64(spent + 1))]).status == .seeOther)
        }
    }
}

@Suite("Cookies")
struct CookieTests {
    @Test func readingPagesSetsNoCookieAndAFormPageSetsOnlyItsFormCookie() async throws {
        try await withRapport(.sqlite) { app in
            for path in ["/", "/therapists", "/need-help-with", "/api/v1/topics", "/styles/site.css"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.headers[.setCookie].isEmpty, "\(path) set a cookie")
            }
            let login = try await app.testing().sendRequest(.GET, "/login")
            let cookies = login.headers[.setCookie]
            #expect(cookies.count == 1)
            #expect(cookies.first?.hasPrefix("rapport_form=") == true)
            #expect(cookies.first?.contains("HttpOnly") == true)
        }
    }

    @Test func overHTTPSCookiesUseTheHostPrefixAndSecure() async throws {
        try await withRapport(.sqlite, settings: { $0.publicURL = URL(string: "https://rapport.example")! }) { app in
            let login = try await app.testing().sendRequest(.GET, "/login")
            let cookie = try #require(login.headers[.setCookie].first)
            #expect(cookie.hasPrefix("__Host-rapport-form="))
            #expect(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"))
        }
    }
}

@Suite("Housekeeping")
struct HousekeepingTests {
    @Test(arguments: TestDatabase.all)
    func endedSessionsOldLinksAndSentMailAreRemoved(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            _ = try await TestAccounts.browser(app, role: .member)
            _ = try await TestAccounts.browser(app, role: .member)
            try await Mailer.enqueue(.init(to: "a@example.org", subject: "Sent long ago", body: "x"), keys: app.dataKeys, on: app.db)
            try await Mailer.enqueue(.init(to: "b@example.org", subject: "Not yet sent", body: "y"), keys: app.dataKeys, on: app.db)
            try await OutgoingMail.query(on: app.db).filter(\.$subject == "Sent long ago").set(\.$sentEpoch, to: 1_000).update()
            let stale = try #require(try await AccountSession.query(on: app.db).first())
            stale.lastSeenAt = Date().addingTimeInterval(-3 * 3600)
            try await stale.save(on: app.db)

            try await AccountCleanup.run(on: app.db)
            try await OutboxCleanup.run(on: app.db)
            #expect(try await AccountSession.query(on: app.db).count() == 1)
            #expect(try await OutgoingMail.query(on: app.db).all().map(\.subject) == ["Not yet sent"])
        }
    }
}
