import Foundation

/// What an admin can decide about a practitioner, what each decision changes, and what the
/// practitioner is told.
enum AdminDecision: String, CaseIterable, Sendable {
    case approve, reject, suspend, restore
    case approveChanges = "approve-credentials"
    case rejectChanges = "reject-credentials"

    var needsReason: Bool { self == .reject || self == .suspend || self == .rejectChanges }

    /// The reason's field on the review page, so a problem links straight to it.
    var reasonField: String {
        switch self {
        case .reject: "reject_reason"
        case .suspend: "suspend_reason"
        default: "credentials_reason"
        }
    }

    var auditAction: String {
        switch self {
        case .approve: "approved practitioner"
        case .reject: "rejected practitioner"
        case .suspend: "suspended profile"
        case .restore: "restored profile"
        case .approveChanges: "approved credentials change"
        case .rejectChanges: "rejected credentials change"
        }
    }

    /// Whether the decision can be made now; nil when it can, else why not, in words.
    func problem(for practitioner: Practitioner) -> String? {
        switch self {
        case .approveChanges, .rejectChanges:
            practitioner.credentialsChangeSentAt == nil ? "There are no changes waiting for review." : nil
        case .approve, .reject:
            practitioner.verificationStatus == .pending ? nil : "This profile is not waiting for verification."
        case .suspend:
            practitioner.visibility == .suspended ? "This profile is already suspended." : nil
        case .restore:
            practitioner.visibility == .suspended ? nil : "This profile is not suspended."
        }
    }

    /// Makes the change on the model; the caller saves it, audits it and tells search.
    func apply(to practitioner: Practitioner, by admin: Account, reason: String) {
        switch self {
        case .approve:
            practitioner.verificationStatus = .verified
            practitioner.verifiedBy = admin.id
            practitioner.verifiedAt = Date()
            practitioner.verificationReason = nil
        case .reject:
            practitioner.verificationStatus = .rejected
            practitioner.verificationReason = reason
        case .suspend:
            practitioner.visibility = .suspended
            practitioner.visibilityReason = reason
        case .restore:
            practitioner.visibility = .visible
            practitioner.visibilityReason = nil
        case .approveChanges:
            if let name = practitioner.pendingDisplayName { practitioner.displayName = name }
            practitioner.professionalBody = practitioner.pendingProfessionalBody
            practitioner.registrationNumber = practitioner.pendingRegistrationNumber
            practitioner.qualifications = practitioner.pendingQualifications ?? practitioner.qualifications
            practitioner.clearPendingCredentials()
        case .rejectChanges:
            practitioner.clearPendingCredentials()
        }
    }
}

/// The email a practitioner gets about a decision.
struct AdminDecisionMessage: Email {
    let decision: AdminDecision
    let name: String
    let reason: String
    let link: String

    var template: String { "practitioner-\(decision.rawValue)" }

    var subject: String {
        switch decision {
        case .approve: "Your Rapport profile is live"
        case .reject: "About your Rapport profile"
        case .suspend: "Your Rapport profile has been suspended"
        case .restore: "Your Rapport profile is back"
        case .approveChanges: "Your new credentials are on your Rapport profile"
        case .rejectChanges: "About your new credentials on Rapport"
        }
    }

    enum CodingKeys: String, CodingKey { case name, reason, link }
}
