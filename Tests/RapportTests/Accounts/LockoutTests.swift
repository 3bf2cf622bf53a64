import Fluent
import Foundation
import Testing
import Vapor

import XCTFluent

@testable import Rapport

/// Rate limits that stop guessing and mail-bombing without letting a stranger lock the owner out.
@Suite("Limits that never lock the owner out")
struct LockoutTests {
    /// Nine wrong passwords from one address stop that address, and the owner's correct password
    /// from another address still signs in at once.
    @Test(arguments: TestDatabase.all)
    func wrongPasswordsFromOneAddressNeverLockTheOwnerOutElsewhere(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await TestAccounts.make(app, email: "owner@example.org", role: .member)
            let guesser = TestBrowser(app, from: "203.0.113.50")
            var statuses: [HTTPStatus] = []
            for attempt in 1...9 {
                statuses.append(try await AccountFlowTests.logIn(guesser, email: "owner@example.org", password: "guess number \(attempt) here").status)
            }
            #expect(statuses.prefix(8).allSatisfy { $0 == .unauthorized })
            #expect(statuses.last == .tooManyRequests)
            #expect(try await AccountFlowTests.logIn(guesser, email: "owner@example.org").status == .tooManyRequests, "not even the right one from there")

            let owner = TestBrowser(app, from: "198.51.100.20")
            let login = try await AccountFlowTests.logIn(owner, email: "owner@example.org")
            #expect(login.status == .seeOther && login.headers.first(name: .location) == "/account")
        }
    }

    /// Someone asking for the owner's reset link again and again never stops the owner asking.
    @Test(arguments: TestDatabase.all)
    func resetRequestsFromAStrangerNeverBlockTheOwnersReset(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await TestAccounts.make(app, email: "owner@example.org", role: .member)
            let stranger = TestBrowser(app, from: "203.0.113.51")
            var statuses: [HTTPStatus] = []
            for _ in 1...5 {
                try await stranger.get("/forgot-password")
                statuses.append(try await stranger.post("/forgot-password", ["email": "owner@example.org"]).status)
            }
            #expect(statuses.prefix(3).allSatisfy { $0 == .ok } && statuses.last == .tooManyRequests)

            let owner = TestBrowser(app, from: "198.51.100.21")
            try await owner.get("/forgot-password")
            #expect(try await owner.post("/forgot-password", ["email": "owner@example.org"]).status == .ok)
            // Every link the owner's inbox received works: the stranger only sent them links.
            let links = try await app.emails(to: "owner@example.org").filter { $0.subject.contains("Reset") }
            #expect(links.count == 4)
            try await owner.get("/forgot-password")
            #expect(try await owner.post("/forgot-password", ["email": "owner@example.org"]).status == .ok)
            #expect(try await app.emails(to: "owner@example.org").filter { $0.subject.contains("Reset") }.count == 5)
            try await owner.get("/forgot-password")
            #expect(try await owner.post("/forgot-password", ["email": "owner@example.org"]).status == .ok, "the same page")
            #expect(try await app.emails(to: "owner@example.org").filter { $0.subject.contains("Reset") }.count == 5, "no more than five an hour")
        }
    }

    /// Each current-password check is a bcrypt, so a session's guesses are limited like logins.
    @Test(arguments: TestDatabase.all)
    func currentPasswordChecksAreRateLimited(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = try await TestAccounts.browser(app, role: .member)
            var statuses: [HTTPStatus] = []
            for index in 0..<11 {
                try await browser.get("/account")
                let form = ["/account/password", "/account/email", "/account/delete"][index % 3]
                statuses.append(try await browser.post(form, ["current_password": "wrong \(index)", "new_password": "a good new passphrase", "email": "x\(index)@example.org"]).status)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .unprocessableEntity }, "\(statuses)")
            #expect(statuses.last == .tooManyRequests)
        }
    }

    /// "Send a new confirmation link" and "change email" cannot mail an inbox without end.
    @Test(arguments: TestDatabase.all)
    func confirmationAndChangeOfAddressMailsAreLimited(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let unconfirmed = try await TestAccounts.browser(
                app, account: try await TestAccounts.make(app, email: "new@example.org", role: .member, confirmed: false))
            var resends: [HTTPStatus] = []
            for _ in 1...6 {
                try await unconfirmed.get("/account")
                resends.append(try await unconfirmed.post("/account/resend-confirmation", [:]).status)
            }
            #expect(resends.prefix(5).allSatisfy { $0 == .seeOther } && resends.last == .tooManyRequests, "\(resends)")
            #expect(try await app.emails(to: "new@example.org").count == 5)

            let member = try await TestAccounts.browser(app, role: .member)
            var changes: [HTTPStatus] = []
            for _ in 1...6 {
                try await member.get("/account")
                changes.append(try await member.post("/account/email", ["email": "target@example.org", "current_password": TestAccounts.password]).status)
            }
            #expect(changes.prefix(5).allSatisfy { $0 == .seeOther } && changes.last == .tooManyRequests, "\(changes)")
            #expect(try await app.emails(to: "target@example.org").count == 5)
        }
    }

    /// The same limit is counted on every instance: it lives in the database, and without SQL it
    /// refuses to run rather than let everything through.
    @Test func limitsThatCannotBeCountedRefuseInsteadOfPassing() async throws {
        try await withRapport(.sqlite) { app in
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let database = DummyDatabase()
            await #expect(throws: UnsupportedDatabase.self) { try await request.countAttempt(.reportPerAddress, key: "x", on: database) }
            await #expect(throws: UnsupportedDatabase.self) { try await SearchChangeLog.latest(on: database) }
            await #expect(throws: UnsupportedDatabase.self) { try await JobRunner.acquireLease(database, holder: "test") }
            await #expect(throws: UnsupportedDatabase.self) {
                try await MailJob(transport: MemoryMailTransport(), sender: "a@b.org", keys: app.dataKeys).runOnce(on: database, logger: app.logger)
            }
        }
    }
}
