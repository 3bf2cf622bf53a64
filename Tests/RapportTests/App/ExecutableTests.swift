import Foundation
import Testing

/// Runs the real `rapport` binary, as someone starting the server would.
@Suite("The rapport executable")
struct ExecutableTests {
    static let binary = URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/.build/debug/rapport")

    func run(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = Pipe()
        try process.run()
        let data = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "needs `swift build` first"))
    func badDatabaseURLStopsWithOneClearLine() throws {
        let result = try run(["migrate"], environment: ["DATABASE_URL": "mysql://localhost/rapport"])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(lines.first?.hasPrefix("rapport: DATABASE_URL uses the unsupported scheme 'mysql'") == true)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "needs `swift build` first"))
    func unreachablePostgresStopsWithoutAStackTrace() throws {
        let result = try run(["migrate"], environment: ["DATABASE_URL": "postgres://nobody:x@127.0.0.1:1/nothing", "LOG_LEVEL": "critical"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("rapport:"))
        #expect(!result.standardError.contains("Fatal error"))
    }

    /// At `LOG_LEVEL=debug` the database drivers would log every query with its bind values
    /// (email addresses, notes, tokens). They are held at info unless `RAPPORT_LOG_SQL=1`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary.path), "needs `swift build` first"))
    func debugLoggingNeverShowsWhatWasStored() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func createAdmin(_ email: String, logSQL: Bool) throws -> String {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["create-admin", "--email", email]
            process.currentDirectoryURL = directory
            process.environment = ProcessInfo.processInfo.environment.merging([
                "DATABASE_URL": "sqlite://\(directory.path)/log.sqlite", "LOG_LEVEL": "debug", "RAPPORT_LOG_SQL": logSQL ? "1" : "0",
            ]) { $1 }
            let input = Pipe()
            let errors = Pipe()
            process.standardInput = input
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            input.fileHandleForWriting.write(Data("a long enough admin passphrase\n".utf8))
            try input.fileHandleForWriting.close()
            let log = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(String(decoding: log, as: UTF8.self).suffix(500))")
            return String(decoding: log, as: UTF8.self)
        }
        let quiet = try createAdmin("canary-7c1d@example.org", logSQL: false)
        #expect(quiet.contains("[ DEBUG ]") || quiet.contains("debug"), "debug logging is on")
        #expect(!quiet.contains("canary-7c1d"), "an address reached the log")
        // The switch works, so the test above could have failed.
        let loud = try createAdmin("canary-9e2f@example.org", logSQL: true)
        #expect(loud.contains("canary-9e2f"))
    }
}
