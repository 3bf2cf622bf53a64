import Fluent
import Foundation
import NIOCore
import Testing
import Vapor

@testable import Rapport

struct FailingTransport: MailTransport {
    struct Refused: Error {}
    func send(_ message: Mailer.Message, from sender: String) async throws { throw Refused() }
}

@Suite("The mailer")
struct MailerTests {
    let message = Mailer.Message(to: "someone@example.org", subject: "Please confirm your email", body: "Hello.\nLine two.")

    @Test(arguments: TestDatabase.all)
    func mailIsWrittenOnlyIfItsTransactionCommits(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            struct Abandon: Error {}
            try? await app.db.transaction { transaction in
                try await Mailer.enqueue(message, keys: app.dataKeys, on: transaction)
                throw Abandon()
            }
            #expect(try await OutgoingMail.query(on: app.db).count() == 0)
            try await app.db.transaction { try await Mailer.enqueue(message, keys: app.dataKeys, on: $0) }
            #expect(try await OutgoingMail.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func eachMessageIsSentOnceEvenWithTwoSendersAtOnce(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            for index in 0..<30 {
                try await Mailer.enqueue(.init(to: "person\(index)@example.org", subject: "Hello \(index)", body: "Hi"), keys: app.dataKeys, on: app.db)
            }
            let transport = MemoryMailTransport()
            let job = MailJob(transport: transport, sender: "Rapport <no-reply@rapport.test>", keys: app.dataKeys)
            async let first = job.runOnce(on: app.db, logger: app.logger)
            async let second = job.runOnce(on: app.db, logger: app.logger)
            _ = try await (first, second)
            while try await job.runOnce(on: app.db, logger: app.logger) > 0 {}
            let sent = await transport.sent
            #expect(sent.count == 30)
            #expect(Set(sent.map(\.to)).count == 30)
            #expect(try await OutgoingMail.query(on: app.db).filter(\.$sentEpoch == nil).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFailedSendIsRetriedLaterWithBackoff(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await Mailer.enqueue(message, keys: app.dataKeys, on: app.db)
            let now = Date()
            let failing = MailJob(transport: FailingTransport(), sender: "no-reply@rapport.test", keys: app.dataKeys)
            #expect(try await failing.runOnce(on: app.db, logger: app.logger, now: now) == 0)
            let mail = try #require(try await OutgoingMail.query(on: app.db).first())
            #expect(mail.attempts == 1)
            #expect(mail.sendAfterEpoch == Int(now.timeIntervalSince1970) + 60)
            #expect(mail.lastError?.contains("example.org") == false)
            // Not due yet: nothing is tried; once due, a working transport sends it.
            let transport = MemoryMailTransport()
            let working = MailJob(transport: transport, sender: "no-reply@rapport.test", keys: app.dataKeys)
            #expect(try await working.runOnce(on: app.db, logger: app.logger, now: now) == 0)
            #expect(try await working.runOnce(on: app.db, logger: app.logger, now: now.addingTimeInterval(61)) == 1)
            #expect(await transport.sent.map { [$0.to, $0.subject, $0.body] } == [[message.to, message.subject, message.body]])
        }
        #expect(MailJob.backoffSeconds(afterAttempt: 3) == 240)
        #expect(MailJob.backoffSeconds(afterAttempt: 30) == 6 * 3600)
    }

    @Test(arguments: TestDatabase.all)
    func onlyOneInstanceHoldsTheJobLease(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let now = Date()
            let first = try await JobRunner.acquireLease(app.db, holder: "a", now: now)
            let rival = try await JobRunner.acquireLease(app.db, holder: "b", now: now)
            let renewed = try await JobRunner.acquireLease(app.db, holder: "a", now: now.addingTimeInterval(30))
            let takenOver = try await JobRunner.acquireLease(app.db, holder: "b", now: now.addingTimeInterval(200))
            #expect(first)
            #expect(!rival)
            #expect(renewed, "the holder renews")
            #expect(takenOver, "an expired lease passes on")
        }
    }

    @Test(.enabled(if: LocalSMTPServer.isAvailable || TestDatabase.isCI, "needs .venv with aiosmtpd (scripts/test makes it)"))
    func smtpDeliversToARealServer() async throws {
        let server = try LocalSMTPServer()
        let transport = SMTPMailTransport(
            server: .init(host: "127.0.0.1", port: server.port), group: MultiThreadedEventLoopGroup.singleton)
        let unicode = Mailer.Message(
            to: "Ada <ada@example.org>", subject: "Café – your link",
            body: "Hello Ada,\n.\nA line that starts with a dot.\nhttps://rapport.test/confirm?token=abc\n")
        try await transport.send(unicode, from: "Rapport <no-reply@rapport.test>")
        let received = try await server.waitForMessages(1)
        let raw = try #require(received.first)
        #expect(raw.contains("To: Ada <ada@example.org>"))
        #expect(raw.contains("Subject: =?UTF-8?B?"))
        #expect(decodedBody(raw) == "Hello Ada,\r\n.\r\nA line that starts with a dot.\r\nhttps://rapport.test/confirm?token=abc\r\n")
    }

    @Test func smtpAddressesAreReadFromTheURL() throws {
        #expect(throws: ConfigurationError.self) { try SMTPMailTransport.Server(url: "http://mail.example.org") }
        #expect(try SMTPMailTransport.Server(url: "smtp://user:p%40ss@mail.example.org").password == "p@ss")
        let remote = try SMTPMailTransport.Server(url: "smtp://mail.example.org:2525")
        #expect(!remote.isLocal && remote.port == 2525)
    }

    @Test func developmentWritesEmlFilesAndLogsOnlyTheSubject() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-eml-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let captured = CapturedLog()
        let transport = FileMailTransport(directory: directory, logger: Logger(label: "test") { _ in captured })
        try await transport.send(message, from: "Rapport <no-reply@rapport.test>")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.count == 1 && files[0].hasSuffix(".eml"))
        let lines = captured.lines.withLockedValue { $0 }
        #expect(lines.count == 1 && lines[0].contains("Please confirm your email"))
        #expect(!lines[0].contains("someone@example.org") && !lines[0].contains("Line two"))
    }
}
