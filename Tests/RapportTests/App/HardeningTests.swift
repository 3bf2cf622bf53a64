import Fluent
import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// The rest of the outside review: caching, uploads, bad input, the API's methods and slugs.
@Suite("Hardening")
struct HardeningTests {
    /// A page for a signed-in person carries the session's sign-out form token, so no error page
    /// of theirs may be cached either; nor may a page reached by an emailed link.
    @Test(arguments: TestDatabase.all)
    func personalPagesAndErrorsAreNeverCached(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let member = try await TestAccounts.browser(app, role: .member)
            try await member.get("/account")
            let wrongPassword = try await member.post("/account/password", ["current_password": "wrong", "new_password": "a new passphrase here"])
            let responses = [
                ("404", try await member.get("/no-such-page")),
                ("403", try await member.get("/admin")),
                ("422", wrongPassword),
                ("403 form", try await member.post("/account/delete", [:], token: .some(nil))),
            ]
            for (name, response) in responses {
                #expect(response.headers.first(name: .cacheControl) == "no-store", "\(name): \(response.status)")
            }
            var tooMany: TestBrowser.Response?
            for _ in 0..<10 {
                try await member.get("/account")
                tooMany = try await member.post("/account/password", ["current_password": "wrong", "new_password": "a new passphrase here"])
            }
            #expect(tooMany?.status == .tooManyRequests && tooMany?.headers.first(name: .cacheControl) == "no-store")

            let visitor = TestBrowser(app)
            #expect(try await visitor.get("/reset-password?token=whatever").headers.first(name: .cacheControl) == "no-store")
            #expect(try await visitor.get("/account/confirm-email?token=whatever").headers.first(name: .cacheControl) == "no-store")
            #expect(try await visitor.get("/therapists").headers.first(name: .cacheControl) == nil, "public pages may be cached")
        }
    }

    /// Each practitioner keeps at most five documents, and uploads are rate limited.
    @Test(arguments: TestDatabase.all)
    func documentsAreCappedPerPractitioner(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (browser, _) = try await JoinAndReviewTests.joinAndSubmit(app)
            var last: TestBrowser.Response?
            for _ in 0..<5 {
                try await browser.get("/dashboard/credentials")
                last = try await browser.postMultipart(
                    "/dashboard/credentials",
                    ["professional_body": "BACP", "registration_number": "123456", "qualifications": "MSc Counselling Psychology", "insurance": "yes"],
                    file: ("document", "another.pdf", "application/pdf", JoinAndReviewTests.pdf))
            }
            #expect(last?.status == .unprocessableEntity)
            #expect(last?.text.contains("as many as we keep") == true)
            #expect(try await CredentialDocument.query(on: app.db).count() == CredentialDocument.maximumCount)
        }
    }

    /// A form posted with no session and no form cookie can never pass, so its body is never
    /// read: even a large one is refused at once with the form-token page, not a 413.
    @Test func aFormThatCanNeverPassIsRefusedBeforeItsBodyIsRead() async throws {
        try await withRapport(.sqlite) { app in
            try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).test(
                .POST, "/register", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=a%40b.org&filler=" + String(repeating: "x", count: 200_000))
            ) { response in
                #expect(response.status == .forbidden)
                #expect(response.body.string.contains("didn&#39;t come from Rapport&#39;s own pages"))
            }
        }
    }

    /// A path segment of thousands of characters is a 404, never a 500: static files are looked
    /// for only under their own prefixes, and no file-system error escapes.
    @Test(arguments: TestDatabase.all)
    func veryLongPathSegmentsAreNotFoundNotServerErrors(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let long = String(repeating: "x", count: 5_000)
            for path in [
                "/practitioners/\(long)", "/practitioners/\(long)/get-in-touch", "/api/v1/practitioners/\(long)",
                "/need-help-with/\(long)", "/approaches/\(long)", "/\(long)", "/styles/\(long).css",
            ] {
                let status = try await TestBrowser(app).get(path).status
                #expect(status == .notFound, "\(path.prefix(40))…: \(status)")
            }
            #expect(try await TestBrowser(app).get("/styles/site.css").status == .ok)
        }
    }

    /// The API is read-only: anything but GET or HEAD on one of its paths is a 405 with `Allow`.
    @Test(arguments: TestDatabase.all)
    func otherMethodsOnAPIPathsAreNotAllowed(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            for method in [HTTPMethod.POST, .PUT, .PATCH, .DELETE, .OPTIONS] {
                for path in ["/api/v1/practitioners", "/api/v1/practitioners/ada-example", "/api/v1/topics", "/api/openapi.json"] {
                    let response = try await TestBrowser(app).send(method, path, headers: [:])
                    #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.status)")
                    #expect(response.headers.first(name: .allow) == "GET, HEAD")
                    #expect(response.text.contains("method_not_allowed"))
                }
            }
            #expect(try await TestBrowser(app).send(.POST, "/api/v2/nothing", headers: [:]).status != .methodNotAllowed)
        }
    }

    /// `topic` and `approach` are declared as the slugs the database holds, so a client (or a
    /// contract checker) knows exactly what is accepted.
    @Test(arguments: TestDatabase.all)
    func theAPIDeclaresTopicsAndApproachesAsTheSlugsInTheDatabase(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let extra = Topic()
            extra.slug = "made-up-for-this-test"
            extra.name = "Made up"
            extra.summary = "Only here"
            try await extra.create(on: app.db)
            let document = try JSONSerialization.jsonObject(with: Data(try await TestBrowser(app).get("/api/openapi.json").body.readableBytesView)) as? [String: Any]
            let paths = document?["paths"] as? [String: Any]
            let search = (paths?["/api/v1/practitioners"] as? [String: Any])?["get"] as? [String: Any]
            let parameters = search?["parameters"] as? [[String: Any]] ?? []
            func values(_ name: String) -> [String] {
                ((parameters.first { $0["name"] as? String == name }?["schema"] as? [String: Any])?["enum"] as? [String]) ?? []
            }
            let topics = try await Topic.query(on: app.db).all().map(\.slug).sorted()
            #expect(values("topic") == topics && topics.contains("made-up-for-this-test"))
            #expect(values("approach") == (try await Approach.query(on: app.db).all().map(\.slug).sorted()))
        }
    }

    @Test func namesInEveryScriptGiveReadableSlugs() {
        #expect(Slug.make(from: "Zoë Ørsted-Łukasz", fallback: "practitioner") == "zoe-orsted-lukasz")
        #expect(Slug.make(from: "Σωκράτης Παπαδόπουλος", fallback: "practitioner") == "sokrates-papadopoulos")
        #expect(Slug.make(from: "Дмитрий Иванов", fallback: "practitioner") == "dmitrij-ivanov")
        #expect(Slug.make(from: "王小明", fallback: "practitioner") == "wang-xiao-ming")
        #expect(Slug.make(from: "محمد علي", fallback: "practitioner") == "mhmd-ly")
        let nothing = Slug.make(from: "🙂 ✨", fallback: "practitioner")
        #expect(nothing.hasPrefix("practitioner-") && nothing.count == "practitioner-".count + 6)
        #expect(nothing != Slug.make(from: "🙂 ✨", fallback: "practitioner"), "two such names never share an address")
        #expect(Slug.make(from: String(repeating: "a", count: 100), fallback: "x").count == Slug.maximumLength)
    }

    /// Read every `X-Forwarded-For` line, take the right-most address that is not a trusted proxy,
    /// and know an IPv6 client by its /64.
    @Test func forwardedChainsAcrossHeaderLinesAndIPv6Blocks() async throws {
        try await withRapport(.sqlite, settings: { $0.trustedProxies = ["10.0.0.5", "10.0.0.6"] }) { app in
            func address(peer: String, forwarded: [String]) throws -> String {
                var headers = HTTPHeaders()
                for line in forwarded { headers.add(name: "X-Forwarded-For", value: line) }
                let request = Request(
                    application: app, method: .GET, url: "/", headers: headers,
                    remoteAddress: try SocketAddress(ipAddress: peer, port: 4000), on: app.eventLoopGroup.next())
                return request.clientAddress
            }
            let chain = try address(peer: "10.0.0.5", forwarded: ["198.51.100.1", "203.0.113.9, 10.0.0.6"])
            let forwardedIPv6 = try address(peer: "10.0.0.5", forwarded: ["2001:db8:1:2:aaaa::1"])
            let directIPv6 = try address(peer: "2001:db8:1:2:bbbb::7", forwarded: [])
            let mapped = try address(peer: "10.0.0.5", forwarded: ["::ffff:192.0.2.44"])
            let untrusted = try address(peer: "192.0.2.1", forwarded: ["203.0.113.9"])
            #expect(chain == "203.0.113.9")
            #expect(forwardedIPv6 == "2001:db8:1:2::/64")
            #expect(directIPv6 == "2001:db8:1:2::/64")
            #expect(mapped == "192.0.2.44")
            #expect(untrusted == "192.0.2.1")
        }
    }

    /// A sent email's address and body (which hold links) are blanked; failed mail is dropped
    /// a week after its last try.
    @Test(arguments: TestDatabase.all)
    func sentMailIsBlankedAndFailedMailExpires(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await Mailer.enqueue(.init(to: "a@example.org", subject: "Your link", body: "http://127.0.0.1:8080/reset-password?token=secret"), keys: app.dataKeys, on: app.db)
            try await Mailer.enqueue(.init(to: "b@example.org", subject: "Bounced", body: "y"), keys: app.dataKeys, on: app.db)
            try await OutgoingMail.query(on: app.db).filter(\.$subject == "Bounced")
                .set(\.$attempts, to: MailJob.maximumAttempts).set(\.$sendAfterEpoch, to: 1_000).update()
            let transport = MemoryMailTransport()
            try await MailJob(transport: transport, sender: "Rapport <no-reply@example.org>", keys: app.dataKeys).runOnce(on: app.db, logger: app.logger)
            #expect(await transport.sent.map(\.to) == ["a@example.org"])
            let sent = try #require(try await OutgoingMail.query(on: app.db).filter(\.$subject == "Your link").first())
            #expect(sent.sealedRecipient.isEmpty && sent.sealedBody.isEmpty && sent.sentEpoch != nil)
            try await OutboxCleanup.run(on: app.db)
            #expect(try await OutgoingMail.query(on: app.db).filter(\.$subject == "Bounced").count() == 0)
        }
    }
}
