import Fluent
import Foundation

/// A practitioner as one result in a list: what a person needs to decide whether to look closer.
struct PractitionerCard: Sendable {
    let name: String
    let slug: String
    let href: String
    let kindLabel: String
    let isVerified: Bool
    let headline: String
    let approaches: [String]
    let feeRange: String
    let formats: [String]
    let places: [String]
    let isAccepting: Bool
    let availability: String
    /// Availability not confirmed within the last 60 days: ranked lower, and the card says so.
    let isAvailabilityStale: Bool
    /// The first stale card of a best-match list, where the page explains the change.
    var startsStaleGroup = false
    let offersFreeFirstConversation: Bool
    /// "2.4 miles away", when the person searched near a place.
    let distance: String?

    init(_ practitioner: PractitionerSummary, today: String, distanceMiles: Double? = nil) {
        name = practitioner.name
        slug = practitioner.slug
        href = SiteURL.practitioner(slug: practitioner.slug).path
        kindLabel = practitioner.kind.label
        isVerified = practitioner.isVerified
        headline = practitioner.headline
        approaches = practitioner.approaches.prefix(3).map(\.name)
        feeRange = PractitionerWording.feeRange(minPence: practitioner.feeMinPence, maxPence: practitioner.feeMaxPence)
        formats = practitioner.formats.map(\.label)
        places = practitioner.locations.map(\.placeLabel)
        isAccepting = practitioner.acceptingNewClients
        availability = PractitionerWording.availability(
            accepting: practitioner.acceptingNewClients, confirmedOn: practitioner.availabilityConfirmedOn, today: today)
        isAvailabilityStale = ListingPolicy.isStale(confirmedOn: practitioner.availabilityConfirmedOn, today: today)
        offersFreeFirstConversation = practitioner.freeFirstConversation
        distance = distanceMiles.map(PractitionerWording.distance)
    }
}

/// The words used for a practitioner's structured facts, the same on every page.
enum PractitionerWording {
    static func money(pence: Int) -> String {
        pence % 100 == 0 ? "£\(pence / 100)" : String(format: "£%d.%02d", pence / 100, pence % 100)
    }

    static func feeRange(minPence: Int, maxPence: Int) -> String {
        minPence == maxPence ? "\(money(pence: minPence)) a session" : "\(money(pence: minPence)) to \(money(pence: maxPence)) a session"
    }

    static func availability(accepting: Bool, confirmedOn day: String, today: String) -> String {
        guard accepting else { return "Not currently accepting new clients" }
        let days = LondonCalendar.daysBetween(day, and: today) ?? 0
        let when: String =
            switch days {
            case ..<1: "today"
            case 1: "yesterday"
            default: "\(days) days ago"
            }
        if ListingPolicy.isStale(confirmedOn: day, today: today) {
            return "Accepting new clients, but last confirmed \(when)"
        }
        return "Accepting new clients, confirmed \(when)"
    }

    static func distance(_ miles: Double) -> String {
        guard miles >= 0.95 else { return "Under a mile away" }
        let tenths = Int((miles * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) miles away"
    }

    /// "12,345": thousands separated by commas, as in the UK.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return number < 0 ? "-" + grouped : grouped
    }
}

extension PractitionerKind {
    var label: String {
        switch self {
        case .therapist: "Therapist"
        case .coach: "Coach"
        }
    }
}

extension SessionFormat {
    var label: String {
        switch self {
        case .inPerson: "In person"
        case .online: "Online"
        case .phone: "Phone"
        }
    }
}

extension ClientGroup {
    var label: String {
        switch self {
        case .individuals: "Individuals"
        case .couples: "Couples"
        case .families: "Families"
        case .youngPeople: "Young people"
        }
    }
}

extension Gender {
    var label: String {
        switch self {
        case .female: "Woman"
        case .male: "Man"
        case .nonBinary: "Non-binary"
        }
    }
}

extension Practitioner {
    var formats: [SessionFormat] {
        [(offersInPerson, SessionFormat.inPerson), (offersOnline, .online), (offersPhone, .phone)].filter(\.0).map(\.1)
    }

    var clientGroups: [ClientGroup] {
        [
            (worksWithIndividuals, ClientGroup.individuals), (worksWithCouples, .couples),
            (worksWithFamilies, .families), (worksWithYoungPeople, .youngPeople),
        ].filter(\.0).map(\.1)
    }

    /// One verified, visible practitioner with everything a profile shows, or nil.
    static func publicProfile(slug: String, on database: any Database) async throws -> Practitioner? {
        try await publiclyListed(on: database).filter(\.$slug == slug).withEverythingShown().first()
    }

    /// The profile that belongs to an account (at most one).
    static func owned(by accountID: UUID, on database: any Database) -> QueryBuilder<Practitioner> {
        query(on: database).filter(\.$accountID == accountID)
    }

    /// Any practitioner with everything a profile shows, whatever their status: for their own
    /// preview and for admins.
    static func withEverythingShown(id: UUID, on database: any Database) async throws -> Practitioner? {
        try await query(on: database).filter(\.$id == id).withEverythingShown().first()
    }

    /// The only practitioners the public ever sees (`ListingPolicy`).
    static func publiclyListed(on database: any Database, today: String = LondonCalendar.today()) -> QueryBuilder<Practitioner> {
        ListingPolicy.listed(query(on: database), today: today)
    }
}

extension QueryBuilder where Model == Practitioner {
    func withEverythingShown() -> Self {
        with(\.$topics).with(\.$approaches).with(\.$locations).with(\.$languages)
    }
}
