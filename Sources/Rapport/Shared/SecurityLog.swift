import Vapor

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
    /// The visitor's address: `X-Forwarded-For` is believed only from a trusted proxy, and then
    /// the nearest address that is not itself a trusted proxy is used.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = application.settings.trustedProxies
        guard trusted.contains(peer), let forwarded = headers.first(name: "X-Forwarded-For") else { return peer }
        let chain = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return chain.reversed().first { !trusted.contains($0) } ?? peer
    }
}
