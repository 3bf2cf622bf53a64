import Fluent
import Foundation
import SQLKit
import Vapor

/// `rapport apply-timing --repeat N`: what one change costs search. Builds this instance's index
/// (timed: the cold start), then N times changes one listed practitioner's headline by plain
/// SQL, as an operator would, and times the search that follows it (which applies the change).
/// Each change is put back afterwards. Prints JSON, for `bench/edits-benchmark.py`.
struct ApplyTimingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "repeat", help: "How many changes to time (default 50).")
        var repetitions: Int?
    }

    var help: String { "Times building the search index, and applying one change to it, and prints JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let sql = app.db as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "apply-timing") }
        let buildStart = ContinuousClock.now
        let index = try await app.searchIndex.index(on: app.db)
        let built = ContinuousClock.now - buildStart
        let listed = index.listedIDs
        guard !listed.isEmpty else { throw Abort(.badRequest, reason: "No practitioners are listed: seed some first.") }
        let repetitions = max(1, signature.repetitions ?? 50)
        var timings: [Double] = []
        for round in 0..<repetitions {
            let id = listed[(round * 7_919) % listed.count]
            let old = try await sql.raw("SELECT headline FROM practitioners WHERE id = \(bind: id)").first()?.decode(column: "headline", as: String.self) ?? ""
            try await sql.raw("UPDATE practitioners SET headline = \(bind: "Timing change \(round)") WHERE id = \(bind: id)").run()
            let start = ContinuousClock.now
            _ = try await app.searchIndex.index(on: app.db)
            timings.append((ContinuousClock.now - start).inMilliseconds)
            try await sql.raw("UPDATE practitioners SET headline = \(bind: old) WHERE id = \(bind: id)").run()
        }
        _ = try await app.searchIndex.index(on: app.db)
        timings.sort()
        let work = app.searchIndex.work
        context.console.print(String(
            format: #"{"listings": %d, "build_s": %.2f, "apply_p50_ms": %.3f, "apply_p99_ms": %.3f, "applies": %d, "full_builds": %d, "rss_mib": %.0f}"#,
            listed.count, built.inMilliseconds / 1000, timings[timings.count / 2],
            timings[min(timings.count - 1, Int((Double(timings.count) * 0.99).rounded(.up)) - 1)],
            work.applies, work.fullBuilds, Self.residentMiB()))
    }


    /// This process's resident memory now, from /proc (0 where there is none).
    static func residentMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
