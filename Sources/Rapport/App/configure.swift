import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import Vapor

/// Wires the whole application: database, migrations, views, middleware, commands and routes.
/// Everything a feature needs is handed to it here, so nothing reaches for globals.
public func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    if app.environment != .testing {
        app.directory = ProjectFiles.directories(workingDirectory: app.directory.workingDirectory)
    }
    app.http.server.configuration.hostname = settings.host
    app.http.server.configuration.port = settings.port

    // Blocking work (SQLite's queries, bcrypt) runs on this pool. NIO's shared one has a thread
    // per core, two here: one slow hash, or one query waiting for SQLite's write lock, took
    // half of it. Eight threads keep a query that holds the lock from waiting behind them.
    app.threadPool = NIOThreadPool(numberOfThreads: 8)
    try configureDatabase(app, location: settings.database)
    app.dataKeys = try settings.dataKeySource.ring(logger: app.logger)
    Migrations.register(on: app)

    app.content = try ContentLibrary.shared(from: app.directory.resourcesDirectory + "Content")
    app.gazetteer = try Gazetteer(contentsOf: URL(fileURLWithPath: app.directory.resourcesDirectory + "Places/uk-places.tsv"))

    app.demoDataStatus = DemoDataStatus()
    app.siteSecrets = SiteSecrets()
    // Bcrypt's cost doubles the work per step: 12 for real use, the minimum in tests for speed.
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 12))
    app.mailJob = MailJob(transport: try mailTransport(app, settings: settings), sender: settings.mailFrom, keys: app.dataKeys)
    app.jobRunner = JobRunner()
    registerScheduledJobs(app.jobRunner)
    // Tests see every change at their next search; a served site lets searches answer for up to
    // a quarter of a second while a change is applied, so they do not queue behind it.
    app.searchIndex = SearchIndexStore(
        logger: app.logger, freshnessGrace: app.environment == .testing ? .zero : .milliseconds(250),
        today: { [app] in LondonCalendar.today(now: app.now) })
    app.searchIndexFollower = SearchIndexFollower()
    app.lifecycle.use(app.searchIndexFollower)
    app.openAPIJSON = MadeOnce()
    app.lifecycle.use(app.jobRunner)

    app.views.use(.leaf)
    // Parsed templates are kept in memory: re-reading them on every request costs more than the
    // search itself. Set RAPPORT_RELOAD_TEMPLATES=1 while editing templates.
    app.leaf.cache.isEnabled = Environment.get("RAPPORT_RELOAD_TEMPLATES") != "1"

    // Order matters: the log sees every outcome, errors become pages before headers are added,
    // and static files are served with the same headers as pages.
    app.middleware = .init()
    app.middleware.use(MiddlewareChain([
        RequestLogMiddleware(),
        SecurityHeadersMiddleware(settings: settings),
        SiteErrorMiddleware(environment: app.environment),
        StaticFilesMiddleware(publicDirectory: app.directory.publicDirectory),
        APIMethodMiddleware(),
        SessionMiddleware(),
        CSRFMiddleware(),
        SearchCatchUpMiddleware(),
    ]))

    app.asyncCommands.use(PrepareAndServeCommand(serve: await app.servers.asyncCommand), as: "serve", isDefault: true)
    app.asyncCommands.use(LockedMigrateCommand(), as: "migrate")
    app.asyncCommands.use(SeedDemoCommand(), as: "seed-demo")
    app.asyncCommands.use(SearchTimingCommand(), as: "search-timing")
    app.asyncCommands.use(ApplyTimingCommand(), as: "apply-timing")
    app.asyncCommands.use(SlotTimingCommand(), as: "slot-timing")
    app.asyncCommands.use(JobsCommand(), as: "jobs")
    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(RotateDataKeyCommand(), as: "rotate-data-key")
    app.asyncCommands.use(PurgeCommand(), as: "purge")

    try routes(app)
}

/// Each feature's scheduled work, run by the holder of the jobs lease every few seconds.
private func registerScheduledJobs(_ runner: JobRunner) {
    runner.register("send mail") { app, database in try await app.mailJob.runOnce(on: database, logger: app.logger) }
    runner.register("availability reminders") { app, database in _ = try await AvailabilityReminders.run(app, on: database) }
    runner.register("enquiry promises") { app, database in try await EnquiryJobs.keepPromises(app, on: database) }
    runner.register("first conversation holds") { app, database in try await BookingJobs.tidy(app, on: database) }
    runner.register("enquiry retention") { app, database in try await EnquiryJobs.purge(app, on: database) }
    runner.register("account clean-up") { _, database in try await AccountCleanup.run(on: database) }
    runner.register("outbox clean-up") { _, database in try await OutboxCleanup.run(on: database) }
    runner.register("profile view clean-up") { _, database in try await ProfileViewDay.removeOld(on: database) }
    runner.register("rate limit clean-up") { _, database in try await RateLimit.removeOldCounts(on: database) }
    runner.register("search change log trim") { app, database in _ = try await SearchChangeLog.trim(now: app.now, on: database) }
}

private func mailTransport(_ app: Application, settings: Settings) throws -> any MailTransport {
    guard let smtpURL = settings.smtpURL else {
        return FileMailTransport(directory: URL(fileURLWithPath: app.directory.workingDirectory + "mail-outbox"), logger: app.logger)
    }
    return SMTPMailTransport(server: try SMTPMailTransport.Server(url: smtpURL), group: app.eventLoopGroup)
}

private func configureDatabase(_ app: Application, location: DatabaseLocation) throws {
    switch location {
    case .sqliteFile(let path):
        // Several connections so page reads are not queued behind one another; WAL lets them
        // read while a write is in progress.
        app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 4), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .postgres(let url):
        var configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw ConfigurationError(variable: "DATABASE_URL", problem: "is not a valid PostgreSQL address")
        }
        if let schema = app.testPostgresSchema {
            configuration.searchPath = [schema]
        }
        // Tests run many apps side by side against one server: small pools keep them under its limit.
        let poolSize = app.environment == .testing ? 2 : 4
        app.postgresListenConfiguration = configuration.coreConfiguration
        app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: poolSize), as: .psql)
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }
    private struct TestSchemaKey: StorageKey { typealias Value = String }

    public var settings: Settings {
        get {
            guard let settings = storage[SettingsKey.self] else { fatalError("configure(_:settings:) has not run") }
            return settings
        }
        set { storage[SettingsKey.self] = newValue }
    }

    /// Tests give each PostgreSQL test its own schema so they can run side by side on one database.
    public var testPostgresSchema: String? {
        get { storage[TestSchemaKey.self] }
        set { storage[TestSchemaKey.self] = newValue }
    }
}
