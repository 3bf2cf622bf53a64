import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// Keeps every log line in memory so a test can read what would have been written.
final class CapturedLog: LogHandler, @unchecked Sendable {
    let lines = NIOLockedValueBox<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLockedValue { $0.append("\(event.message)") }
    }
}

@Suite("Request logs and error pages")
struct RequestLogTests {
    @Test func requestLogsCarryTheRoutePatternButNeverTheQueryOrBody() async throws {
        try await withRapport(.sqlite) { app in
            let captured = CapturedLog()
            let logger = Logger(label: "test") { _ in captured }
            app.middleware = .init()
            app.middleware.use(RequestLogMiddleware(logger: logger))
            try await PractitionerFixture.make(on: app, name: "Ada Example")
            try await app.testing().test(.GET, "/practitioners/ada-example?q=my+partner+hits+me&near=Harrogate") { _ in }
            try await app.testing().test(.GET, "/need-help-with/anxiety?secret=yes") { _ in }
            let lines = captured.lines.withLockedValue { $0 }
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("GET /practitioners/:slug 200 "))
            #expect(lines[1].hasPrefix("GET /need-help-with/:slug 200 "))
            for line in lines {
                #expect(!line.contains("partner") && !line.contains("Harrogate") && !line.contains("secret") && !line.contains("ada-example"))
            }
        }
    }

    struct Boom: Error {}

    @Test func anUnexpectedErrorGivesAGenericPageWithoutDetails() async throws {
        try await withRapport(.sqlite) { app in
            app.get("explode") { _ -> String in throw Boom() }
            try await app.testing().test(.GET, "/explode") { response in
                #expect(response.status == .internalServerError)
                #expect(response.text.contains("Sorry, something went wrong on our side"))
                #expect(response.text.contains(#"<a class="urgent-link""#))
                #expect(!response.text.contains("Boom"))
                #expect(!response.text.contains("RequestLogTests"))
            }
        }
    }
}
