import Fluent
import Foundation

/// A certificate or insurance document a practitioner uploads for review. Only admins ever see
/// it; it is stored in the database so every app instance can serve it.
final class CredentialDocument: Model, @unchecked Sendable {
    static let schema = "credential_documents"
    static let maximumBytes = 5 * 1024 * 1024
    /// What one practitioner may keep in all: enough for a certificate, a registration and
    /// insurance, never a way to fill the database.
    static let maximumCount = 5
    static let maximumTotalBytes = 20 * 1024 * 1024

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "bytes") var bytes: Data
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}

    /// A practitioner's documents, oldest first, without their bytes: for lists, which only
    /// need names and sizes.
    static func listed(for practitionerID: UUID, on database: any Database) async throws -> [CredentialDocument] {
        try await query(on: database).filter(\.$practitioner.$id == practitionerID)
            .field(\.$id).field(\.$practitioner.$id).field(\.$fileName).field(\.$contentType).field(\.$byteCount).field(\.$uploadedAt)
            .sort(\.$uploadedAt).all()
    }

    /// "48 KB".
    var sizeText: String { ByteCountFormatter.string(fromByteCount: Int64(byteCount), countStyle: .file) }

    /// "certificate.pdf (48 KB)".
    var sizedName: String { "\(fileName) (\(sizeText))" }

    /// The kinds accepted, recognised by their first bytes, never by the name or the type the
    /// browser claims.
    enum Kind: String, CaseIterable {
        case pdf = "application/pdf"
        case jpeg = "image/jpeg"
        case png = "image/png"

        init?(sniffing bytes: Data) {
            let start = [UInt8](bytes.prefix(8))
            if start.starts(with: Array("%PDF-".utf8)) { self = .pdf }
            else if start.starts(with: [0xFF, 0xD8, 0xFF]) { self = .jpeg }
            else if start.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
            else { return nil }
        }
    }

    /// A safe name to offer on download: letters, digits, dots, dashes and underscores only.
    static func safeFileName(_ name: String, kind: Kind) -> String {
        let kept = String(name.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }.prefix(80))
        let fallback = "document." + (kind == .pdf ? "pdf" : kind == .jpeg ? "jpg" : "png")
        return kept.isEmpty || kept.hasPrefix(".") ? fallback : kept
    }
}
