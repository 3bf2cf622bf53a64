import Fluent
import Foundation
import Vapor

@testable import Rapport

/// A practitioner who offers free first conversations, set up through their own settings form,
/// and a clock the tests choose.
enum BookingWorld {
    static func at(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    /// Monday 22 March 2027, 10:00 UTC: the week before the clocks go forward on the 28th.
    static let monday = at("2027-03-22T10:00:00Z")

    static func settingsFields(hours: String = "09:00-11:00", approval: String = "instant", how: String = "phone", videoLink: String = "") -> [(String, String)] {
        var pairs: [(String, String)] = [
            ("offers", "yes"), ("minutes", "15"), ("how", how), ("video_link", videoLink), ("notice_hours", "15"), ("days_ahead", "24"),
            ("buffer_minutes", "5"), ("maximum_per_day", ""), ("maximum_per_week", ""), ("time_off", ""), ("approval", approval),
        ]
        for weekday in 1...7 { pairs.append(("hours[\(weekday)]", hours)) }
        return pairs
    }

    /// Sam, who offers 15-minute phone calls 09:00-11:00 every day, signed in.
    static func practitioner(_ app: Application, name: String = "Sam Okafor", approval: String = "instant") async throws -> (Practitioner, TestBrowser) {
        let (practitioner, browser) = try await EnquiryWorld.practitioner(app, name: name)
        _ = try await browser.get(SiteURL.firstConversations.path)
        let saved = try await browser.post(SiteURL.firstConversations.path, pairs: settingsFields(approval: approval))
        precondition(saved.status == .seeOther, "settings not saved: \(saved.status)")
        return (practitioner, browser)
    }

    /// A person's complete form for a time, as their browser would send it.
    static func bookingFields(from page: String, slot: String, phone: String = "07700 900123") -> [(String, String)] {
        EnquiryWorld.fields(from: page) + [("slot", slot), ("hold", EnquiryWorld.hidden("hold", in: page) ?? ""), ("phone", phone)]
    }

    /// The calendar invitation attached to an email.
    static func invite(_ mail: Mailer.Message?) -> String? {
        mail?.attachments.first { $0.contentType.hasPrefix("text/calendar") }?.text
    }

    static func reminders(_ app: Application, for booking: Booking) async throws -> [OutgoingMail] {
        try await OutgoingMail.query(on: app.db).filter(\.$reference == "booking-reminder:\(try booking.requireID().uuidString.lowercased())").all()
    }
}
