import Foundation
import Vapor

/// Time-based one-time codes (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, 6 digits,
/// as every authenticator app expects.
enum TOTP {
    static let step: TimeInterval = 30
    static let digits = 6

    static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base32.encode((0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    static func code(secret: String, at date: Date) -> String? {
        guard let key = Base32.decode(secret) else { return nil }
        return code(key: key, counter: UInt64(date.timeIntervalSince1970 / step))
    }

    static func code(key: [UInt8], counter: UInt64) -> String {
        let message = withUnsafeBytes(of: counter.bigEndian) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let value =
            (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let modulus: UInt32 = 1_000_000
        return String(format: "%06d", value % modulus)
    }

    /// The time step a code belongs to, counting the current step and its neighbours (a phone's
    /// clock may be a little out), or nil. Steps up to `lastAccepted` are refused, so a code
    /// that was seen once, over someone's shoulder or in a proxy's log, never works again.
    static func matchingStep(_ submitted: String, secret: String, after lastAccepted: Int?, at date: Date = Date()) -> Int? {
        let digitsOnly = submitted.filter(\.isNumber)
        guard digitsOnly.count == digits, let key = Base32.decode(secret) else { return nil }
        let current = Int(date.timeIntervalSince1970 / step)
        var matched: Int?
        // Every candidate is computed and compared in full, so the time taken says nothing.
        for candidate in (current - 1)...(current + 1) where candidate > (lastAccepted ?? Int.min) {
            if CSRF.constantTimeEquals(code(key: key, counter: UInt64(candidate)), digitsOnly), matched == nil {
                matched = candidate
            }
        }
        return matched
    }

    /// The address authenticator apps read to add an account.
    static func provisioningURI(secret: String, email: String) -> String {
        let label = "Rapport:\(email)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "Rapport"
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=Rapport&algorithm=SHA1&digits=6&period=30"
    }
}

enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func encode(_ bytes: [UInt8]) -> String {
        var output = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return output
    }

    static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.uppercased() where character != "=" && character != " " {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return output
    }
}
