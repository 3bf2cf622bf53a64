import Fluent
import Foundation

extension Practitioner {
    /// A new, empty profile: hidden from everyone until complete, submitted and verified.
    static func draft(kind: PractitionerKind, for account: Account) throws -> Practitioner {
        let practitioner = Practitioner()
        practitioner.kind = kind
        practitioner.displayName = ""
        practitioner.slug = "draft-" + UUID().uuidString.lowercased()
        practitioner.headline = ""
        practitioner.about = ""
        practitioner.qualifications = ""
        practitioner.insuranceConfirmed = false
        practitioner.verificationStatus = .unverified
        practitioner.visibility = .visible
        practitioner.accountID = try account.requireID()
        practitioner.offersInPerson = false
        practitioner.offersOnline = false
        practitioner.offersPhone = false
        practitioner.feeMinPence = 0
        practitioner.feeMaxPence = 0
        practitioner.concessions = false
        practitioner.freeFirstConversation = false
        practitioner.worksWithIndividuals = false
        practitioner.worksWithCouples = false
        practitioner.worksWithFamilies = false
        practitioner.worksWithYoungPeople = false
        practitioner.acceptingNewClients = true
        practitioner.availabilityConfirmedOn = LondonCalendar.today()
        practitioner.shuffleSeed = Int.random(in: 0..<DailyShuffle.modulus)
        practitioner.isDemo = false
        return practitioner
    }

    func clearPendingCredentials() {
        pendingDisplayName = nil
        pendingProfessionalBody = nil
        pendingRegistrationNumber = nil
        pendingQualifications = nil
        credentialsChangeSentAt = nil
    }

    /// Not yet sent for review (or sent back): the pages show the join steps.
    var isInJoinFlow: Bool { verificationStatus == .unverified }

    /// What still needs filling in before review, in words.
    var missingForReview: [String] {
        var missing: [String] = []
        if headline.isEmpty { missing.append("Your profile") }
        if !insuranceConfirmed { missing.append("Your credentials, with confirmation of your insurance") }
        if kind == .therapist && (professionalBody ?? "").isEmpty { missing.append("Your professional body and registration number") }
        return missing
    }
}
