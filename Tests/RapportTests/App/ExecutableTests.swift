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
}
