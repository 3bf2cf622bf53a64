import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// Runs scheduled jobs (sending mail, and later reminders and clean-ups) inside `rapport serve`.
/// Every instance runs the loop, but only the holder of the database lease does the work, so
/// adding instances never sends twice. `rapport jobs --once` runs the same jobs from cron.
final class JobRunner: LifecycleHandler, @unchecked Sendable {
    static let leaseName = "scheduled-jobs"
    /// Renewed every round (5 s), so after a crash another instance, or the restarted one,
    /// takes the jobs over within this.
    static let leaseSeconds = 15

    let holder = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    let interval: TimeAmount
    private var task: Task<Void, Never>?

    init(interval: TimeAmount = .seconds(5)) {
        self.interval = interval
    }

    typealias Job = @Sendable (Application, any Database) async throws -> Void
    private let registered = NIOLockedValueBox<[(name: String, job: Job)]>([])

    /// Adds a job, run every round in the order added. Each feature registers its own (its
    /// sending, reminders, clean-ups) in `configure`, so this runner knows none of their tables.
    func register(_ name: String, _ job: @escaping Job) {
        registered.withLockedValue { $0.append((name, job)) }
    }

    var jobNames: [String] { registered.withLockedValue { $0.map(\.name) } }

    /// Runs every registered job once. A job that fails is logged by kind and the others
    /// still run; the first failure is thrown afterwards.
    static func runAll(_ app: Application) async throws {
        var firstFailure: (any Error)?
        for (name, job) in app.jobRunner.registered.withLockedValue({ $0 }) {
            do {
                try await job(app, app.db)
            } catch {
                app.logger.warning("Scheduled job '\(name)' failed: \(type(of: error))")
                firstFailure = firstFailure ?? error
            }
        }
        if let firstFailure { throw firstFailure }
    }

    /// Takes or renews the lease; true when this instance holds it.
    static func acquireLease(_ database: any Database, holder: String, now: Date = Date()) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "the scheduled jobs' lease") }
        let nowEpoch = Int(now.timeIntervalSince1970)
        try await sql.raw(
            """
            INSERT INTO job_leases (name, holder, leased_until_epoch) VALUES (\(bind: leaseName), \(bind: holder), \(bind: 0)) \
            ON CONFLICT (name) DO NOTHING
            """
        ).run()
        try await sql.raw(
            """
            UPDATE job_leases SET holder = \(bind: holder), leased_until_epoch = \(bind: nowEpoch + leaseSeconds) \
            WHERE name = \(bind: leaseName) AND (leased_until_epoch < \(bind: nowEpoch) OR holder = \(bind: holder))
            """
        ).run()
        return try await JobLease.find(leaseName, on: database)?.holder == holder
    }

    /// Starts the loop (from `serve`); it stops when the application shuts down.
    func start(_ app: Application) {
        let holder = holder
        let interval = interval
        task = Task {
            while !Task.isCancelled {
                do {
                    if try await Self.acquireLease(app.db, holder: holder) {
                        try await Self.runAll(app)
                    }
                } catch {
                    app.logger.warning("Scheduled jobs failed this round: \(type(of: error))")
                }
                try? await Task.sleep(nanoseconds: UInt64(interval.nanoseconds))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
        await task?.value
    }
}

/// `rapport jobs --once`: runs every scheduled job once, for cron instead of the in-server loop.
struct JobsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "once", help: "Run every job once and exit.")
        var once: Bool
    }

    var help: String { "Runs the scheduled jobs (sending mail) once, holding the same lease as the server's loop." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard try await JobRunner.acquireLease(app.db, holder: "cron-\(ProcessInfo.processInfo.processIdentifier)") else {
            context.console.print("Another instance is running the jobs just now.")
            return
        }
        try await JobRunner.runAll(app)
        context.console.print("Jobs ran once.")
    }
}

extension Application {
    private struct MailJobKey: StorageKey { typealias Value = MailJob }
    private struct JobRunnerKey: StorageKey { typealias Value = JobRunner }

    var jobRunner: JobRunner {
        get {
            guard let runner = storage[JobRunnerKey.self] else { fatalError("configure() sets the job runner") }
            return runner
        }
        set { storage[JobRunnerKey.self] = newValue }
    }

    var mailJob: MailJob {
        get {
            guard let job = storage[MailJobKey.self] else { fatalError("configure() sets the mail job") }
            return job
        }
        set { storage[MailJobKey.self] = newValue }
    }
}
