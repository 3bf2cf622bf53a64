import Foundation
import SQLKit
import Vapor

/// `rapport search-timing 'topic=anxiety&near=Leeds' --repeat N`: times one search without HTTP
/// or rendering, so a benchmark can show how much of a request is the search and how much is the
/// rest. Prints two figures: the in-memory search alone (`core_*`), and the whole search as a
/// request runs it (`p50_ms`, `p99_ms`): the change-log check, the in-memory search and making
/// the page's summaries.
struct SearchTimingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "query", help: "The search's query string, as the API takes it.")
        var query: String
        @Option(name: "repeat", help: "How many times to run it (default 200).")
        var repetitions: Int?
        @Option(name: "changes", help: "Change this many listed practitioners by SQL first, so the search runs over an overlay (put back afterwards).")
        var changes: Int?
    }

    var help: String { "Times one search without HTTP and prints its p50 and p99 in milliseconds as JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let service = app.searchService
        var index = try await service.currentIndex()
        let changed = Array(index.listedIDs.prefix(max(0, signature.changes ?? 0)))
        guard let sql = app.db as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "search-timing") }
        if !changed.isEmpty {
            try await sql.raw("UPDATE practitioners SET headline = headline || ' ' WHERE id IN (\(binds: changed))").run()
            index = try await service.currentIndex()
        }

        let criteria = try service.parser(.api, taxonomy: index.taxonomy).parse(SearchParser.queryValues(signature.query)).criteria
        let repetitions = max(1, signature.repetitions ?? 200)
        let search = PractitionerSearch(criteria: criteria, today: service.today)

        let core = try await Self.time(repetitions) { _ = index.run(search) }
        let whole = try await Self.time(repetitions) { _ = try await service.search(criteria) }
        if !changed.isEmpty {
            try await sql.raw("UPDATE practitioners SET headline = rtrim(headline) WHERE id IN (\(binds: changed))").run()
        }
        context.console.print(String(
            format: #"{"p50_ms": %.3f, "p99_ms": %.3f, "core_p50_ms": %.3f, "core_p99_ms": %.3f, "runs": %d, "overlay": %d}"#,
            whole.p50, whole.p99, core.p50, core.p99, repetitions, index.overlay.ids.count))
    }

    /// Runs `work` once to warm up, then `repetitions` times, and returns p50 and p99 in ms.
    static func time(_ repetitions: Int, _ work: () async throws -> Void) async throws -> (p50: Double, p99: Double) {
        try await work()
        var milliseconds: [Double] = []
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            try await work()
            milliseconds.append((ContinuousClock.now - start).inMilliseconds)
        }
        milliseconds.sort()
        func percentile(_ fraction: Double) -> Double {
            milliseconds[min(milliseconds.count - 1, Int((Double(milliseconds.count) * fraction).rounded(.up)) - 1)]
        }
        return (percentile(0.5), percentile(0.99))
    }
}
