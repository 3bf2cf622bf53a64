import Foundation
import Testing

/// A real SMTP server on localhost (aiosmtpd from the test virtual environment) that keeps
/// every message it receives in a maildir, so tests read exactly what arrived.
final class LocalSMTPServer {
    static let python = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: python) }

    let port: Int
    let maildir: URL
    private let process = Process()

    init() throws {
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-mail-\(UUID().uuidString)")
        // A port the system says is free: a random one could be another test's listener (an
        // in-process HTTP server), which would then take the SMTP client's connection.
        port = Self.freePort()
        process.executableURL = URL(fileURLWithPath: Self.python)
        process.arguments = ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until it accepts connections.
        for _ in 0..<100 {
            if Self.canConnect(port: port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CancellationError()
    }

    deinit {
        // aiosmtpd does not always stop on SIGTERM; the test is over, so stop it outright.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: maildir)
    }

    /// Every message received so far, raw.
    func messages() -> [String] {
        let new = maildir.appendingPathComponent("new")
        let files = (try? FileManager.default.contentsOfDirectory(at: new, includingPropertiesForKeys: nil)) ?? []
        return files.sorted { $0.path < $1.path }.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
    }

    /// Waits up to a few seconds for `count` messages.
    func waitForMessages(_ count: Int) async throws -> [String] {
        for _ in 0..<100 {
            let found = messages()
            if found.count >= count { return found }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return messages()
    }

    private static func freePort() -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// Decodes the base64 body of a message Rapport wrote.
func decodedBody(_ raw: String) -> String {
    let normalised = raw.replacingOccurrences(of: "\r\n", with: "\n")
    guard let split = normalised.range(of: "\n\n") else { return "" }
    let base64 = normalised[split.upperBound...].split(separator: "\n").joined()
    return Data(base64Encoded: String(base64)).map { String(decoding: $0, as: UTF8.self) } ?? ""
}
