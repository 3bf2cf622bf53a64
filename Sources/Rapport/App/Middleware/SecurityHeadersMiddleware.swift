import Vapor

/// The one place response headers about security and caching are set, for every response
/// including errors and files.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// No inline script at all; JSON-LD data blocks are not executed, so CSP allows them.
    static let contentSecurityPolicy = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    let sendsStrictTransportSecurity: Bool

    init(settings: Settings) {
        self.sendsStrictTransportSecurity = settings.publicURL.scheme == "https"
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
            ("Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
        for (name, value) in headers {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if sendsStrictTransportSecurity {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains")
        }
        if Self.isPersonal(request) {
            // Never kept by a browser or a shared cache: error pages too, since they carry the
            // session's sign-out form token.
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        } else if let policy = Self.publicCachePolicy(request.url.path), response.status == .ok {
            response.headers.replaceOrAdd(name: .cacheControl, value: policy)
        }
        return response
    }

    /// Files for machines that change slowly may be kept for a while; pages are not.
    static func publicCachePolicy(_ path: String) -> String? {
        if path == SiteURL.sitemap.path || path == SiteURL.robots.path || path.hasPrefix("/sitemaps/") { return "public, max-age=3600" }
        if path.hasPrefix("/styles/") || path.hasPrefix("/scripts/") { return "public, max-age=300" }
        return nil
    }

    /// A response is personal when the visitor is signed in (even half-way, before the second
    /// step), when the page was reached by an emailed link's token, or when its handler says so.
    static func isPersonal(_ request: Request) -> Bool {
        request.accountSession != nil || request.isPersonal
            || (request.url.query.map { URLComponents(string: "?" + $0)?.queryItems?.contains { $0.name == "token" } ?? true } ?? false)
    }
}

extension Request {
    private struct PersonalKey: StorageKey { typealias Value = Bool }

    /// Set by a handler whose response holds someone's own data without a session (a private
    /// link, say): the headers middleware then forbids caching it.
    var isPersonal: Bool {
        get { storage[PersonalKey.self] ?? false }
        set { storage[PersonalKey.self] = newValue }
    }
}
