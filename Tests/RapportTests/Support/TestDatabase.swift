import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// The databases every database test runs against: in-memory SQLite always, and PostgreSQL when
/// `RAPPORT_TEST_POSTGRES_URL` is set. Under `CI=true` PostgreSQL is never silently skipped.
enum TestDatabase: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static let postgresURL = ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static var all: [TestDatabase] {
        postgresURL != nil || isCI ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }
}

/// Runs `test` against a fresh, migrated app on `database`, then reverts every migration so
/// the down path is exercised too, and cleans up.
@discardableResult
func withRapport<T>(
    _ database: TestDatabase,
    settings customise: (inout Settings) -> Void = { _ in },
    migrate: Bool = true,
    _ test: (Application) async throws -> T
) async throws -> T {
    var settings: Settings
    var schema: String?
    switch database {
    case .sqlite:
        settings = Settings(database: .sqliteMemory)
    case .postgres:
        guard let url = TestDatabase.postgresURL else {
            Issue.record("RAPPORT_TEST_POSTGRES_URL is not set, but CI requires the PostgreSQL tests to run")
            throw TestSetupError.postgresMissing
        }
        settings = Settings(database: .postgres(url: url))
        schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    }
    settings.logLevel = .warning
    customise(&settings)

    let app = try await Application.make(.testing)
    app.logger.logLevel = ProcessInfo.processInfo.environment["RAPPORT_TEST_LOG"] == "debug" ? .debug : .warning
    app.testPostgresSchema = schema
    do {
        try await configure(app, settings: settings)
        // A test of an unreachable database still gets its app.
        try? await SQLiteTuning.apply(app)
        if let schema {
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
        }
        if migrate {
            try await app.autoMigrate()
            try await app.content.syncTaxonomy(on: app.db)
        }
        let result = try await test(app)
        if migrate {
            try await app.autoRevert()
        }
        if let schema {
            try await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        }
        try await app.asyncShutdown()
        return result
    } catch {
        if let schema {
            try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        }
        try? await app.asyncShutdown()
        throw error
    }
}

enum TestSetupError: Error {
    case postgresMissing
}

extension TestingHTTPResponse {
    var text: String { body.string }
}
