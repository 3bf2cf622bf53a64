import Foundation
import Testing

@testable import Rapport

@Suite("The UK gazetteer")
struct GazetteerTests {
    static let gazetteer = try! Gazetteer(
        contentsOf: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/Resources/Places/uk-places.tsv"))

    @Test func holdsThousandsOfPlacesWithUniqueLabels() {
        let places = Self.gazetteer.places
        #expect(places.count > 3_000)
        #expect(Set(places.map { Gazetteer.key($0.label) }).count == places.count)
        #expect(places.allSatisfy { (49.8...61).contains($0.latitude) && (-8.7...2).contains($0.longitude) })
    }

    @Test(arguments: ["Harrogate", "harrogate", "  HARROGATE ", "Harrogate."])
    func aUniqueNameResolvesWhateverTheCase(query: String) {
        guard case .found(let place) = Self.gazetteer.resolve(query) else {
            Issue.record("\(query) did not resolve")
            return
        }
        #expect(place.label == "Harrogate")
        #expect(abs(place.latitude - 53.99) < 0.05)
    }

    @Test func aRepeatedNameAsksWhichIsMeantAndEachLabelResolves() throws {
        guard case .ambiguous(let candidates) = Self.gazetteer.resolve("Newport") else {
            Issue.record("Newport should be ambiguous")
            return
        }
        #expect(candidates.count >= 2)
        #expect(candidates.contains { $0.label == "Newport, Isle of Wight" })
        for candidate in candidates {
            #expect(Self.gazetteer.resolve(candidate.label) == .found(candidate))
            #expect(Self.gazetteer.resolve(candidate.label.lowercased()) == .found(candidate))
        }
    }

    @Test func accentsAndApostrophesDoNotMatter() {
        #expect(Gazetteer.key("Ystradgynlais") == Gazetteer.key("ÝSTRADGYNLAIS"))
        // Plain ASCII takes a quicker path, which must give exactly what folding gives.
        let typed: [String] = ["  St. Albans ", "King's Lynn", "NEWPORT, Isle of Wight", "a--b__c  d", "'''", "", "   ", "M1 4BT",
                               "Bishop's Stortford!!", "x\ty\nz", "Ab1'2cD~`^@[]{}|\\/?<>=+*&%$#\"", "o'brien's  place "]
        let everyCharacter: [String] = (0..<128).map { code in
            let character = String(UnicodeScalar(UInt8(code)))
            return character + "Leeds" + character + "x"
        }
        let ascii = typed + everyCharacter
        for text in ascii { #expect(Gazetteer.key(text) == Gazetteer.foldedKey(text), Comment(rawValue: text.debugDescription)) }
        #expect(Gazetteer.key("King's Lynn") == Gazetteer.key("kings lynn"))
        #expect(Gazetteer.key("Stratford-upon-Avon") == Gazetteer.key("stratford upon avon"))
        if case .found(let place) = Self.gazetteer.resolve("kings lynn") {
            #expect(place.name == "King's Lynn")
        } else {
            Issue.record("King's Lynn should resolve without its apostrophe")
        }
    }

    @Test func aTypingSlipIsAnsweredWithCloseMatches() {
        guard case .unknown(let suggestions) = Self.gazetteer.resolve("Harrogat") else {
            Issue.record("Harrogat should not resolve")
            return
        }
        #expect(suggestions.first?.label == "Harrogate")
        #expect(Self.gazetteer.resolve("Qwxyzzy") == .unknown(suggestions: []))
    }

    @Test func prefixesListLargerPlacesFirst() {
        let matches = Self.gazetteer.places(withPrefix: "man", limit: 10)
        #expect(matches.first?.label == "Manchester")
        #expect(matches.count <= 10)
    }

    @Test func distancesFollowTheGreatCircle() {
        let london = UnitVector(latitude: 51.5074, longitude: -0.1278)
        let manchester = UnitVector(latitude: 53.4808, longitude: -2.2426)
        #expect(abs(london.distanceMiles(to: manchester) - 163) < 2)
        #expect(london.dot(manchester) < 1)
    }
}
