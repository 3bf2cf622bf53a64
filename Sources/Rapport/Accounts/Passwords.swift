import Foundation
import Vapor

/// The password rules and the one way passwords are hashed.
enum Passwords {
    static let minimumLength = 12
    /// Long passphrases are welcome; the limit only stops absurd inputs.
    static let maximumLength = 1_024

    /// What is wrong with a new password, in words for the person choosing it, or nil.
    static func problem(with password: String, email: String) -> String? {
        if password.count < minimumLength {
            return "Please use at least \(minimumLength) characters. A few unrelated words together work well."
        }
        if password.count > maximumLength {
            return "Please use at most \(maximumLength) characters."
        }
        let folded = password.lowercased()
        if commonPasswords.contains(folded) || Set(folded).count <= 3 {
            return "That password is too common or easy to guess. Please choose another."
        }
        if let name = email.split(separator: "@").first, name.count >= 4, folded.contains(name.lowercased()) {
            return "Please don't include your email address in your password."
        }
        return nil
    }

    /// Bcrypt reads at most 72 bytes and silently ignores the rest, so every password is first
    /// reduced to its SHA-256 (44 base64 characters): every character counts, however long.
    static func prepared(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    static func hash(_ password: String, on request: Request) async throws -> String {
        try await request.password.async.hash(prepared(password))
    }

    /// With no hash (no account matched), the password is hashed instead, which takes as long as
    /// checking it would, so a wrong email cannot be told from a wrong password by the time taken.
    /// Both run on Vapor's thread pool, never on an event loop.
    static func verify(_ password: String, against hash: String?, on request: Request) async throws -> Bool {
        guard let hash else {
            _ = try await request.password.async.hash(prepared(password))
            return false
        }
        return try await request.password.async.verify(prepared(password), created: hash)
    }

    /// Checks an account's current password before a change (email, password, deletion,
    /// granting admin). Every check costs a bcrypt on a small thread pool, so they are rate
    /// limited like logins: one session cannot queue everyone's logins behind its guesses.
    static func currentPasswordMatches(_ password: String?, for account: Account, request: Request) async throws -> Bool {
        try await request.countAttempt(.passwordChecksPerAccount, key: try account.requireID().uuidString)
        return try await verify(password ?? "", against: account.passwordHash, on: request)
    }

    /// The most used passwords of at least 12 characters, from public breach studies.
    static let commonPasswords: Set<String> = [
        "123456789012", "1234567890123", "12345678901234", "123456789123", "password1234", "password12345",
        "password123456", "passwordpassword", "qwertyuiop12", "qwertyuiop123", "qwertyuiopasdf", "1q2w3e4r5t6y",
        "1qaz2wsx3edc", "qazwsxedcrfv", "iloveyou1234", "letmein12345", "welcome12345", "administrator",
        "abc123456789", "abcdefghijkl", "abcdefghijklm", "football1234", "baseball1234", "monkey123456",
        "sunshine1234", "princess1234", "trustno1trustno1", "changeme1234", "mypassword123", "mypassword1",
        "passw0rd1234", "p@ssw0rd1234", "p@ssword1234", "password1!", "password123!", "qwerty123456",
        "qwertyqwerty", "asdfghjkl123", "zxcvbnm12345", "liverpool123", "arsenal12345", "chelsea12345",
        "manchester123", "unitedkingdom", "englandengland", "therapy12345", "counselling1", "relationship1",
        "111111111111", "000000000000", "123123123123", "987654321098", "google123456", "facebook1234",
    ]
}

/// Random tokens for links and cookies, and the hashes kept in their place.
enum SecretToken {
    /// 32 random bytes, URL-safe base64.
    static func make() -> String {
        // Eight bytes per call to the system's generator: asking for each byte alone made 32
        // system calls, and every anonymous page view makes a token for its forms.
        var generator = SystemRandomNumberGenerator()
        var bytes = Data(capacity: 32)
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) } }
        // URL-safe, without padding: byte by byte, as Foundation's replacingOccurrences is slow.
        let urlSafe = bytes.base64EncodedString().utf8.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            case UInt8(ascii: "="): nil
            default: byte
            }
        }
        return String(decoding: urlSafe, as: UTF8.self)
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
