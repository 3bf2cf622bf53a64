import Fluent
import Foundation
import SQLKit

/// Loads the practitioners of one page of results, with their topics, approaches, locations and
/// languages, in five plain queries sent at once.
///
/// Fluent's own decoding finds a model's fields by reflection on every row, which costs about
/// half a millisecond per practitioner: more than the whole search. Here the columns are read
/// by name into the same models. `PractitionerListLoaderTests` checks that the result matches
/// Fluent's, field for field, so the two cannot drift apart.
enum PractitionerListLoader {
    static func load(_ ids: [UUID], on database: any Database) async throws -> [Practitioner] {
        guard !ids.isEmpty, let sql = database as? any SQLDatabase else { return [] }
        // The five queries are independent: sent together, their round trips overlap.
        async let practitionerRows = sql.raw("SELECT * FROM practitioners WHERE id IN (\(binds: ids))").all()
        async let locationRows = sql.raw(
            "SELECT id, practitioner_id, place_label, postcode_district, latitude, longitude, unit_x, unit_y, unit_z FROM practitioner_locations WHERE practitioner_id IN (\(binds: ids))"
        ).all()
        async let languageRows = sql.raw("SELECT id, practitioner_id, language FROM practitioner_languages WHERE practitioner_id IN (\(binds: ids))").all()
        async let topicRows = sql.raw(
            "SELECT pt.practitioner_id, t.id, t.slug, t.name, t.summary FROM practitioner_topics pt JOIN topics t ON t.id = pt.topic_id WHERE pt.practitioner_id IN (\(binds: ids))"
        ).all()
        async let approachRows = sql.raw(
            "SELECT pa.practitioner_id, a.id, a.slug, a.name, a.summary, a.audience FROM practitioner_approaches pa JOIN approaches a ON a.id = pa.approach_id WHERE pa.practitioner_id IN (\(binds: ids))"
        ).all()

        let practitioners = try await practitionerRows.map(practitioner(from:))
        var byID: [UUID: Practitioner] = [:]
        for practitioner in practitioners {
            byID[practitioner.id!] = practitioner
            practitioner.$locations.value = []
            practitioner.$languages.value = []
            practitioner.$topics.value = []
            practitioner.$approaches.value = []
        }

        for row in try await locationRows {
            let location = PractitionerLocation()
            location.id = try row.decode(column: "id", as: UUID.self)
            location.$practitioner.id = try row.decode(column: "practitioner_id", as: UUID.self)
            location.placeLabel = try row.decode(column: "place_label", as: String.self)
            location.postcodeDistrict = try row.decode(column: "postcode_district", as: String?.self)
            location.latitude = try row.decode(column: "latitude", as: Double.self)
            location.longitude = try row.decode(column: "longitude", as: Double.self)
            location.unitX = try row.decode(column: "unit_x", as: Double.self)
            location.unitY = try row.decode(column: "unit_y", as: Double.self)
            location.unitZ = try row.decode(column: "unit_z", as: Double.self)
            byID[location.$practitioner.id]?.$locations.value?.append(location)
        }
        for row in try await languageRows {
            let language = PractitionerLanguage()
            language.id = try row.decode(column: "id", as: UUID.self)
            language.$practitioner.id = try row.decode(column: "practitioner_id", as: UUID.self)
            language.language = try row.decode(column: "language", as: String.self)
            byID[language.$practitioner.id]?.$languages.value?.append(language)
        }
        for row in try await topicRows {
            let topic = Topic()
            topic.id = try row.decode(column: "id", as: UUID.self)
            topic.slug = try row.decode(column: "slug", as: String.self)
            topic.name = try row.decode(column: "name", as: String.self)
            topic.summary = try row.decode(column: "summary", as: String.self)
            byID[try row.decode(column: "practitioner_id", as: UUID.self)]?.$topics.value?.append(topic)
        }
        for row in try await approachRows {
            let approach = Approach()
            approach.id = try row.decode(column: "id", as: UUID.self)
            approach.slug = try row.decode(column: "slug", as: String.self)
            approach.name = try row.decode(column: "name", as: String.self)
            approach.summary = try row.decode(column: "summary", as: String.self)
            approach.audience = try row.decode(column: "audience", as: ApproachAudience.self)
            byID[try row.decode(column: "practitioner_id", as: UUID.self)]?.$approaches.value?.append(approach)
        }
        return practitioners
    }

    private static func practitioner(from row: any SQLRow) throws -> Practitioner {
        func value<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
            try row.decode(column: column, as: T.self)
        }
        let practitioner = Practitioner()
        practitioner.id = try value("id", as: UUID.self)
        practitioner.kind = try value("kind")
        practitioner.displayName = try value("display_name")
        practitioner.slug = try value("slug")
        practitioner.pronouns = try value("pronouns")
        practitioner.headline = try value("headline")
        practitioner.about = try value("about")
        practitioner.qualifications = try value("qualifications")
        practitioner.professionalBody = try value("professional_body")
        practitioner.registrationNumber = try value("registration_number")
        practitioner.insuranceConfirmed = try value("insurance_confirmed")
        practitioner.verificationStatus = try value("verification_status")
        practitioner.verifiedBy = try value("verified_by")
        practitioner.verifiedAt = try value("verified_at")
        practitioner.verificationReason = try value("verification_reason")
        practitioner.visibility = try value("visibility")
        practitioner.visibilityReason = try value("visibility_reason")
        practitioner.accountID = try value("account_id")
        practitioner.submittedAt = try value("submitted_at")
        practitioner.pendingProfessionalBody = try value("pending_professional_body")
        practitioner.pendingRegistrationNumber = try value("pending_registration_number")
        practitioner.pendingQualifications = try value("pending_qualifications")
        practitioner.credentialsChangeSentAt = try value("credentials_change_sent_at")
        practitioner.availabilityRemindedOn = try value("availability_reminded_on")
        practitioner.offersInPerson = try value("offers_in_person")
        practitioner.offersOnline = try value("offers_online")
        practitioner.offersPhone = try value("offers_phone")
        practitioner.feeMinPence = try value("fee_min_pence")
        practitioner.feeMaxPence = try value("fee_max_pence")
        practitioner.concessions = try value("concessions")
        practitioner.freeFirstConversation = try value("free_first_conversation")
        practitioner.freeFirstConversationMinutes = try value("free_first_conversation_minutes")
        practitioner.gender = try value("gender")
        practitioner.worksWithIndividuals = try value("works_with_individuals")
        practitioner.worksWithCouples = try value("works_with_couples")
        practitioner.worksWithFamilies = try value("works_with_families")
        practitioner.worksWithYoungPeople = try value("works_with_young_people")
        practitioner.acceptingNewClients = try value("accepting_new_clients")
        practitioner.availabilityConfirmedOn = try value("availability_confirmed_on")
        practitioner.shuffleSeed = try value("shuffle_seed")
        practitioner.isDemo = try value("is_demo")
        practitioner.createdAt = try value("created_at")
        practitioner.updatedAt = try value("updated_at")
        return practitioner
    }
}
