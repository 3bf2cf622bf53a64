import Crypto
import Foundation

/// The one place Rapport encrypts personal data at rest (authenticator secrets now; enquiries
/// next). AES-256-GCM from swift-crypto: each value gets a fresh nonce and is bound to the
/// column it belongs in, so a ciphertext copied into another column does not open.
///
/// A sealed value reads `dk1.<key id>.<base64 of nonce, ciphertext and tag>`. The key id is
/// derived from the key itself, so a value always says which key opens it, and
/// `rapport rotate-data-key` can find every value not yet under the current key.
struct DataKeyRing: Sendable {
    struct Key: Sendable {
        let id: String
        let symmetricKey: SymmetricKey

        init(bytes: Data) {
            self.symmetricKey = SymmetricKey(data: bytes)
            // Eight hex digits of a hash of the key: enough to tell keys apart, nothing to attack.
            let digest = SHA256.hash(data: Data("rapport-data-key-id".utf8) + bytes)
            self.id = digest.prefix(4).map { String(format: "%02x", $0) }.joined()
        }
    }

    static let prefix = "dk1"
    static let keyByteCount = 32

    /// New values are sealed with this key.
    let current: Key
    /// Older keys that still open values, until a rotation has moved everything to `current`.
    let previous: [Key]

    init(current: Key, previous: [Key] = []) {
        self.current = current
        self.previous = previous.filter { $0.id != current.id }
    }

    /// A ring with one new random key: for tests and throwaway in-memory databases.
    static func ephemeral() -> DataKeyRing {
        DataKeyRing(current: Key(bytes: randomKeyBytes()))
    }

    static func randomKeyBytes() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    /// Encrypts `plaintext` for `column` (such as `accounts.totp_secret`).
    func seal(_ plaintext: String, for column: EncryptedColumn) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: current.symmetricKey, authenticating: column.associatedData)
        guard let combined = box.combined else { throw DataKeyError.sealFailed }
        return "\(Self.prefix).\(current.id).\(combined.base64EncodedString())"
    }

    /// Decrypts a value sealed for `column`. Throws if no key in the ring opens it, or it was
    /// changed or moved: a value that cannot be read must never pass for empty.
    func open(_ sealed: String, for column: EncryptedColumn) throws -> String {
        let parts = sealed.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.prefix, let combined = Data(base64Encoded: String(parts[2])) else {
            throw DataKeyError.notSealed
        }
        guard let key = ([current] + previous).first(where: { $0.id == parts[1] }) else {
            throw DataKeyError.unknownKey(id: String(parts[1]))
        }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            let bytes = try AES.GCM.open(box, using: key.symmetricKey, authenticating: column.associatedData)
            return String(decoding: bytes, as: UTF8.self)
        } catch {
            throw DataKeyError.tampered
        }
    }

    /// True when `sealed` is already under the current key (rotation leaves it alone).
    func isUnderCurrentKey(_ sealed: String) -> Bool {
        sealed.hasPrefix("\(Self.prefix).\(current.id).")
    }

    /// A keyed hash for finding a row by a value that is stored encrypted (an email address,
    /// say), without storing the value itself. It uses a key derived from the current data key.
    func lookupHash(_ value: String, purpose: String) -> String {
        let lookupKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: current.symmetricKey, info: Data("rapport-lookup:\(purpose)".utf8), outputByteCount: 32)
        return HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: lookupKey).map { String(format: "%02x", $0) }.joined()
    }
}

enum DataKeyError: Error, CustomStringConvertible {
    case sealFailed
    case notSealed
    case unknownKey(id: String)
    case tampered

    var description: String {
        switch self {
        case .sealFailed: "a value could not be encrypted"
        case .notSealed: "a value that should be encrypted is not"
        case .unknownKey(let id): "a value is encrypted with data key \(id), which is not configured"
        case .tampered: "an encrypted value does not open with its key: it was changed or moved"
        }
    }
}
