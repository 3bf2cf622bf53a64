import Foundation
import Logging

/// Where the data key comes from, read from the environment with the other settings.
public enum DataKeySource: Sendable, Equatable {
    /// `RAPPORT_DATA_KEY` (with any `RAPPORT_DATA_KEY_PREVIOUS`), or the lines of
    /// `RAPPORT_DATA_KEY_FILE`: the first key seals, the others only open.
    case keys(current: Data, previous: [Data])
    /// Development only: a key generated once into this file and kept there, with a warning.
    case developmentFile(path: String)
    /// Tests: a new random key for each app.
    case ephemeral

    static let developmentFileName = "rapport-data.key"

    /// Reads the documented variables. Without a key, only a development address may go on
    /// (with a generated one): a real site must never hold health data under a key nobody chose.
    init(environment: [String: String], isDevelopmentURL: Bool) throws(ConfigurationError) {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
            return raw
        }
        let previous = try Self.keys(in: value("RAPPORT_DATA_KEY_PREVIOUS") ?? "", variable: "RAPPORT_DATA_KEY_PREVIOUS")
        if let key = value("RAPPORT_DATA_KEY") {
            self = .keys(current: try Self.key(key, variable: "RAPPORT_DATA_KEY"), previous: previous)
        } else if let path = value("RAPPORT_DATA_KEY_FILE") {
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigurationError(variable: "RAPPORT_DATA_KEY_FILE", problem: "names a file that cannot be read: \(path)")
            }
            let keys = try Self.keys(in: contents, variable: "RAPPORT_DATA_KEY_FILE")
            guard let first = keys.first else {
                throw ConfigurationError(variable: "RAPPORT_DATA_KEY_FILE", problem: "names a file with no key in it: \(path)")
            }
            self = .keys(current: first, previous: Array(keys.dropFirst()) + previous)
        } else if isDevelopmentURL {
            self = .developmentFile(path: Self.developmentFileName)
        } else {
            throw ConfigurationError(
                variable: "RAPPORT_DATA_KEY",
                problem: "must be set (or RAPPORT_DATA_KEY_FILE) for a public address: it encrypts personal data. Make one with: openssl rand -base64 32")
        }
    }

    /// Keys separated by commas, spaces or lines; `#` starts a comment line.
    private static func keys(in text: String, variable: String) throws(ConfigurationError) -> [Data] {
        var keys: [Data] = []
        for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            for word in line.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
                keys.append(try key(String(word), variable: variable))
            }
        }
        return keys
    }

    private static func key(_ text: String, variable: String) throws(ConfigurationError) -> Data {
        guard let data = Data(base64Encoded: text), data.count == DataKeyRing.keyByteCount else {
            throw ConfigurationError(variable: variable, problem: "must hold 32-byte keys in base64 (openssl rand -base64 32)")
        }
        return data
    }

    /// The key ring this source gives. A development key file is made on first use.
    func ring(logger: Logger) throws -> DataKeyRing {
        switch self {
        case .keys(let current, let previous):
            return DataKeyRing(current: .init(bytes: current), previous: previous.map { .init(bytes: $0) })
        case .ephemeral:
            return .ephemeral()
        case .developmentFile(let path):
            if let contents = try? String(contentsOfFile: path, encoding: .utf8) {
                let keys = try Self.keys(in: contents, variable: "the development key file \(path)")
                guard let first = keys.first else {
                    throw ConfigurationError(variable: "the development key file \(path)", problem: "holds no key: delete it to make a new one (data sealed with the old key is then unreadable)")
                }
                logger.warning("Using the development data key in \(path). A real site sets RAPPORT_DATA_KEY or RAPPORT_DATA_KEY_FILE.")
                return DataKeyRing(current: .init(bytes: first), previous: keys.dropFirst().map { .init(bytes: $0) })
            }
            let bytes = DataKeyRing.randomKeyBytes()
            let text = "# Rapport's development data key. Keep it with the database: without it, encrypted data is lost.\n"
                + bytes.base64EncodedString() + "\n"
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ConfigurationError(variable: "the development key file \(path)", problem: "could not be written")
            }
            logger.warning("Generated a development data key in \(path). Keep it with the database. A real site sets RAPPORT_DATA_KEY or RAPPORT_DATA_KEY_FILE.")
            return DataKeyRing(current: .init(bytes: bytes))
        }
    }
}
