import Fluent

/// Loads the topics and approaches of `TaxonomyCatalogue` as they were when this shipped.
/// Entries added to the catalogue later need a migration of their own.
struct M003LoadTaxonomies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.transaction { transaction in
            for entry in TaxonomyCatalogue.topics {
                try await Topic(entry).create(on: transaction)
            }
            for entry in TaxonomyCatalogue.approaches {
                try await Approach(entry).create(on: transaction)
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await Topic.query(on: database).delete()
        try await Approach.query(on: database).delete()
    }
}
