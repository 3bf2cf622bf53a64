import Fluent
import Vapor

/// Signs people in and out, and finds who is signed in on each request. Sessions live in the
/// database so any app instance can serve any request.
struct Sessions {
    /// Admins are signed out after 30 idle minutes, everyone else after 2 hours; nobody stays
    /// signed in longer than 7 days.
    static func idleTimeout(for role: AccountRole) -> TimeInterval { role == .admin ? 30 * 60 : 2 * 3600 }
    static let absoluteLifetime: TimeInterval = 7 * 24 * 3600
    /// Last-seen times are written at most this often, to spare the database a write per page.
    static let touchInterval: TimeInterval = 60

    static func cookieName(_ settings: Settings) -> String {
        // `__Host-` makes browsers insist on Secure, path / and no domain; plain http on
        // localhost cannot set Secure cookies, so development uses a plain name.
        settings.isDevelopmentURL ? "rapport_session" : "__Host-rapport-session"
    }

    /// Starts a new session (always a new id) and sets its cookie on the response.
    @discardableResult
    static func start(for account: Account, awaitingSecondStep: Bool, request: Request, response: Response) async throws -> AccountSession {
        if let current = request.accountSession {
            try await current.delete(on: request.db)
        }
        let token = SecretToken.make()
        let session = AccountSession()
        session.tokenHash = SecretToken.hash(token)
        session.$account.id = try account.requireID()
        session.createdAt = Date()
        session.lastSeenAt = Date()
        session.awaitingSecondStep = awaitingSecondStep
        session.device = DeviceDescription.describe(request.headers.first(name: .userAgent))
        try await session.create(on: request.db)
        setCookie(token, on: response, request: request, maxAge: Int(absoluteLifetime))
        return session
    }

    static func end(_ request: Request, response: Response) async throws {
        if let session = request.accountSession {
            try await session.delete(on: request.db)
        }
        setCookie("", on: response, request: request, maxAge: 0)
    }

    static func endAll(for accountID: UUID, except kept: UUID? = nil, on database: any Database) async throws {
        var query = AccountSession.query(on: database).filter(\.$account.$id == accountID)
        if let kept { query = query.filter(\.$id != kept) }
        try await query.delete()
    }

    private static func setCookie(_ value: String, on response: Response, request: Request, maxAge: Int) {
        let settings = request.application.settings
        response.cookies[cookieName(settings)] = HTTPCookies.Value(
            string: value, expires: nil, maxAge: maxAge, domain: nil, path: "/",
            isSecure: !settings.isDevelopmentURL, isHTTPOnly: true, sameSite: .lax)
    }
}

/// Reads the session cookie on every request and attaches the signed-in account, ending
/// sessions that have been idle too long or lived too long.
struct SessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let name = Sessions.cookieName(request.application.settings)
        if let token = request.cookies[name]?.string, !token.isEmpty,
            let session = try await AccountSession.query(on: request.db)
                .filter(\.$tokenHash == SecretToken.hash(token)).with(\.$account).first()
        {
            let now = Date()
            let idle = now.timeIntervalSince(session.lastSeenAt) > Sessions.idleTimeout(for: session.account.role)
            let tooOld = now.timeIntervalSince(session.createdAt) > Sessions.absoluteLifetime
            if idle || tooOld {
                try await session.delete(on: request.db)
            } else {
                if now.timeIntervalSince(session.lastSeenAt) > Sessions.touchInterval {
                    session.lastSeenAt = now
                    try await session.save(on: request.db)
                }
                request.accountSession = session
            }
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct SessionKey: StorageKey { typealias Value = AccountSession }

    var accountSession: AccountSession? {
        get { storage[SessionKey.self] }
        set { storage[SessionKey.self] = newValue }
    }

    /// The signed-in account, once any second step is done.
    var account: Account? {
        guard let session = accountSession, !session.awaitingSecondStep else { return nil }
        return session.account
    }

    /// The signed-in account, or a redirect to the login page that comes back here.
    func requireAccount() throws -> Account {
        guard let account else { throw Redirect(to: ReturnPath.adding(url.path, to: SiteURL.login.path)) }
        return account
    }
}

extension Request {
    /// The signed-in admin, or 403 for anyone else signed in (and a login for the signed out).
    func requireAdmin() throws -> Account {
        let account = try requireAccount()
        guard account.role == .admin else {
            SecurityLog.record("admin page refused", request: self, account: account.id)
            throw Abort(.forbidden, reason: "Only admins can see this page.")
        }
        return account
    }
}

/// Thrown to send the person elsewhere (signed out, or in the wrong place); the error
/// middleware turns it into a 303.
struct Redirect: Error {
    let to: String
}

/// "Firefox on Windows" from a User-Agent, for the list of signed-in devices.
enum DeviceDescription {
    static func describe(_ userAgent: String?) -> String {
        guard let agent = userAgent?.lowercased(), !agent.isEmpty else { return "An unknown browser" }
        let browser =
            agent.contains("edg/") ? "Edge" : agent.contains("firefox") ? "Firefox" : agent.contains("chrome") || agent.contains("chromium") ? "Chrome"
            : agent.contains("safari") ? "Safari" : "A browser"
        let system =
            agent.contains("android") ? "Android" : agent.contains("iphone") || agent.contains("ipad") ? "iOS"
            : agent.contains("windows") ? "Windows" : agent.contains("mac os") ? "macOS" : agent.contains("linux") ? "Linux" : "an unknown system"
        return "\(browser) on \(system)"
    }
}
