import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("Admins")
struct AdminTests {
    @Test(arguments: TestDatabase.all)
    func anAdminMakesAConfirmedAccountAnAdminAndOthersCannot(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await TestAccounts.make(app, email: "helper@example.org", role: .member)
            try await TestAccounts.make(app, email: "unconfirmed@example.org", role: .member, confirmed: false)
            let member = try await TestAccounts.browser(app, role: .member)
            #expect(try await member.get("/account/admins").status == .forbidden)

            let admin = try await TestAccounts.browser(app, role: .admin, email: "first-admin@example.org")
            try await admin.get("/account/admins")
            let refused = try await admin.post("/account/admins", ["email": "unconfirmed@example.org", "current_password": TestAccounts.password])
            #expect(refused.status == .unprocessableEntity)
            // Granting admin takes the granting admin's password again, and is audited.
            let noPassword = try await admin.post("/account/admins", ["email": "helper@example.org"])
            #expect(noPassword.status == .unprocessableEntity && noPassword.text.contains("nobody was made an admin"))
            #expect(noPassword.text.contains("value=\"helper@example.org\""), "what was typed is kept")
            #expect(try await Account.query(on: app.db).filter(\.$email == "helper@example.org").first()?.role == .member)
            #expect(try await AuditEntry.query(on: app.db).count() == 0)
            let made = try await admin.post("/account/admins", ["email": "helper@example.org", "current_password": TestAccounts.password])
            #expect(made.status == .ok)
            #expect(made.body.string.contains("helper@example.org is now an admin."))
            #expect(try await Account.query(on: app.db).filter(\.$email == "helper@example.org").first()?.role == .admin)
            let entry = try #require(try await AuditEntry.query(on: app.db).first())
            #expect(entry.action == "made an admin" && entry.adminEmail == "first-admin@example.org" && entry.detail.contains("helper@example.org"))
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExecutableTests.binary.path), "needs `swift build` first"))
    func createAdminMakesTheFirstAdminFromStandardInput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func run(_ password: String) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = ExecutableTests.binary
            process.arguments = ["create-admin", "--email", "Boss@Example.org"]
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["DATABASE_URL": "sqlite://\(directory.path)/admin.sqlite", "LOG_LEVEL": "error", "RAPPORT_DEMO": "0"]) { $1 }
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            try process.run()
            input.fileHandleForWriting.write(Data((password + "\n").utf8))
            try input.fileHandleForWriting.close()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let weak = try run("short")
        #expect(weak.0 == 1 && weak.1.contains("at least 12"))
        let made = try run("a properly long admin passphrase")
        #expect(made.0 == 0, "\(made.1)")
        #expect(made.1.contains("Created the admin boss@example.org"))
        let again = try run("a properly long admin passphrase")
        #expect(again.0 == 1 && again.1.contains("already has an account"))
    }

    @Test func forwardedAddressesAreBelievedOnlyFromTrustedProxies() async throws {
        try await withRapport(.sqlite, settings: { $0.trustedProxies = ["10.0.0.5"] }) { app in
            func address(peer: String, forwarded: String?) throws -> String {
                var headers = HTTPHeaders()
                if let forwarded { headers.add(name: "X-Forwarded-For", value: forwarded) }
                let request = Request(
                    application: app, method: .GET, url: "/", headers: headers,
                    remoteAddress: try SocketAddress(ipAddress: peer, port: 4000), on: app.eventLoopGroup.next())
                return request.clientAddress
            }
            let viaProxy = try address(peer: "10.0.0.5", forwarded: "203.0.113.9")
            let chain = try address(peer: "10.0.0.5", forwarded: "198.51.100.1, 203.0.113.9, 10.0.0.5")
            let untrusted = try address(peer: "192.0.2.44", forwarded: "203.0.113.9")
            let noHeader = try address(peer: "10.0.0.5", forwarded: nil)
            #expect(viaProxy == "203.0.113.9")
            #expect(chain == "203.0.113.9")
            #expect(untrusted == "192.0.2.44", "untrusted peers cannot claim another address")
            #expect(noHeader == "10.0.0.5")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theSecurityLogNeverHoldsPasswordsOrEmails(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = TestBrowser(app)
            try await browser.get("/login")
            let captured = CapturedLog()
            app.securityLogger = Logger(label: "test") { _ in captured }
            try await browser.post("/login", ["email": "victim@example.org", "password": "hunter2 but longer"])
            let lines = captured.lines.withLockedValue { $0 }
            #expect(lines.contains { $0.hasPrefix("login failed") })
            #expect(lines.allSatisfy { !$0.contains("victim") && !$0.contains("hunter2") })
        }
    }
}
