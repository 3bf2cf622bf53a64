import Foundation
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// Sign-ins, failed sign-ins and refusals, for spotting attacks. Never a password, a token, a
/// form's contents or an email address: at most an account id and the client address.
enum SecurityLog {

    static func record(_ event: String, request: Request, account: UUID? = nil) {
        var line = "\(event) ip=\(request.clientAddress)"
        if let account { line += " account=\(account.uuidString.lowercased())" }
        request.application.securityLogger.notice("\(line) route=\(request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(none)")")
    }
}

extension Application {
    private struct SecurityLoggerKey: StorageKey { typealias Value = Logger }

    /// Where security events go; tests give each app one they can read.
    var securityLogger: Logger {
        get { storage[SecurityLoggerKey.self] ?? Logger(label: "rapport.security") }
        set { storage[SecurityLoggerKey.self] = newValue }
    }
}

extension Request {
    /// The visitor's address, as rate limits and the security log know them. `X-Forwarded-For`
    /// is believed only from a trusted proxy: every line of it is read, and the right-most
    /// address that is not itself a trusted proxy is the client (the ones to its left are
    /// whatever the client claimed). An IPv6 client is known by its /64, the block one home or
    /// phone is given, so stepping through its addresses does not step round a limit.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = application.settings.trustedProxies
        guard trusted.contains(peer) else { return ClientAddress.key(peer) }
        let chain = headers[.xForwardedFor]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return ClientAddress.key(chain.reversed().first { !trusted.contains($0) } ?? peer)
    }
}

enum ClientAddress {
    /// An IPv4 address as it is; an IPv6 address as its /64 (`2001:db8:1:2::/64`), or as the
    /// IPv4 address it maps (`::ffff:192.0.2.1`).
    static func key(_ address: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let unbracketed = address.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard unbracketed.contains(":"), inet_pton(AF_INET6, unbracketed, &bytes) == 1 else { return address }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }
}
