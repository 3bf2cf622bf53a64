import Fluent
import Foundation

/// The topics and approaches as they were when the catalogue was built: the search form's
/// choices, and the names a result shows, without asking the database on every request.
struct CatalogueTaxonomy: Sendable {
    struct Entry: Sendable, Equatable {
        let id: UUID
        let slug: String
        let name: String
        let summary: String
        /// Approaches only.
        let audience: ApproachAudience?
    }

    /// Sorted by name, as the form lists them.
    let topics: [Entry]
    let approaches: [Entry]
    private let topicBySlug: [String: Entry]
    private let approachBySlug: [String: Entry]
    /// An entry's place in `topics` or `approaches`: how summaries store them, in two bytes.
    fileprivate let topicCodes: [UUID: UInt16]
    fileprivate let approachCodes: [UUID: UInt16]

    init(topics: [Entry], approaches: [Entry]) {
        self.topics = topics.sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }
        self.approaches = approaches.sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }
        topicBySlug = Dictionary(self.topics.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        approachBySlug = Dictionary(self.approaches.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        topicCodes = Dictionary(self.topics.enumerated().map { ($1.id, UInt16($0)) }, uniquingKeysWith: { first, _ in first })
        approachCodes = Dictionary(self.approaches.enumerated().map { ($1.id, UInt16($0)) }, uniquingKeysWith: { first, _ in first })
    }

    func topic(slug: String) -> Entry? { topicBySlug[slug] }
    func approach(slug: String) -> Entry? { approachBySlug[slug] }

    static func load(from database: any Database) async throws -> CatalogueTaxonomy {
        CatalogueTaxonomy(
            topics: try await Topic.query(on: database).all().map {
                Entry(id: try $0.requireID(), slug: $0.slug, name: $0.name, summary: $0.summary, audience: nil)
            },
            approaches: try await Approach.query(on: database).all().map {
                Entry(id: try $0.requireID(), slug: $0.slug, name: $0.name, summary: $0.summary, audience: $0.audience)
            })
    }
}

/// What a result card and the API show of each listing, packed tightly: the texts of all
/// listings share one byte buffer and the lists share one array each, so 100,000 summaries cost
/// a few tens of megabytes instead of millions of small allocations.
struct SummaryShelf: Sendable {
    struct StoredLocation: Sendable {
        let labelCode: UInt32
        let latitude: Double
        let longitude: Double
    }

    /// Slug, name and headline of every listing, one after another.
    private var text: [UInt8] = []
    /// Where each of those three texts ends in `text`: three per slot.
    private var textEnds: [UInt32] = []
    private var feeMaxPence: [Int32] = []
    private var topicCodes = Ragged<UInt16>()
    private var approachCodes = Ragged<UInt16>()
    private var languageCodes = Ragged<UInt16>()
    private var locations = Ragged<StoredLocation>()
    private var languageNames: [String] = []
    private var placeLabels: [String] = []
    /// Only while building: the codes given out so far.
    private var languageCodeOf: [String: UInt16] = [:]
    private var placeCodeOf: [String: UInt32] = [:]

    mutating func add(_ entry: SearchCatalogue.Entry, taxonomy: CatalogueTaxonomy) {
        for value in [entry.slug, entry.name, entry.headline] {
            text.append(contentsOf: value.utf8)
            textEnds.append(UInt32(text.count))
        }
        feeMaxPence.append(entry.feeMaxPence)
        topicCodes.appendRow(entry.topicIDs.compactMap { taxonomy.topicCodes[$0] })
        approachCodes.appendRow(entry.approachIDs.compactMap { taxonomy.approachCodes[$0] })
        languageCodes.appendRow(entry.languages.map { code(for: $0, in: &languageNames, codes: &languageCodeOf) })
        locations.appendRow(entry.locations.map {
            StoredLocation(labelCode: code(for: $0.placeLabel, in: &placeLabels, codes: &placeCodeOf), latitude: $0.latitude, longitude: $0.longitude)
        })
    }

    mutating func finishBuilding() {
        languageCodeOf = [:]
        placeCodeOf = [:]
        text.shrinkToFit()
        textEnds.shrinkToFit()
        feeMaxPence.shrinkToFit()
        topicCodes.shrinkToFit()
        approachCodes.shrinkToFit()
        languageCodes.shrinkToFit()
        locations.shrinkToFit()
    }

    private func code<Code: FixedWidthInteger>(for value: String, in names: inout [String], codes: inout [String: Code]) -> Code {
        if let code = codes[value] { return code }
        let code = Code(names.count)
        names.append(value)
        codes[value] = code
        return code
    }

    func locations(of slot: Int) -> ArraySlice<StoredLocation> {
        locations[slot]
    }

    func summary(slot: Int, id: UUID, listing: SearchCatalogue.Listing, taxonomy: CatalogueTaxonomy) -> PractitionerSummary {
        func textField(_ index: Int) -> String {
            let start = slot * 3 + index == 0 ? 0 : Int(textEnds[slot * 3 + index - 1])
            return text[start..<Int(textEnds[slot * 3 + index])].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        }
        let traits = listing.traits
        return PractitionerSummary(
            id: id, slug: textField(0), kind: listing.kind, name: textField(1), headline: textField(2),
            // Only verified practitioners are in the catalogue.
            isVerified: true,
            topicSlugs: topicCodes[slot].map { taxonomy.topics[Int($0)].slug },
            approaches: approachCodes[slot].map { code in
                let approach = taxonomy.approaches[Int(code)]
                return PractitionerSummary.NamedSlug(slug: approach.slug, name: approach.name)
            },
            formats: [(SearchCatalogue.Traits.inPerson, SessionFormat.inPerson), (.online, .online), (.phone, .phone)]
                .filter { traits.contains($0.0) }.map(\.1),
            feeMinPence: Int(listing.feeMinPence), feeMaxPence: Int(feeMaxPence[slot]),
            concessions: traits.contains(.concessions), freeFirstConversation: traits.contains(.freeFirstConversation),
            languages: languageCodes[slot].map { languageNames[Int($0)] },
            gender: listing.gender,
            clientGroups: ClientGroup.allCases.filter { traits.contains(.worksWith($0)) },
            acceptingNewClients: traits.contains(.acceptingNewClients),
            availabilityConfirmedOn: LondonCalendar.day(fromDayNumber: Int(listing.confirmedDayNumber)),
            locations: locations[slot].map {
                PractitionerSummary.Location(placeLabel: placeLabels[Int($0.labelCode)], latitude: $0.latitude, longitude: $0.longitude)
            })
    }
}

/// Rows of varying length stored end to end in one array (compressed sparse rows).
struct Ragged<Element: Sendable>: Sendable {
    private var ends: [Int32] = []
    private var values: [Element] = []

    mutating func appendRow(_ row: [Element]) {
        values.append(contentsOf: row)
        ends.append(Int32(values.count))
    }

    subscript(row: Int) -> ArraySlice<Element> {
        values[(row == 0 ? 0 : Int(ends[row - 1]))..<Int(ends[row])]
    }

    mutating func shrinkToFit() {
        ends.shrinkToFit()
        values.shrinkToFit()
    }
}

extension Array {
    /// Drops the spare capacity growth left behind. Built once and kept for hours, the catalogue's
    /// arrays would otherwise hold up to twice the memory they use.
    mutating func shrinkToFit() {
        guard capacity > count else { return }
        self = withUnsafeBufferPointer { Array($0) }
    }
}
