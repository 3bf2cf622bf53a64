import Fluent
import SQLKit

/// Who the public sees, decided here and nowhere else: a practitioner who is verified, visible
/// (not hidden by themselves nor suspended by an admin), and who has confirmed their
/// availability within 120 days. After 60 days without confirming they are still listed, but
/// ranked lower and told so. The model (`Practitioner.isPubliclyListed`), the database query
/// (`Practitioner.publiclyListed`), the search catalogue's loader and the search itself all ask
/// this type.
enum ListingPolicy {
    /// Confirmed within this many days counts as current in the ranking.
    static let freshAvailabilityDays = 60
    /// Unconfirmed for longer, a profile is hidden until its practitioner confirms again.
    static let hiddenAfterUnconfirmedDays = 120
    /// When the reminder to confirm availability is sent.
    static let reminderAfterDays = 45

    static let listedVerification = VerificationStatus.verified
    static let listedVisibility = Visibility.visible

    /// The part of the rule that does not depend on the day.
    static func hasListedStatus(_ verification: VerificationStatus, _ visibility: Visibility) -> Bool {
        verification == listedVerification && visibility == listedVisibility
    }

    /// The oldest confirmation day (`YYYY-MM-DD`) still listed today.
    static func oldestListedConfirmation(today: String) -> String {
        LondonCalendar.day(today, addingDays: -hiddenAfterUnconfirmedDays)
    }

    /// The same, as a day number, for the in-memory search.
    static func oldestListedConfirmation(todayNumber: Int32) -> Int32 {
        todayNumber - Int32(hiddenAfterUnconfirmedDays)
    }

    /// The oldest confirmation day number that still ranks as current.
    static func oldestFreshConfirmation(todayNumber: Int32) -> Int32 {
        todayNumber - Int32(freshAvailabilityDays)
    }

    static func isListed(_ practitioner: Practitioner, today: String = LondonCalendar.today()) -> Bool {
        hasListedStatus(practitioner.verificationStatus, practitioner.visibility)
            && practitioner.availabilityConfirmedOn >= oldestListedConfirmation(today: today)
    }

    /// Listed, and not marked "not taking enquiries right now" (three enquiries a week without
    /// a reply, until they reply or confirm their availability).
    static func takesEnquiries(_ practitioner: Practitioner, today: String = LondonCalendar.today()) -> Bool {
        isListed(practitioner, today: today) && practitioner.enquiriesPausedAt == nil
    }

    /// How many enquiries left a week without a reply mark a practitioner as not taking any.
    static let unansweredEnquiriesBeforePause = 3

    /// More than 60 days since the practitioner confirmed: still listed, ranked lower.
    static func isStale(confirmedOn: String, today: String) -> Bool {
        (LondonCalendar.daysBetween(confirmedOn, and: today) ?? 0) > freshAvailabilityDays
    }

    /// Narrows a query to the practitioners listed today.
    static func listed(_ query: QueryBuilder<Practitioner>, today: String) -> QueryBuilder<Practitioner> {
        query.filter(\.$verificationStatus == listedVerification).filter(\.$visibility == listedVisibility)
            .filter(\.$availabilityConfirmedOn >= oldestListedConfirmation(today: today))
    }

    /// Narrows a query joined to `Practitioner` (articles) to those whose author is listed
    /// today: a practitioner's writing is public exactly while their profile is.
    static func listedAuthors<Joined: Model>(_ query: QueryBuilder<Joined>, today: String) -> QueryBuilder<Joined> {
        query.filter(Practitioner.self, \.$verificationStatus == listedVerification).filter(Practitioner.self, \.$visibility == listedVisibility)
            .filter(Practitioner.self, \.$availabilityConfirmedOn >= oldestListedConfirmation(today: today))
    }

    /// The status part as SQL, for the catalogue loader (which applies the day rule at search
    /// time, since the day changes while the catalogue lives).
    static var listedStatusSQL: SQLQueryString {
        "verification_status = \(bind: listedVerification.rawValue) AND visibility = \(bind: listedVisibility.rawValue)"
    }
}
