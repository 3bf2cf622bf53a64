import Fluent
import Foundation
import Testing
import Vapor

@testable import Rapport

/// Reminders 24 hours and 1 hour before, to both sides, through the outbox: right across the
/// clock changes, and never for a time that was moved or cancelled.
@Suite("Free first conversation reminders")
struct BookingReminderTests {
    /// Books `slot` as a person would, with the clock at `now`; returns the booking and its private page.
    static func book(_ app: Application, _ slot: String, now: Date) async throws -> (Booking, String) {
        app.clock = { now }
        let (sam, _) = try await BookingWorld.practitioner(app)
        let person = TestBrowser(app)
        let form = try await person.get(SiteURL.getInTouch(slug: sam.slug).path).body.string
        let sent = try await person.post(SiteURL.getInTouch(slug: sam.slug).path, pairs: BookingWorld.bookingFields(from: form, slot: slot))
        let page = try #require(sent.headers.first(name: .location))
        let token = String(page.dropFirst("/first-conversations/".count).prefix { $0 != "?" })
        return (try #require(try await Booking.query(on: app.db).filter(\.$status == .confirmed).first()), token)
    }

    /// Sends whatever is due at `time`; returns the subjects sent.
    static func sendDue(_ app: Application, at time: Date) async throws -> [String] {
        let transport = MemoryMailTransport()
        try await MailJob(transport: transport, sender: "Rapport <no-reply@example.org>", keys: app.dataKeys).runOnce(on: app.db, logger: app.logger, now: time)
        return await transport.sent.map(\.subject)
    }

    @Test(arguments: TestDatabase.all)
    func onTheDayTheClocksGoForwardTheHourBeforeReminderComesAnHourBefore(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            // Sunday 28 March 2027, 09:00 BST is 08:00 UTC.
            let (booking, _) = try await Self.book(app, "2027-03-28T09:00", now: BookingWorld.at("2027-03-25T12:00:00Z"))
            #expect(booking.start == BookingWorld.at("2027-03-28T08:00:00Z"))
            _ = try await Self.sendDue(app, at: BookingWorld.at("2027-03-25T12:00:00Z"))  // the booking emails go now
            #expect(try await Self.sendDue(app, at: BookingWorld.at("2027-03-27T07:59:59Z")).isEmpty)
            #expect(try await Self.sendDue(app, at: BookingWorld.at("2027-03-27T08:00:00Z")).filter { $0.contains("tomorrow") }.count == 2)
            #expect(try await Self.sendDue(app, at: BookingWorld.at("2027-03-28T06:59:59Z")).isEmpty)
            let hourBefore = try await Self.sendDue(app, at: BookingWorld.at("2027-03-28T07:00:00Z"))
            #expect(hourBefore == ["Reminder: your free first conversation is in an hour", "Reminder: your free first conversation is in an hour"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func onTheDayTheClocksGoBackTheWallClockTimeStaysRight(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            // Sunday 31 October 2027, 09:00 GMT is 09:00 UTC (the day before it was 08:00 UTC).
            let (booking, _) = try await Self.book(app, "2027-10-31T09:00", now: BookingWorld.at("2027-10-28T12:00:00Z"))
            #expect(booking.start == BookingWorld.at("2027-10-31T09:00:00Z"))
            _ = try await Self.sendDue(app, at: BookingWorld.at("2027-10-28T12:00:00Z"))
            _ = try await Self.sendDue(app, at: BookingWorld.at("2027-10-30T09:00:00Z"))
            #expect(try await Self.sendDue(app, at: BookingWorld.at("2027-10-31T07:59:59Z")).isEmpty)
            #expect(try await Self.sendDue(app, at: BookingWorld.at("2027-10-31T08:00:00Z")).count == 2)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aReminderForATimeThatMovedOrWasCancelledIsNeverSent(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (_, token) = try await Self.book(app, "2027-03-24T09:00", now: BookingWorld.monday)
            _ = try await Self.sendDue(app, at: BookingWorld.monday)
            let person = TestBrowser(app)
            _ = try await person.get(SiteURL.privateBooking(token: token).path)
            let moved = try await person.post(SiteURL.privateBookingAction(token: token, action: "move").path, ["slot": "2027-03-25T10:00"])
            #expect(moved.status == .seeOther)
            _ = try await Self.sendDue(app, at: BookingWorld.monday)
            // The old time's reminders were due on the 23rd and the 24th: none comes.
            #expect(try await Self.sendDue(app, at: BookingWorld.at("2027-03-24T08:30:00Z")).isEmpty)
            #expect(try await Self.sendDue(app, at: BookingWorld.at("2027-03-24T10:00:00Z")).count == 2, "the new time's day-before reminders")
            let cancelled = try await person.post(SiteURL.privateBookingAction(token: token, action: "cancel").path, [:])
            #expect(cancelled.status == .seeOther)
            _ = try await Self.sendDue(app, at: BookingWorld.at("2027-03-24T10:00:00Z"))
            #expect(try await Self.sendDue(app, at: BookingWorld.at("2027-03-25T09:30:00Z")).isEmpty, "cancelled: no hour-before reminder")
        }
    }

    @Test(arguments: TestDatabase.all)
    func deletingTheMessageCancelsTheCallAndTakesBackItsReminders(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (booking, token) = try await Self.book(app, "2027-03-24T09:00", now: BookingWorld.monday)
            #expect(try await !BookingWorld.reminders(app, for: booking).isEmpty)
            let person = TestBrowser(app)
            let page = try await person.get(SiteURL.privateBooking(token: token).path).body.string
            let enquiry = try #require(page.components(separatedBy: "href=\"/enquiries/").dropFirst().first?.components(separatedBy: "\"").first)
            _ = try await person.get("/enquiries/" + enquiry)
            #expect(try await person.post("/enquiries/\(enquiry)/delete", [:]).status == .ok)
            #expect(try await BookingWorld.reminders(app, for: booking).isEmpty)
            #expect(try await Booking.query(on: app.db).count() == 0)
            let told = try #require(try await app.email(to: "sam.okafor@practice.example", about: "Free first conversation cancelled"))
            #expect(BookingWorld.invite(told)?.contains("METHOD:CANCEL") == true)
        }
    }

    @Test func anInvitationTravelsAsAMultipartPartThatDecodesBackExactly() throws {
        let ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Free first conversation with Zoë\r\nEND:VCALENDAR\r\n"
        let message = Mailer.Message(
            to: "robin@example.org", subject: "Booked", body: "Hello,\nSee you then.",
            attachments: [.init(filename: "invite.ics", contentType: "text/calendar; method=REQUEST; charset=utf-8", text: ics)])
        let text = EmailFormat.render(message, from: "Rapport <no-reply@example.org>")
        let boundary = try #require(text.components(separatedBy: "boundary=\"").dropFirst().first?.components(separatedBy: "\"").first)
        #expect(text.contains("Content-Type: multipart/mixed; boundary=\"\(boundary)\""))
        let parts = text.components(separatedBy: "--\(boundary)")
        #expect(parts.count == 4 && parts[3].hasPrefix("--"), "text, invitation, closing boundary")
        #expect(parts[2].contains("Content-Type: text/calendar; method=REQUEST; charset=utf-8; name=\"invite.ics\""))
        let encoded = parts[2].components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        #expect(String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self) == ics)
        // Without attachments, exactly the plain message as before.
        #expect(!EmailFormat.render(Mailer.Message(to: "a@b.org", subject: "Hi", body: "Hi"), from: "c@d.org").contains("multipart"))
    }
}
