import Fluent
import SQLKit

struct M002CreatePractitioners: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practitioners")
            .id()
            .field("kind", .string, .required)
            .field("display_name", .string, .required)
            .field("slug", .string, .required)
            .field("pronouns", .string)
            .field("headline", .string, .required)
            .field("about", .string, .required)
            .field("qualifications", .string, .required)
            .field("professional_body", .string)
            .field("registration_number", .string)
            .field("insurance_confirmed", .bool, .required)
            .field("verification_status", .string, .required)
            .field("verified_by", .uuid)
            .field("verified_at", .datetime)
            .field("verification_reason", .string)
            .field("visibility", .string, .required)
            .field("visibility_reason", .string)
            .field("account_id", .uuid)
            .field("offers_in_person", .bool, .required)
            .field("offers_online", .bool, .required)
            .field("offers_phone", .bool, .required)
            .field("fee_min_pence", .int, .required)
            .field("fee_max_pence", .int, .required)
            .field("concessions", .bool, .required)
            .field("free_first_conversation", .bool, .required)
            .field("free_first_conversation_minutes", .int)
            .field("gender", .string)
            .field("works_with_individuals", .bool, .required)
            .field("works_with_couples", .bool, .required)
            .field("works_with_families", .bool, .required)
            .field("works_with_young_people", .bool, .required)
            .field("accepting_new_clients", .bool, .required)
            .field("availability_confirmed_on", .string, .required)
            .field("shuffle_seed", .int64, .required)
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "slug")
            .create()

        try await database.schema("practitioner_locations")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("place_label", .string, .required)
            .field("postcode_district", .string)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("unit_x", .double, .required)
            .field("unit_y", .double, .required)
            .field("unit_z", .double, .required)
            .create()

        try await database.schema("practitioner_languages")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("language", .string, .required)
            .unique(on: "language", "practitioner_id")
            .create()

        try await database.schema("practitioner_topics")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("topic_id", .uuid, .required, .references("topics", .id, onDelete: .cascade))
            .unique(on: "topic_id", "practitioner_id")
            .create()

        try await database.schema("practitioner_approaches")
            .id()
            .field("practitioner_id", .uuid, .required, .references("practitioners", .id, onDelete: .cascade))
            .field("approach_id", .uuid, .required, .references("approaches", .id, onDelete: .cascade))
            .unique(on: "approach_id", "practitioner_id")
            .create()

        guard let sql = database as? any SQLDatabase else { return }
        try await sql.createIndex("practitioners_listing", on: "practitioners", columns: ["verification_status", "visibility", "kind"])
        try await sql.createIndex("practitioners_demo", on: "practitioners", columns: ["is_demo"])
        try await sql.createIndex("practitioner_locations_owner", on: "practitioner_locations", columns: ["practitioner_id"])
        try await sql.createIndex("practitioner_locations_latitude", on: "practitioner_locations", columns: ["latitude", "longitude"])
        try await sql.createIndex("practitioner_languages_owner", on: "practitioner_languages", columns: ["practitioner_id"])
        try await sql.createIndex("practitioner_topics_owner", on: "practitioner_topics", columns: ["practitioner_id"])
        try await sql.createIndex("practitioner_approaches_owner", on: "practitioner_approaches", columns: ["practitioner_id"])
    }

    func revert(on database: any Database) async throws {
        // Dropping a table drops its indexes too.
        for schema in ["practitioner_approaches", "practitioner_topics", "practitioner_languages", "practitioner_locations", "practitioners"] {
            try await database.schema(schema).delete()
        }
    }
}
