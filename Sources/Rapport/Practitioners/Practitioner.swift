import Fluent
import Foundation

/// A therapist or coach listed on Rapport.
final class Practitioner: Model, @unchecked Sendable {
    static let schema = "practitioners"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: PractitionerKind
    @Field(key: "display_name") var displayName: String
    @Field(key: "slug") var slug: String
    @OptionalField(key: "pronouns") var pronouns: String?
    @Field(key: "headline") var headline: String
    @Field(key: "about") var about: String
    @Field(key: "qualifications") var qualifications: String
    @OptionalField(key: "professional_body") var professionalBody: String?
    @OptionalField(key: "registration_number") var registrationNumber: String?
    @Field(key: "insurance_confirmed") var insuranceConfirmed: Bool

    @Field(key: "verification_status") var verificationStatus: VerificationStatus
    /// The admin account that decided; empty until accounts exist, and for demo data.
    @OptionalField(key: "verified_by") var verifiedBy: UUID?
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    @OptionalField(key: "verification_reason") var verificationReason: String?

    @Field(key: "visibility") var visibility: Visibility
    @OptionalField(key: "visibility_reason") var visibilityReason: String?
    @OptionalField(key: "account_id") var accountID: UUID?
    /// When the practitioner last sent their profile for review.
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// Changed credentials of a verified practitioner, waiting for an admin: the public
    /// profile keeps the approved ones until then.
    @OptionalField(key: "pending_professional_body") var pendingProfessionalBody: String?
    @OptionalField(key: "pending_registration_number") var pendingRegistrationNumber: String?
    @OptionalField(key: "pending_qualifications") var pendingQualifications: String?
    /// A verified practitioner's new display name, waiting for an admin like new credentials:
    /// a checked badge must never move to a name nobody checked.
    @OptionalField(key: "pending_display_name") var pendingDisplayName: String?
    /// When changes waiting for review (credentials or name) were sent.
    @OptionalField(key: "credentials_change_sent_at") var credentialsChangeSentAt: Date?
    /// The day the "is your availability still right?" email went, so it goes once per lapse.
    @OptionalField(key: "availability_reminded_on") var availabilityRemindedOn: String?
    /// Set when three enquiries have gone a week without a reply: the profile says "not taking
    /// enquiries right now" until the practitioner replies or confirms their availability.
    @OptionalField(key: "enquiries_paused_at") var enquiriesPausedAt: Date?

    @Field(key: "offers_in_person") var offersInPerson: Bool
    @Field(key: "offers_online") var offersOnline: Bool
    @Field(key: "offers_phone") var offersPhone: Bool

    @Field(key: "fee_min_pence") var feeMinPence: Int
    @Field(key: "fee_max_pence") var feeMaxPence: Int
    @Field(key: "concessions") var concessions: Bool
    @Field(key: "free_first_conversation") var freeFirstConversation: Bool
    @OptionalField(key: "free_first_conversation_minutes") var freeFirstConversationMinutes: Int?

    @OptionalField(key: "gender") var gender: Gender?
    @Field(key: "works_with_individuals") var worksWithIndividuals: Bool
    @Field(key: "works_with_couples") var worksWithCouples: Bool
    @Field(key: "works_with_families") var worksWithFamilies: Bool
    @Field(key: "works_with_young_people") var worksWithYoungPeople: Bool

    @Field(key: "accepting_new_clients") var acceptingNewClients: Bool
    /// A calendar day in Europe/London, `YYYY-MM-DD`: a string so both databases compare and
    /// sort it the same way.
    @Field(key: "availability_confirmed_on") var availabilityConfirmedOn: String
    /// A fixed random number that, mixed with the day, gives the fair daily shuffle of ties.
    @Field(key: "shuffle_seed") var shuffleSeed: Int
    @Field(key: "is_demo") var isDemo: Bool

    @Children(for: \.$practitioner) var locations: [PractitionerLocation]
    @Children(for: \.$practitioner) var languages: [PractitionerLanguage]
    @Siblings(through: PractitionerTopic.self, from: \.$practitioner, to: \.$topic) var topics: [Topic]
    @Siblings(through: PractitionerApproach.self, from: \.$practitioner, to: \.$approach) var approaches: [Approach]

    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// Only these are ever shown to the public (`ListingPolicy`).
    var isPubliclyListed: Bool { ListingPolicy.isListed(self) }

    /// Availability unconfirmed for 120 days: hidden until the practitioner confirms.
    func isHiddenForUnconfirmedAvailability(today: String = LondonCalendar.today()) -> Bool {
        availabilityConfirmedOn < ListingPolicy.oldestListedConfirmation(today: today)
    }
}

enum PractitionerKind: String, Codable, CaseIterable, Sendable {
    case therapist, coach
}

enum VerificationStatus: String, Codable, CaseIterable, Sendable {
    case unverified, pending, verified, rejected
}

enum Visibility: String, Codable, CaseIterable, Sendable {
    /// Shown to the public (once verified).
    case visible
    /// Hidden by the practitioner themselves.
    case hidden
    /// Hidden by an admin, with a reason.
    case suspended
}

enum Gender: String, Codable, CaseIterable, Sendable {
    case female, male
    case nonBinary = "non-binary"
}

enum SessionFormat: String, Codable, CaseIterable, Sendable {
    case inPerson = "in_person", online, phone
}

enum ClientGroup: String, Codable, CaseIterable, Sendable {
    case individuals, couples, families
    case youngPeople = "young_people"
}
