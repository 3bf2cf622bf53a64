import Foundation
import Testing

@testable import Rapport

@Suite("Configuration from the environment")
struct SettingsTests {
    @Test func unsetVariablesGiveTheDocumentedDefaults() throws {
        let settings = try Settings(environment: [:])
        #expect(settings.database == .sqliteFile(path: "rapport.sqlite"))
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8080)
        #expect(settings.publicURL.absoluteString == "http://127.0.0.1:8080")
        #expect(settings.isDevelopmentURL)
        #expect(settings.loadsDemoData)
        #expect(settings.autoMigrates)
        #expect(settings.trustedProxies.isEmpty)
        #expect(settings.logLevel == .info)
    }

    @Test func demoDataIsOffByDefaultOnceADatabaseIsNamed() throws {
        let settings = try Settings(environment: ["DATABASE_URL": "postgres://rapport:secret@db.internal:5432/rapport"])
        #expect(settings.database == .postgres(url: "postgres://rapport:secret@db.internal:5432/rapport"))
        #expect(!settings.loadsDemoData)
        #expect(try Settings(environment: ["DATABASE_URL": "sqlite://data/x.sqlite", "RAPPORT_DEMO": "1"]).loadsDemoData)
    }

    @Test(arguments: [
        ("sqlite:///var/lib/rapport/site.sqlite", DatabaseLocation.sqliteFile(path: "/var/lib/rapport/site.sqlite")),
        ("sqlite://data/site.sqlite", .sqliteFile(path: "data/site.sqlite")),
        ("postgresql://u:p@localhost/rapport", .postgres(url: "postgresql://u:p@localhost/rapport")),
    ])
    func databaseURLsOfEachFormAreUnderstood(url: String, expected: DatabaseLocation) throws {
        #expect(try DatabaseLocation(databaseURL: url) == expected)
    }

    @Test(arguments: [
        ("mysql://localhost/rapport", "unsupported scheme 'mysql'"),
        ("rapport.sqlite", "must look like"),
        ("sqlite://", "names no SQLite file"),
        ("postgres://localhost", "names no database"),
    ])
    func badDatabaseURLsAreRejectedWithAReadableReason(url: String, expectedWording: String) {
        #expect {
            try DatabaseLocation(databaseURL: url)
        } throws: { error in
            let described = String(describing: error)
            return described.hasPrefix("DATABASE_URL ") && described.contains(expectedWording) && !described.contains("\n")
        }
    }

    @Test func otherBadValuesNameTheVariableAndTheProblem() {
        let cases: [([String: String], String)] = [
            (["RAPPORT_PORT": "eighty"], "RAPPORT_PORT must be a port number"),
            (["RAPPORT_PORT": "70000"], "RAPPORT_PORT must be a port number"),
            (["RAPPORT_DEMO": "maybe"], "RAPPORT_DEMO must be 1 or 0"),
            (["RAPPORT_PUBLIC_URL": "ftp://example.org"], "RAPPORT_PUBLIC_URL must be an http"),
            (["LOG_LEVEL": "loud"], "LOG_LEVEL must be one of"),
        ]
        for (environment, wording) in cases {
            #expect(throws: ConfigurationError.self) { try Settings(environment: environment) }
            do {
                _ = try Settings(environment: environment)
            } catch {
                #expect(error.description.hasPrefix(wording), "\(error.description)")
            }
        }
    }

    @Test func trustedProxiesAcceptCommasAndSpaces() throws {
        let settings = try Settings(environment: ["RAPPORT_TRUSTED_PROXIES": "10.0.0.1, 10.0.0.2 127.0.0.1"])
        #expect(settings.trustedProxies == ["10.0.0.1", "10.0.0.2", "127.0.0.1"])
    }

    @Test func httpsPublicAddressIsNotDevelopment() throws {
        let key = Data(repeating: 9, count: 32).base64EncodedString()
        let settings = try Settings(environment: ["RAPPORT_PUBLIC_URL": "https://rapport.example", "RAPPORT_DATA_KEY": key])
        #expect(!settings.isDevelopmentURL)
    }
}
