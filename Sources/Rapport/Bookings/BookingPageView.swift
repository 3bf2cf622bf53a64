import Foundation

/// One booking as either side sees it: when, how, where it stands, and what they can do now.
struct BookingPageView: Encodable, Sendable {
    let forPractitioner: Bool
    let title: String
    let otherName: String
    let when: String
    let instant: String
    let minutes: Int
    let how: String
    let joinLink: String?
    let phone: String?
    let status: String
    let statusText: String
    let cancelReason: String?
    let canChange: Bool
    let canConfirm: Bool
    let canRecordOutcome: Bool
    let actionBase: String
    let inviteHref: String?
    let conversationHref: String?
    let newTimeHref: String?
    let slotDays: [SlotDayView]
    let reason: String
    let notice: String?
    let similar: [SimilarPractitioner]

    static func statusText(_ booking: Booking, forPractitioner: Bool, otherName: String) -> String {
        switch booking.status {
        case .confirmed: forPractitioner ? "Booked. It's in your calendar if you opened the invitation." : "Booked. We'll remind you the day before and an hour before."
        case .requested: forPractitioner ? "Waiting for you to confirm it." : "Waiting for \(otherName) to confirm it. We're keeping the time for you meanwhile."
        case .held: "Being booked."
        case .cancelled:
            switch (booking.cancelledBy, forPractitioner) {
            case ("person", false): "You cancelled it."
            case ("person", true): "\(otherName) cancelled it."
            case (_, true): "You cancelled it."
            default: "\(otherName) had to cancel it."
            }
        case .happened: "It happened."
        case .noShow: forPractitioner ? "Marked as missed." : "It was missed."
        case .expired: forPractitioner ? "It lapsed, because it wasn't confirmed before it was due." : "\(otherName) didn't confirm it in time, so it lapsed."
        }
    }

    /// What a change just did, for the notice at the top.
    static let notices: [String: String] = [
        "booked": "Your free first conversation is booked. We've emailed you the details and a calendar invitation.",
        "requested": "Your request is sent. We've emailed you, and we'll email again when it's confirmed.",
        "moved": "Moved. Everyone has an updated calendar invitation.",
        "cancelled": "Cancelled. Everyone has been told, and the time is free again.",
        "confirmed": "Confirmed. You both have a calendar invitation.",
        "recorded": "Thank you: noted.",
        "over": "This conversation can't be changed any more. Here is what happened to it.",
    ]
}
