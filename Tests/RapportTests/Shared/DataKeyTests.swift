import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import Rapport

@Suite("The data key")
struct DataKeyTests {
    static func key(_ byte: UInt8) -> Data { Data(repeating: byte, count: 32) }

    @Test func aSealedValueOpensOnlyInItsOwnColumnUnchanged() throws {
        let ring = DataKeyRing(current: .init(bytes: Self.key(1)))
        let sealed = try ring.seal("JBSWY3DPEHPK3PXP", for: .totpSecret)
        #expect(sealed.hasPrefix("dk1.\(ring.current.id).") && !sealed.contains("JBSWY3DP"))
        #expect(try ring.open(sealed, for: .totpSecret) == "JBSWY3DPEHPK3PXP")
        #expect(try ring.seal("JBSWY3DPEHPK3PXP", for: .totpSecret) != sealed, "a fresh nonce every time")

        let elsewhere = EncryptedColumn(table: "enquiries", column: "message", idColumn: "id")
        #expect(throws: DataKeyError.self) { try ring.open(sealed, for: elsewhere) }
        var bytes = Array(sealed.utf8)
        bytes[bytes.count - 3] = bytes[bytes.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: DataKeyError.self) { try ring.open(String(decoding: bytes, as: UTF8.self), for: .totpSecret) }
        #expect(throws: DataKeyError.self) { try DataKeyRing(current: .init(bytes: Self.key(2))).open(sealed, for: .totpSecret) }
        #expect(throws: DataKeyError.self) { try ring.open("JBSWY3DPEHPK3PXP", for: .totpSecret) }
    }

    @Test func lookupHashesAreStableKeyedAndSayNothing() {
        let ring = DataKeyRing(current: .init(bytes: Self.key(1)))
        let hash = ring.lookupHash("sam@example.org", purpose: "enquiry-sender")
        #expect(hash == ring.lookupHash("sam@example.org", purpose: "enquiry-sender"))
        #expect(hash != ring.lookupHash("sam@example.org", purpose: "another-purpose"))
        #expect(hash != DataKeyRing(current: .init(bytes: Self.key(2))).lookupHash("sam@example.org", purpose: "enquiry-sender"))
        #expect(hash.count == 64 && !hash.contains("sam"))
    }

    /// The key comes from the environment; a public address without one never starts.
    @Test func aPublicAddressWithoutAKeyStopsAtStartWithOneLine() throws {
        #expect(throws: ConfigurationError.self) { try Settings(environment: ["RAPPORT_PUBLIC_URL": "https://rapport.example"]) }
        do {
            _ = try Settings(environment: ["RAPPORT_PUBLIC_URL": "https://rapport.example"])
        } catch {
            #expect(error.variable == "RAPPORT_DATA_KEY" && error.description.contains("openssl rand -base64 32"))
        }
        let key = Self.key(7).base64EncodedString()
        let previous = Self.key(8).base64EncodedString()
        let settings = try Settings(environment: [
            "RAPPORT_PUBLIC_URL": "https://rapport.example", "RAPPORT_DATA_KEY": key, "RAPPORT_DATA_KEY_PREVIOUS": previous,
        ])
        #expect(settings.dataKeySource == .keys(current: Self.key(7), previous: [Self.key(8)]))
        #expect(throws: ConfigurationError.self) { try Settings(environment: ["RAPPORT_DATA_KEY": "too-short"]) }
        #expect(try Settings(environment: [:]).dataKeySource == .developmentFile(path: "rapport-data.key"))
    }

    @Test func aKeyFileGivesTheCurrentKeyFirstAndADevelopmentKeyIsMadeOnceAndKept() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("keys").path
        try "# current first\n\(Self.key(3).base64EncodedString())\n\(Self.key(4).base64EncodedString())\n".write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try Settings(environment: ["RAPPORT_DATA_KEY_FILE": file]).dataKeySource
        #expect(fromFile == .keys(current: Self.key(3), previous: [Self.key(4)]))

        let development = DataKeySource.developmentFile(path: directory.appendingPathComponent("dev.key").path)
        let made = try development.ring(logger: Logger(label: "test"))
        let again = try development.ring(logger: Logger(label: "test"))
        #expect(made.current.id == again.current.id, "kept, so sealed data stays readable across restarts")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("dev.key").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    /// Rotation: values sealed under the old key are re-sealed under the new one, the old key is
    /// removed, and every record still reads back.
    @Test(arguments: TestDatabase.all)
    func rotatingTheKeyReSealsEverythingSoTheOldKeyCanGo(database: TestDatabase) async throws {
        let old = DataKeySource.keys(current: Self.key(10), previous: [])
        let both = DataKeySource.keys(current: Self.key(11), previous: [Self.key(10)])
        var secrets: [UUID: String] = [:]
        try await withRapport(database, settings: { $0.dataKeySource = old }) { app in
            for index in 0..<7 {
                let account = try await TestAccounts.make(app, email: "person\(index)@example.org", role: .member)
                let secret = TOTP.makeSecret()
                try account.setTOTPSecret(secret, app.dataKeys)
                try await account.save(on: app.db)
                secrets[try account.requireID()] = secret
            }
            // Same database, new key with the old one kept for reading: rotate.
            app.dataKeys = try both.ring(logger: app.logger)
            let counts = try await DataKeyRotation.rotate(app.db, keys: app.dataKeys)
            #expect(counts[.totpSecret] == 7)
            #expect(try await DataKeyRotation.rotate(app.db, keys: app.dataKeys)[.totpSecret] == 0, "a second run has nothing to do")

            // The old key is gone: everything still opens.
            app.dataKeys = try DataKeySource.keys(current: Self.key(11), previous: []).ring(logger: app.logger)
            for account in try await Account.query(on: app.db).all() {
                #expect(try account.totpSecret(app.dataKeys) == secrets[try account.requireID()])
            }
        }
    }
}
