import Fluent
import Foundation

/// "Download my data": everything held about one account, in plain JSON. Secrets (the password
/// hash, session tokens, the authenticator key, recovery codes) are described, never included.
struct PersonalDataExport: Encodable {
    struct AccountPart: Encodable {
        let email: String
        let role: String
        let createdAt: Date?
        let emailConfirmedAt: Date?
        let twoStepLoginOn: Bool
    }
    struct Device: Encodable {
        let device: String
        let signedInAt: Date
        let lastSeenAt: Date
    }
    struct Saved: Encodable {
        let practitioner: String
        let profile: String
        let status: String
        let note: String
        let savedAt: Date?
    }
    struct Profile: Encodable {
        let details: APIPractitionerDetail
        let verificationStatus: String
        let visibility: String
        let insuranceConfirmed: Bool
        let documents: [String]
    }

    let exportedAt: Date
    let about: String
    let account: AccountPart
    let signedInDevices: [Device]
    let shortlist: [Saved]
    /// Answers to "Which approach might suit me?" they chose to keep, opened.
    let savedGuideAnswers: [SavedGuides.Exported]
    let practitionerProfile: Profile?

    static func make(for account: Account, savedGuides: SavedGuides) async throws -> PersonalDataExport {
        let database = savedGuides.database
        let id = try account.requireID()
        let sessions = try await AccountSession.query(on: database).filter(\.$account.$id == id).all()
        let saved = try await ShortlistEntry.query(on: database).filter(\.$account.$id == id).with(\.$practitioner).all()
        var profile: Profile?
        if let practitioner = try await Practitioner.owned(by: id, on: database).withEverythingShown().first() {
            let documents = try await CredentialDocument.listed(for: practitioner.requireID(), on: database)
            profile = Profile(
                details: APIPractitionerDetail(practitioner), verificationStatus: practitioner.verificationStatus.rawValue,
                visibility: practitioner.visibility.rawValue, insuranceConfirmed: practitioner.insuranceConfirmed,
                documents: documents.map { "\($0.fileName) (\($0.byteCount) bytes, uploaded \($0.uploadedAt.formatted(.iso8601)))" })
        }
        return PersonalDataExport(
            exportedAt: Date(),
            about: "Everything Rapport holds about your account. Your password, sign-in tokens and two-step secrets are stored only in a form nobody can read, so they are not included.",
            account: AccountPart(email: account.email, role: account.role.rawValue, createdAt: account.createdAt,
                                 emailConfirmedAt: account.emailConfirmedAt, twoStepLoginOn: account.usesTwoStepLogin),
            signedInDevices: sessions.map { Device(device: $0.device, signedInAt: $0.createdAt, lastSeenAt: $0.lastSeenAt) },
            shortlist: saved.map {
                Saved(practitioner: $0.practitioner.displayName, profile: SiteURL.practitioner(slug: $0.practitioner.slug).path,
                      status: $0.status.label, note: $0.note, savedAt: $0.createdAt)
            },
            savedGuideAnswers: try await savedGuides.export(for: account),
            practitionerProfile: profile)
    }
}
