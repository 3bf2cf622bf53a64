import Foundation
import SQLKit
import Vapor

/// `rapport search-timing --repeat N 'topic=anxiety&near=Leeds'`: times only the search's SQL
/// (the count and the page query, no card loading or rendering), so a benchmark can show how
/// much of a request is the database and how much is the app.
struct SearchTimingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "query", help: "The search's query string, as the API takes it.")
        var query: String
        @Option(name: "repeat", help: "How many times to run it (default 200).")
        var repetitions: Int?
    }

    var help: String { "Times the bare SQL of one search and prints {\"p50_ms\", \"p99_ms\"} as JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let sql = app.db as? any SQLDatabase else { return }
        let service = SearchService(database: app.db, gazetteer: app.gazetteer)
        let criteria = try await service.parser(.api).parse(SearchParser.queryValues(signature.query)).criteria
        let search = PractitionerSearch(criteria: criteria, today: LondonCalendar.today())
        let repetitions = max(1, signature.repetitions ?? 200)
        _ = try await search.run(on: sql)
        var milliseconds: [Double] = []
        for _ in 0..<repetitions {
            let start = ContinuousClock.now
            _ = try await search.run(on: sql)
            let elapsed = ContinuousClock.now - start
            milliseconds.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        milliseconds.sort()
        func percentile(_ fraction: Double) -> Double {
            milliseconds[min(milliseconds.count - 1, Int((Double(milliseconds.count) * fraction).rounded(.up)) - 1)]
        }
        context.console.print(String(format: #"{"p50_ms": %.3f, "p99_ms": %.3f, "runs": %d}"#, percentile(0.5), percentile(0.99), repetitions))
    }
}
