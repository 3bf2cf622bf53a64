import Foundation
import NIOCore
import NIOPosix
import Vapor

/// The program behind the `rapport` executable, kept in the library so tests can reach it.
public enum RapportMain {
    /// Runs one command (`serve` by default). Configuration problems end the program with a
    /// single readable line instead of a stack trace.
    public static func run() async -> Int32 {
        let settings: Settings
        var environment: Environment
        do {
            environment = try Environment.detect()
            settings = try Settings(environment: ProcessInfo.processInfo.environment)
        } catch {
            printToStandardError("rapport: \(error)")
            return 1
        }

        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = settings.logLevel
            return DatabaseQuietLogHandler(wrapped: handler, logsSQL: settings.logsSQL)
        }

        let app: Application
        do {
            app = try await Application.make(environment)
        } catch {
            printToStandardError("rapport: could not start: \(error)")
            return 1
        }
        var status: Int32 = 0
        do {
            try await configure(app, settings: settings)
            try await app.execute()
        } catch let error as ConfigurationError {
            printToStandardError("rapport: \(error)")
            status = 1
        } catch {
            printToStandardError("rapport: \(String(describing: error))")
            status = 1
        }
        // Stop taking requests and let those in flight finish before the database pools close,
        // or a request caught mid-way would reach for a database that no longer exists.
        await app.server.shutdown()
        try? await app.asyncShutdown()
        return status
    }

    /// Vapor's own template does this: async request handlers then run on the NIO event loop
    /// that read the request, instead of hopping to Swift's thread pool and back for every await.
    /// Call once, first thing in `main`; tests keep Swift's default executor.
    public static func runConcurrencyOnEventLoops() {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    static func printToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
