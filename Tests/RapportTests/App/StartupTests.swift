import Fluent
import Foundation
import Testing
import Vapor

@testable import Rapport

@Suite("Start-up work shared by several instances")
struct StartupTests {
    /// Two instances starting at once against one database: migrations and demo data happen
    /// exactly once, because start-up holds a database-wide lock.
    @Test(arguments: TestDatabase.all)
    func instancesStartingTogetherMigrateAndSeedOnce(database: TestDatabase) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("shared.sqlite").path

        try await withRapport(database, settings: { if database == .sqlite { $0.database = .sqliteFile(path: file) } }, migrate: false) { first in
            // A second instance on the same database (and, on PostgreSQL, the same schema).
            let second = try await Application.make(.testing)
            second.logger.logLevel = .warning
            second.testPostgresSchema = first.testPostgresSchema
            do {
                try await configure(second, settings: first.settings)
                async let one: Void = DatabasePreparation.prepare(first, migrate: true, demoCountIfEmpty: 25)
                async let two: Void = DatabasePreparation.prepare(second, migrate: true, demoCountIfEmpty: 25)
                _ = try await (one, two)
                #expect(try await Practitioner.query(on: first.db).count() == 25)
                #expect(try await Topic.query(on: first.db).count() == first.content.topics.count)
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
            try await first.autoRevert()
        }
    }
}
