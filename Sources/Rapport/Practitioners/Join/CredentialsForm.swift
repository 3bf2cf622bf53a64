import Fluent
import Vapor

/// The credentials step: professional body, registration number, qualifications, insurance and
/// an optional document. Therapists must name a body and number; for coaches a membership body
/// is optional, since coaching has no statutory register.
struct CredentialsForm {
    struct Input: Content {
        var professionalBody: String?
        var registrationNumber: String?
        var qualifications: String?
        var insurance: String?
        var document: File?

        enum CodingKeys: String, CodingKey {
            case professionalBody = "professional_body", registrationNumber = "registration_number"
            case qualifications, insurance, document
        }
    }

    struct View: Encodable, Sendable {
        let isCoach: Bool
        let professionalBody: String
        let registrationNumber: String
        let qualifications: String
        let insurance: Bool
        let documents: [String]
        /// A verified practitioner's changes wait for an admin before the profile shows them.
        let changesNeedReview: Bool
    }

    struct Checked {
        let professionalBody: String?
        let registrationNumber: String?
        let qualifications: String
        let document: Document?
    }

    static func view(_ input: Input, kind: PractitionerKind, documents: [String], changesNeedReview: Bool) -> View {
        View(isCoach: kind == .coach, professionalBody: input.professionalBody ?? "", registrationNumber: input.registrationNumber ?? "",
             qualifications: input.qualifications ?? "", insurance: input.insurance == "yes", documents: documents, changesNeedReview: changesNeedReview)
    }

    /// `stored` is what the practitioner has uploaded before (how many files, how many bytes).
    static func check(_ input: Input, kind: PractitionerKind, stored: (count: Int, bytes: Int) = (0, 0)) -> Result<Checked, FormProblemList> {
        var problems = FormProblems()
        func text(_ value: String?, limit: Int) -> String {
            String((value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(limit))
        }
        let body = text(input.professionalBody, limit: 120)
        let number = text(input.registrationNumber, limit: 40)
        let qualifications = text(input.qualifications, limit: 2000)
        if kind == .therapist {
            problems.require(!body.isEmpty, "professional_body", "Please name the professional body you are registered or accredited with, such as BACP, UKCP or BABCP.")
            problems.require(!number.isEmpty, "registration_number", "Please give your membership or registration number, so we can check it on the register.")
        }
        problems.require(qualifications.count >= 10, "qualifications", "Please list your qualifications, such as \u{201C}MSc Counselling Psychology\u{201D}.")
        problems.require(input.insurance == "yes", "insurance", "Please confirm that you hold professional indemnity insurance.")

        var document: Checked.Document?
        if let file = input.document, file.data.readableBytes > 0 {
            let bytes = Data(file.data.readableBytesView)
            if bytes.count > CredentialDocument.maximumBytes {
                problems.add("document", "That file is larger than 5 MB. Please upload a smaller copy, or leave it out and we will ask if we need it.")
            } else if stored.count >= CredentialDocument.maximumCount {
                problems.add("document", "You have already sent us \(CredentialDocument.maximumCount) documents, which is as many as we keep. Please leave this empty; we will ask if we need more.")
            } else if stored.bytes + bytes.count > CredentialDocument.maximumTotalBytes {
                problems.add("document", "Your documents together would be more than 20 MB. Please send a smaller copy, or leave it out and we will ask if we need it.")
            } else if let sniffed = CredentialDocument.Kind(sniffing: bytes) {
                document = (CredentialDocument.safeFileName(file.filename, kind: sniffed), sniffed, bytes)
            } else {
                problems.add("document", "That file is not a PDF, JPEG or PNG, whatever its name says. Please upload one of those.")
            }
        }
        guard problems.isEmpty else { return .failure(FormProblemList(problems: problems)) }
        return .success(Checked(
            professionalBody: body.isEmpty ? nil : body, registrationNumber: number.isEmpty ? nil : number,
            qualifications: qualifications, document: document))
    }

    /// Before verification the credentials are saved as they are; afterwards they wait, as
    /// pending, for an admin, and the public profile keeps the approved ones.
    static func save(_ checked: Checked, to practitioner: Practitioner, on database: any Database) async throws {
        if practitioner.verificationStatus == .verified {
            practitioner.pendingProfessionalBody = checked.professionalBody
            practitioner.pendingRegistrationNumber = checked.registrationNumber
            practitioner.pendingQualifications = checked.qualifications
            practitioner.credentialsChangeSentAt = Date()
        } else {
            practitioner.professionalBody = checked.professionalBody
            practitioner.registrationNumber = checked.registrationNumber
            practitioner.qualifications = checked.qualifications
        }
        practitioner.insuranceConfirmed = true
        try await practitioner.save(on: database)
        if let document = checked.document {
            let stored = CredentialDocument()
            stored.$practitioner.id = try practitioner.requireID()
            stored.fileName = document.name
            stored.contentType = document.kind.rawValue
            stored.byteCount = document.bytes.count
            stored.bytes = document.bytes
            stored.uploadedAt = Date()
            try await stored.create(on: database)
        }
    }
}

extension CredentialsForm.Checked {
    typealias Document = (name: String, kind: CredentialDocument.Kind, bytes: Data)
}
