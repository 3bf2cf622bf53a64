import Foundation

/// Where the data lives, from `DATABASE_URL`.
public enum DatabaseLocation: Sendable, Equatable {
    /// The embedded default: a file, zero set-up.
    case sqliteFile(path: String)
    /// Tests only: a private database that disappears with its connection pool.
    case sqliteMemory
    /// The way to run several app instances against one shared database.
    case postgres(url: String)

    /// `nil` (unset) means the file `rapport.sqlite` in the working directory.
    public init(databaseURL: String?) throws(ConfigurationError) {
        guard let databaseURL else {
            self = .sqliteFile(path: "rapport.sqlite")
            return
        }
        func fail(_ problem: String) -> ConfigurationError {
            ConfigurationError(variable: "DATABASE_URL", problem: problem)
        }
        guard let schemeEnd = databaseURL.range(of: "://") else {
            throw fail("must look like sqlite:///absolute/path.sqlite, sqlite://relative/path.sqlite or postgres://user:password@host:5432/name")
        }
        let scheme = databaseURL[..<schemeEnd.lowerBound].lowercased()
        let rest = String(databaseURL[schemeEnd.upperBound...])
        switch scheme {
        case "sqlite":
            // sqlite:///abs/path keeps its leading slash; sqlite://rel/path is relative.
            guard !rest.isEmpty, rest != "/" else { throw fail("names no SQLite file after sqlite://") }
            self = .sqliteFile(path: rest.removingPercentEncoding ?? rest)
        case "postgres", "postgresql":
            guard let components = URLComponents(string: databaseURL), let host = components.host, !host.isEmpty else {
                throw fail("is not a valid PostgreSQL address (expected postgres://user:password@host:5432/name)")
            }
            guard components.path.count > 1 else {
                throw fail("names no database (expected postgres://user:password@host:5432/name)")
            }
            self = .postgres(url: databaseURL)
        default:
            throw fail("uses the unsupported scheme '\(scheme)'; use sqlite:// or postgres://")
        }
    }

    var isSQLite: Bool {
        if case .postgres = self { return false }
        return true
    }
}
