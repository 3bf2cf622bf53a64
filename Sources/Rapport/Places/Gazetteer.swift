import Foundation
import Vapor

/// Finds UK places by what people type: case- and accent-insensitive, with unique labels for
/// names that repeat and close matches for typing slips. Read-only after start, so every app
/// instance holds the same copy.
struct Gazetteer: Sendable {
    enum Resolution: Sendable, Equatable {
        case found(Place)
        /// The bare name fits several places; the candidates' labels tell them apart.
        case ambiguous([Place])
        /// Nothing fits; these are the nearest spellings, best first (may be empty).
        case unknown(suggestions: [Place])
    }

    let places: [Place]
    private let byLabel: [String: Place]
    private let byName: [String: [Place]]
    /// Every place with its label's key, larger places first: autocomplete runs on every
    /// keystroke, so the keys are worked out once, not per request.
    private let forAutocomplete: [(key: String, place: Place)]

    init(places: [Place]) {
        self.places = places
        self.byLabel = Dictionary(places.map { (Self.key($0.label), $0) }, uniquingKeysWith: { first, _ in first })
        self.byName = Dictionary(grouping: places, by: { Self.key($0.name) })
        self.forAutocomplete = places
            .sorted { $0.population != $1.population ? $0.population > $1.population : $0.label < $1.label }
            .map { (Self.key($0.label), $0) }
    }

    /// Reads the tab-separated file made by `scripts/build-gazetteer.py`.
    init(contentsOf url: URL) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigurationError(variable: "Gazetteer", problem: "file is missing at \(url.path) (start rapport from the project folder, or from its own build)")
        }
        var places: [Place] = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 7, let latitude = Double(fields[4]), let longitude = Double(fields[5]) else { continue }
            places.append(
                Place(
                    label: fields[0], name: fields[1], county: fields[2], nation: fields[3],
                    latitude: latitude, longitude: longitude, population: Int(fields[6]) ?? 0))
        }
        self.init(places: places)
    }

    func resolve(_ query: String) -> Resolution {
        let wanted = Self.key(query)
        guard !wanted.isEmpty else { return .unknown(suggestions: []) }
        if let place = byLabel[wanted] { return .found(place) }
        if let named = byName[wanted] {
            if named.count == 1 { return .found(named[0]) }
            return .ambiguous(named.sorted { $0.population != $1.population ? $0.population > $1.population : $0.label < $1.label })
        }
        return .unknown(suggestions: closeMatches(to: wanted, limit: 3))
    }

    func place(labelled label: String) -> Place? { byLabel[Self.key(label)] }

    /// Autocomplete: places whose name or label starts with the prefix, larger places first.
    func places(withPrefix prefix: String, limit: Int = 10) -> [Place] {
        let wanted = Self.key(prefix)
        guard !wanted.isEmpty else { return [] }
        return Array(forAutocomplete.lazy.filter { $0.key.hasPrefix(wanted) }.prefix(limit).map(\.place))
    }

    private func closeMatches(to wanted: String, limit: Int) -> [Place] {
        let allowed = max(1, wanted.count / 4)
        let wantedCharacters = Array(wanted)
        var scored: [(distance: Int, place: Place)] = []
        for (name, named) in byName where abs(name.count - wantedCharacters.count) <= allowed {
            let distance = Self.editDistance(wantedCharacters, Array(name), atMost: allowed)
            if distance <= allowed {
                scored += named.map { (distance, $0) }
            }
        }
        return scored
            .sorted { ($0.distance, -$0.place.population, $0.place.label) < ($1.distance, -$1.place.population, $1.place.label) }
            .prefix(limit)
            .map(\.place)
    }

    /// Levenshtein distance, giving up early once every path exceeds `atMost`.
    static func editDistance(_ a: [Character], _ b: [Character], atMost: Int) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowBest = current[0]
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowBest = min(rowBest, current[j])
            }
            if rowBest > atMost { return rowBest }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// What two spellings of one place have in common: no case, accents, punctuation or
    /// repeated spaces ("St. Albans" and "st albans", "King's Lynn" and "Kings Lynn").
    static func key(_ text: String) -> String {
        // Most of what people type is plain ASCII, and every search near a place asks: byte by
        // byte is far quicker than folding, with the same answer (GazetteerTests checks).
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return foldedKey(text) }
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        var needsSpace = false
        for byte in text.utf8 where byte != UInt8(ascii: "'") {
            let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lower) {
                if needsSpace && !key.isEmpty { key.append(UInt8(ascii: " ")) }
                needsSpace = false
                key.append(lower)
            } else {
                needsSpace = true
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    private static let englishLocale = Locale(identifier: "en_GB")

    /// `key` for any text: case and accents folded by Foundation.
    static func foldedKey(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: englishLocale)
        let spaced = folded.filter { $0 != "'" && $0 != "\u{2019}" }.map { character -> Character in
            character.isLetter || character.isNumber ? character : " "
        }
        return String(spaced).split(separator: " ").joined(separator: " ")
    }
}

extension Application {
    private struct GazetteerKey: StorageKey { typealias Value = Gazetteer }

    var gazetteer: Gazetteer {
        get {
            guard let gazetteer = storage[GazetteerKey.self] else { fatalError("The gazetteer is loaded in configure()") }
            return gazetteer
        }
        set { storage[GazetteerKey.self] = newValue }
    }
}
