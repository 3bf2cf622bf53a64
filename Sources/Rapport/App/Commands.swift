import Fluent
import Vapor

/// `rapport serve`: prepares the database (migrations, demo data) and then serves, taking
/// Vapor's `--hostname`, `--port` and `--bind` options.
struct PrepareAndServeCommand: AsyncCommand {
    typealias Signature = ServeCommand.Signature
    let serve: ServeCommand

    var help: String { "Migrates the database if needed, loads demo data into an empty one, and serves the site." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await DatabasePreparation.prepare(app, migrate: app.settings.autoMigrates, demoCountIfEmpty: app.settings.loadsDemoData ? 500 : nil)
        app.jobRunner.start(app)
        app.searchIndexFollower.start(app, listeningWith: app.postgresListenConfiguration)
        try await serve.run(using: context, signature: signature)
    }
}

/// `rapport migrate`: runs pending migrations without asking, holding the start-up lock.
struct LockedMigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Reverts every migration (erases all data).")
        var revert: Bool
    }

    var help: String { "Runs pending database migrations (safe while other instances start)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if signature.revert {
            try await StartupLock.withLock(app) { try await app.autoRevert() }
            context.console.print("Reverted every migration.")
        } else {
            try await DatabasePreparation.prepare(app, migrate: true, demoCountIfEmpty: nil)
            context.console.print("Database is up to date.")
        }
    }
}

/// The start-up work every command that touches data shares.
enum DatabasePreparation {
    static func prepare(_ app: Application, migrate: Bool, demoCountIfEmpty: Int?) async throws {
        try await SQLiteTuning.apply(app)
        try await StartupLock.withLock(app) {
            if migrate {
                try await app.autoMigrate()
                try await app.content.syncTaxonomy(on: app.db)
            }
            if let demoCountIfEmpty, try await Practitioner.query(on: app.db).count() == 0 {
                app.logger.notice("The database is empty: adding \(demoCountIfEmpty) fictional demo practitioners.")
                try await DemoSeeder(app: app).seed(count: demoCountIfEmpty, seed: 1, today: LondonCalendar.today())
                try await DemoInbox.prepare(app)
                try await DemoArticles.prepare(app)
            }
        }
    }
}
