import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// Two app instances on one database: a change made through one reaches the other's search by
/// itself (on PostgreSQL woken by NOTIFY, else by polling), with no search on it to prompt it.
@Suite("A second instance follows the first")
struct SecondInstanceTests {
    @Test(arguments: TestDatabase.all)
    func aChangeThroughOneInstanceReachesTheOther(database: TestDatabase) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-two-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        try await withRapport(database, settings: { settings in
            // Two instances need a database both can open: a file, not memory.
            if database == .sqlite { settings.database = .sqliteFile(path: file) }
        }) { app in
            let practitioner = try await PractitionerFixture(name: "Shared Listing").create(on: app)
            let owner = try await TestAccounts.make(app, email: "shared@example.org", role: .practitioner)
            practitioner.accountID = owner.id
            try await practitioner.save(on: app.db)

            let other = try await Application.make(.testing)
            other.testPostgresSchema = app.testPostgresSchema
            try await configure(other, settings: app.settings)
            other.searchIndexFollower.start(other, listeningWith: other.postgresListenConfiguration)
            do {
                try await waitUntil("the second instance is ready") { other.searchIndex.isReady }
                #expect(other.searchIndex.published?.listedIDs == [try practitioner.requireID()])

                let browser = try await TestAccounts.browser(app, account: owner)
                try await browser.get("/dashboard")
                try await browser.post("/dashboard/visibility", ["visible": "no"])
                let changed = ContinuousClock.now
                try await waitUntil("the second instance has the change", seconds: 10) {
                    other.searchIndex.published?.listedIDs.isEmpty == true
                }
                #expect(ContinuousClock.now - changed < .seconds(10))
                #expect(try await other.apiSearch("").total == 0)
                #expect(other.searchIndex.work.fullBuilds == 1, "applied, not rebuilt")
            } catch {
                try? await other.asyncShutdown()
                throw error
            }
            try await other.asyncShutdown()
        }
    }
}
