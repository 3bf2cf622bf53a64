import Foundation
import Logging

/// Everything Rapport reads from its environment, parsed once at start so bad configuration fails
/// with one clear line before anything else happens.
public struct Settings: Sendable {
    public var database: DatabaseLocation
    public var host: String
    public var port: Int
    /// The address people see. Development means plain http on localhost, which relaxes the
    /// cookie prefix and HSTS that https demands.
    public var publicURL: URL
    /// Fill an empty database with fictional practitioners at start.
    public var loadsDemoData: Bool
    public var autoMigrates: Bool
    /// Peers whose `X-Forwarded-For` header is believed when working out a client's address.
    public var trustedProxies: Set<String>
    public var logLevel: Logger.Level
    /// `nil`: write `.eml` files to `./mail-outbox/` instead of sending.
    public var smtpURL: String?
    public var mailFrom: String
    /// The key that encrypts personal data at rest (see `DataKeyRing`).
    public var dataKeySource: DataKeySource
    /// `RAPPORT_LOG_SQL=1`: let the database drivers log queries, bind values included, at
    /// debug. Off, they log nothing below info whatever `LOG_LEVEL` says.
    public var logsSQL: Bool
    /// Enquiries and their replies are deleted this long after their last message.
    public var enquiryRetentionDays: Int

    public var isDevelopmentURL: Bool { Self.isDevelopment(publicURL) }

    static func isDevelopment(_ url: URL) -> Bool {
        url.scheme == "http" && ["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host ?? "")
    }

    public init(
        database: DatabaseLocation,
        host: String = "127.0.0.1",
        port: Int = 8080,
        publicURL: URL = URL(string: "http://127.0.0.1:8080")!,
        loadsDemoData: Bool = false,
        autoMigrates: Bool = true,
        trustedProxies: Set<String> = [],
        logLevel: Logger.Level = .info
    ) {
        self.database = database
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.loadsDemoData = loadsDemoData
        self.autoMigrates = autoMigrates
        self.trustedProxies = trustedProxies
        self.logLevel = logLevel
        self.smtpURL = nil
        self.mailFrom = "Rapport <no-reply@\(publicURL.host ?? "localhost")>"
        self.dataKeySource = .ephemeral
        self.logsSQL = false
        self.enquiryRetentionDays = 365
    }

    /// Reads the documented variables (see the README's configuration table).
    public init(environment: [String: String]) throws(ConfigurationError) {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func flag(_ name: String, default fallback: Bool) throws(ConfigurationError) -> Bool {
            guard let raw = value(name) else { return fallback }
            switch raw.lowercased() {
            case "1", "true", "yes": return true
            case "0", "false", "no": return false
            default: throw ConfigurationError(variable: name, problem: "must be 1 or 0, not '\(raw)'")
            }
        }

        let databaseURL = value("DATABASE_URL")
        self.database = try DatabaseLocation(databaseURL: databaseURL)
        self.host = value("RAPPORT_HOST") ?? "127.0.0.1"

        if let rawPort = value("RAPPORT_PORT") {
            guard let port = Int(rawPort), (1...65_535).contains(port) else {
                throw ConfigurationError(variable: "RAPPORT_PORT", problem: "must be a port number from 1 to 65535, not '\(rawPort)'")
            }
            self.port = port
        } else {
            self.port = 8080
        }

        let rawPublicURL = value("RAPPORT_PUBLIC_URL") ?? "http://127.0.0.1:8080"
        guard let publicURL = URL(string: rawPublicURL), ["http", "https"].contains(publicURL.scheme ?? ""),
            publicURL.host?.isEmpty == false
        else {
            throw ConfigurationError(
                variable: "RAPPORT_PUBLIC_URL", problem: "must be an http:// or https:// address, not '\(rawPublicURL)'")
        }
        self.publicURL = publicURL
        self.dataKeySource = try DataKeySource(environment: environment, isDevelopmentURL: Self.isDevelopment(publicURL))

        // An empty production database must never fill with fictional practitioners, so demo data
        // is on by default only for the zero-set-up SQLite file.
        self.loadsDemoData = try flag("RAPPORT_DEMO", default: databaseURL == nil)
        self.autoMigrates = try flag("RAPPORT_AUTO_MIGRATE", default: true)

        self.trustedProxies = Set(
            (value("RAPPORT_TRUSTED_PROXIES") ?? "")
                .split(whereSeparator: { $0 == "," || $0 == " " })
                .map(String.init))

        if let rawLevel = value("LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: rawLevel.lowercased()) else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(variable: "LOG_LEVEL", problem: "must be one of \(levels), not '\(rawLevel)'")
            }
            self.logLevel = level
        } else {
            self.logLevel = .info
        }

        self.logsSQL = try flag("RAPPORT_LOG_SQL", default: false)
        if let raw = value("RAPPORT_ENQUIRY_RETENTION_DAYS") {
            guard let days = Int(raw), (1...3_650).contains(days) else {
                throw ConfigurationError(variable: "RAPPORT_ENQUIRY_RETENTION_DAYS", problem: "must be a number of days from 1 to 3650, not '\(raw)'")
            }
            self.enquiryRetentionDays = days
        } else {
            self.enquiryRetentionDays = 365
        }
        self.smtpURL = value("SMTP_URL")
        if let smtpURL {
            _ = try SMTPMailTransport.Server(url: smtpURL)
        }
        self.mailFrom = value("MAIL_FROM") ?? "Rapport <no-reply@\(publicURL.host ?? "localhost")>"
        guard mailFrom.contains("@") else {
            throw ConfigurationError(variable: "MAIL_FROM", problem: "must be an email address, such as Rapport <hello@example.org>")
        }
    }
}

/// A problem with one environment variable, worded for the person starting the server.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let variable: String
    public let problem: String

    public var description: String { "\(variable) \(problem)" }
}
