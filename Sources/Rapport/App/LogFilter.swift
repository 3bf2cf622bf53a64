import Logging

/// Wraps every log handler so the database drivers stay quiet below `info`, whatever
/// `LOG_LEVEL` says. At debug they log each query with its bind values, which would put
/// email addresses, notes and tokens in the log; at trace PostgresNIO logs every row it reads.
/// `RAPPORT_LOG_SQL=1` lets them through, for someone debugging a query on their own machine.
struct DatabaseQuietLogHandler: LogHandler {
    /// The modules whose low-level logging can carry data (their `source` in a log event).
    static let databaseModules: Set<String> = [
        "SQLKit", "FluentKit", "FluentSQL", "SQLiteNIO", "SQLiteKit", "FluentSQLiteDriver",
        "PostgresNIO", "PostgresKit", "FluentPostgresDriver", "AsyncKit",
    ]

    var wrapped: any LogHandler
    let logsSQL: Bool

    static func letsThrough(_ event: LogEvent, logsSQL: Bool) -> Bool {
        logsSQL || event.level >= .info || !databaseModules.contains(event.source)
    }

    func log(event: LogEvent) {
        guard Self.letsThrough(event, logsSQL: logsSQL) else { return }
        wrapped.log(event: event)
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }
}
