import Fluent
import SQLKit
import Testing
import Vapor

@testable import Rapport

@Suite("Migrations")
struct MigrationTests {
    @Test(arguments: TestDatabase.all)
    func migrationsGoUpDownAndUpAgain(database: TestDatabase) async throws {
        try await withRapport(database, migrate: false) { app in
            try await app.autoMigrate()
            #expect(try await Topic.query(on: app.db).count() == M003LoadTaxonomies.topics.count)
            #expect(try await Approach.query(on: app.db).count() == M003LoadTaxonomies.approaches.count)
            try await PractitionerFixture.make(on: app)
            #expect(try await Practitioner.query(on: app.db).count() == 1)

            try await app.autoRevert()
            await #expect(throws: (any Error).self) { try await Topic.query(on: app.db).count() }

            try await app.autoMigrate()
            #expect(try await Practitioner.query(on: app.db).count() == 0)
            #expect(try await Topic.query(on: app.db).count() == M003LoadTaxonomies.topics.count)
            try await app.autoRevert()
        }
    }

    @Test(arguments: TestDatabase.all)
    func deletingAPractitionerRemovesEverythingAttached(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let practitioner = try await PractitionerFixture.make(on: app)
            try await practitioner.delete(on: app.db)
            #expect(try await PractitionerLocation.query(on: app.db).count() == 0)
            #expect(try await PractitionerTopic.query(on: app.db).count() == 0)
            #expect(try await PractitionerLanguage.query(on: app.db).count() == 0)
        }
    }

    @Test func theSQLiteFileIsDurableWithWriteAheadLogging() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("site.sqlite").path

        try await withRapport(.sqlite, settings: { $0.database = .sqliteFile(path: path) }, migrate: false) { app in
            try await DatabasePreparation.prepare(app, migrate: true, demoCountIfEmpty: nil)
            let sql = try #require(app.db as? any SQLDatabase)
            struct Value: Decodable { let value: String }
            func pragma(_ name: String) async throws -> String? {
                try await sql.raw("SELECT * FROM pragma_\(unsafeRaw: name)").all().first.flatMap { row in
                    try? row.decode(column: name, as: String.self)
                }
            }
            #expect(try await pragma("journal_mode") == "wal")
            #expect(try await pragma("synchronous") == "2")
            #expect(try await pragma("foreign_keys") == "1")
            try await app.autoRevert()
        }
        #expect(FileManager.default.fileExists(atPath: path))
    }
}
