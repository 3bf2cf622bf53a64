import Fluent
import SQLKit
import Vapor

/// Every migration, in order. Migrations are additive: a shipped one is never edited, a change
/// gets a new number.
enum Migrations {
    static func all(dataKeys: @escaping @Sendable () -> DataKeyRing) -> [any AsyncMigration] { [
        M001CreateTaxonomies(),
        M002CreatePractitioners(),
        M003LoadTaxonomies(),
        M004CreateSearchIndex(),
        M005CreateMailOutbox(),
        M006CreateAccounts(),
        M007SearchCatalogueVersion(),
        M008PractitionerReview(),
        M009CreateShortlist(),
        M010PractitionerUpkeep(),
        M011Hardening(dataKeys: dataKeys),
        M012Enquiries(),
        M013SealOutbox(dataKeys: dataKeys),
        M014Articles(),
        M015Bookings(),
        M016SavedGuides(),
        M017SearchChanges(),
    ] }

    static func register(on app: Application) {
        app.migrations.add(all(dataKeys: { app.dataKeys }))
    }
}

extension SQLDatabase {
    /// Fluent's schema builder makes only unique indexes; searches need plain ones too.
    func createIndex(_ name: String, on table: String, columns: [String]) async throws {
        let builder = create(index: name).on(table)
        for column in columns {
            _ = builder.column(column)
        }
        try await builder.run()
    }
}
