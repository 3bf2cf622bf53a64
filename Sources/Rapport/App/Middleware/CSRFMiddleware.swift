import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Every request that changes something (POST, PUT, PATCH, DELETE) must come from Rapport's own
/// pages: the browser's `Sec-Fetch-Site` must not say another site sent it, and the form must
/// carry the token for this visitor's session. Anything else gets a 403 page that explains.
struct CSRFMiddleware: AsyncMiddleware {
    static let fieldName = "csrf_token"
    /// Set in a route's `userInfo` to let it receive a body of up to this many bytes.
    static let uploadLimitKey = "rapport.uploadLimitBytes"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let anonymousCookie = CSRF.cookieName(request.application.settings)
        var newAnonymousValue: String?
        if request.accountSession == nil, request.cookies[anonymousCookie]?.string.isEmpty ?? true {
            newAnonymousValue = SecretToken.make()
        }
        request.csrfSeed = request.accountSession?.tokenHash ?? request.cookies[anonymousCookie]?.string ?? newAnonymousValue

        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method) {
            let site = request.headers.first(name: "Sec-Fetch-Site")?.lowercased()
            if let site, site != "same-origin", site != "none" {
                SecurityLog.record("cross-site request refused", request: request)
                throw Abort(.forbidden, reason: CSRF.refusal)
            }
            // With no session and no form cookie the token cannot match, so the body is never read.
            guard newAnonymousValue == nil else {
                SecurityLog.record("form sent without a session or form cookie", request: request)
                throw Abort(.forbidden, reason: CSRF.refusal)
            }
            // The token is in the form, so a large body (an upload) must be read first; the route
            // says how large it may be, everything else gets Vapor's default. A body that says
            // it is larger is refused before a byte of it is read.
            if request.body.data == nil {
                let limit = request.route?.userInfo[Self.uploadLimitKey] as? Int ?? request.application.routes.defaultMaxBodySize.value
                if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > limit {
                    throw Abort(.payloadTooLarge, reason: CSRF.tooLarge)
                }
                _ = try await request.body.collect(max: limit).get()
            }
            let submitted = (try? request.content.get(String.self, at: Self.fieldName)) ?? request.headers.first(name: "X-CSRF-Token")
            let expected = try await request.csrfToken()
            guard let submitted, CSRF.constantTimeEquals(submitted, expected) else {
                SecurityLog.record("missing or wrong form token", request: request)
                throw Abort(.forbidden, reason: CSRF.refusal)
            }
        }

        let response = try await next.respond(to: request)
        // Only a page that carries a form sets the cookie: reading pages sets none.
        if let newAnonymousValue, request.accountSession == nil, request.csrfTokenWasIssued {
            let settings = request.application.settings
            response.cookies[anonymousCookie] = HTTPCookies.Value(
                string: newAnonymousValue, expires: nil, maxAge: nil, domain: nil, path: "/",
                isSecure: !settings.isDevelopmentURL, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }
}

enum CSRF {
    static let refusal =
        "This form had expired or didn't come from Rapport's own pages, so nothing was changed. Please go back, reload the page and try again."

    static let tooLarge = "That was more than this form can take, so nothing was sent. If you were uploading a file, please choose one under 5 MB."

    static func cookieName(_ settings: Settings) -> String {
        settings.isDevelopmentURL ? "rapport_form" : "__Host-rapport-form"
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The shared key behind form tokens, read once from the database so every instance agrees.
final class SiteSecrets: Sendable {
    private let csrfKey = NIOLockedValueBox<SymmetricKey?>(nil)

    func csrf(on database: any Database) async throws -> SymmetricKey {
        if let key = csrfKey.withLockedValue({ $0 }) { return key }
        guard let sql = database as? any SQLDatabase,
            let value = try await sql.raw("SELECT value FROM site_secrets WHERE name = 'csrf'").first()?.decode(column: "value", as: String.self),
            let data = Data(base64Encoded: value)
        else { throw Abort(.internalServerError) }
        let key = SymmetricKey(data: data)
        csrfKey.withLockedValue { $0 = key }
        return key
    }
}

extension Request {
    private struct SeedKey: StorageKey { typealias Value = String }
    private struct IssuedKey: StorageKey { typealias Value = Bool }

    fileprivate var csrfTokenWasIssued: Bool {
        get { storage[IssuedKey.self] ?? false }
        set { storage[IssuedKey.self] = newValue }
    }

    /// What the form token is tied to: the session, or for visitors not signed in, their form cookie.
    fileprivate(set) var csrfSeed: String? {
        get { storage[SeedKey.self] }
        set { storage[SeedKey.self] = newValue }
    }

    /// The token every state-changing form on this page must carry.
    func csrfToken() async throws -> String {
        csrfTokenWasIssued = true
        let key = try await application.siteSecrets.csrf(on: db)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("csrf:" + (csrfSeed ?? "")).utf8), using: key)
        return Data(mac).base64EncodedString()
    }
}

extension Application {
    private struct SiteSecretsKey: StorageKey { typealias Value = SiteSecrets }

    var siteSecrets: SiteSecrets {
        get {
            guard let secrets = storage[SiteSecretsKey.self] else { fatalError("configure() sets siteSecrets") }
            return secrets
        }
        set { storage[SiteSecretsKey.self] = newValue }
    }
}
