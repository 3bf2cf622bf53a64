import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// Free first conversations over HTTP, as people use them: the practitioner sets hours, a person
/// chooses a time on Get in touch, then moves it and cancels it, and both sides are told with
/// calendar invitations at every step.
@Suite("Booking a free first conversation")
struct BookingFlowTests {
    @Test(arguments: TestDatabase.all)
    func aPersonBooksMovesAndCancelsAndBothSidesAreToldEachTime(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            app.clock = { BookingWorld.monday }
            let (sam, samBrowser) = try await EnquiryWorld.practitioner(app, name: "Sam Okafor")
            // A mistake in the hours is pointed out, with everything typed kept.
            _ = try await samBrowser.get(SiteURL.firstConversations.path)
            var fields = BookingWorld.settingsFields()
            fields[fields.firstIndex { $0.0 == "hours[2]" }!] = ("hours[2]", "evenings")
            let mistake = try await samBrowser.post(SiteURL.firstConversations.path, pairs: fields)
            #expect(mistake.status == .unprocessableEntity)
            #expect(mistake.body.string.contains("Please write your Tuesday hours like 18:00-20:00"))
            #expect(mistake.body.string.contains("value=\"evenings\"") && mistake.body.string.contains("href=\"#hours-2\""))
            let saved = try await samBrowser.post(SiteURL.firstConversations.path, pairs: BookingWorld.settingsFields())
            #expect(saved.headers.first(name: .location) == SiteURL.firstConversations.with("done", "saved"))

            // The form offers times by day in UK time: GMT before 28 March, BST after.
            let getInTouch = SiteURL.getInTouch(slug: sam.slug).path
            let person = TestBrowser(app)
            let form = try await person.get(getInTouch).body.string
            #expect(form.contains("name=\"slot\" value=\"2027-03-23T09:00\""))
            #expect(!form.contains("value=\"2027-03-22T"), "less than 15 hours' notice")
            #expect(form.contains("Tuesday 23 March, </span><time datetime=\"2027-03-23T09:00:00Z\" data-local-time>09:00 (UK time, GMT)"))
            #expect(form.contains("Monday 29 March, </span><time datetime=\"2027-03-29T08:00:00Z\" data-local-time>09:00 (UK time, BST)"))

            // Choosing a time (a link from the profile) holds it: nobody else is offered it.
            let held = try await person.get(getInTouch + "?slot=2027-03-23T09:00").body.string
            #expect(held.contains("We&#39;re keeping Tuesday 23 March, 09:00 (UK time, GMT) for you until 10:10") || held.contains("We're keeping Tuesday 23 March, 09:00 (UK time, GMT) for you until 10:10"))
            // Reloading keeps the same hold rather than losing the time to itself.
            let reloaded = try await person.get(getInTouch + "?slot=2027-03-23T09:00").body.string
            #expect(reloaded.contains("value=\"2027-03-23T09:00\" checked") && reloaded.contains("slot-held"))
            #expect(EnquiryWorld.hidden("hold", in: reloaded) == EnquiryWorld.hidden("hold", in: held))
            let someoneElse = try await TestBrowser(app).get(getInTouch).body.string
            #expect(!someoneElse.contains("value=\"2027-03-23T09:00\"") && someoneElse.contains("value=\"2027-03-23T09:20\""))

            // A phone call needs a number: said plainly, the time still held and nothing lost.
            let noPhone = try await person.post(getInTouch, pairs: BookingWorld.bookingFields(from: held, slot: "2027-03-23T09:00", phone: ""))
            #expect(noPhone.status == .unprocessableEntity)
            #expect(noPhone.body.string.contains("Please give a phone number") && noPhone.body.string.contains(EnquiryWorld.canary))
            #expect(noPhone.body.string.contains("value=\"2027-03-23T09:00\" checked"))
            // The form still says "question": choosing a time is enough to make it a booking.
            let booked = try await person.post(getInTouch, pairs: BookingWorld.bookingFields(from: noPhone.body.string, slot: "2027-03-23T09:00"))
            #expect(booked.status == .seeOther)
            let pagePath = try #require(booked.headers.first(name: .location))
            #expect(pagePath.hasPrefix("/first-conversations/") && pagePath.hasSuffix("?done=booked"))

            let booking = try #require(try await Booking.query(on: app.db).filter(\.$status == .confirmed).first())
            let confirmation = try await app.email(to: "robin@example.org", about: "is booked")
            let invite = try #require(BookingWorld.invite(confirmation))
            for line in ["METHOD:REQUEST", "UID:\(booking.id!.uuidString.lowercased())@", "SEQUENCE:0", "DTSTAMP:2027", "ORGANIZER;CN=",
                         "ATTENDEE;CN=\"Robin\"", "DTSTART;TZID=Europe/London:20270323T090000", "BEGIN:VTIMEZONE", "SUMMARY:Free first conversation with Sam Okafor"] {
                #expect(invite.contains(line), "invite lacks \(line)")
            }
            #expect(confirmation?.attachments.first?.contentType == "text/calendar; method=REQUEST; charset=utf-8")
            let samMail = try #require(try await app.email(to: "sam.okafor@practice.example", about: "Free first conversation booked"))
            // The practitioner's calendar may be shared: the person's name is in neither it nor the email.
            #expect(BookingWorld.invite(samMail)?.contains("SUMMARY:Free first conversation (Rapport)") == true)
            #expect(!samMail.body.contains("Robin") && !(BookingWorld.invite(samMail) ?? "").contains("Robin"))
            // Nothing anyone wrote goes in an email or an invitation.
            for mail in try await app.emails(to: "robin@example.org") + app.emails(to: "sam.okafor@practice.example") {
                #expect(!mail.body.contains(EnquiryWorld.canary) && !(mail.attachments.first?.text.contains(EnquiryWorld.canary) ?? false))
            }
            // Booked 23 hours ahead: the day-before reminders are already past, the hour-before ones are due.
            let first = Int(BookingWorld.at("2027-03-23T09:00:00Z").timeIntervalSince1970)
            #expect(try await BookingWorld.reminders(app, for: booking).map(\.sendAfterEpoch) == [first - 3600, first - 3600])

            let page = try await person.get(pagePath).body.string
            #expect(page.contains("Tuesday 23 March, 09:00 (UK time, GMT)") && page.contains("Booked."))
            let token = String(pagePath.dropFirst("/first-conversations/".count).prefix { $0 != "?" })

            // Moving it: an updated invitation (same UID, SEQUENCE 1), and reminders for the new time only.
            let moved = try await person.post(SiteURL.privateBookingAction(token: token, action: "move").path, ["slot": "2027-03-29T10:00"])
            #expect(moved.headers.first(name: .location) == SiteURL.privateBooking(token: token).with("done", "moved"))
            let update = try #require(BookingWorld.invite(try await app.email(to: "robin@example.org", about: "has moved")))
            #expect(update.contains("SEQUENCE:1") && update.contains("DTSTART;TZID=Europe/London:20270329T100000") && update.contains("UID:\(booking.id!.uuidString.lowercased())@"))
            let reminders = try await BookingWorld.reminders(app, for: booking)
            #expect(reminders.count == 4)
            let due = Set(reminders.map(\.sendAfterEpoch))
            let start = Int(BookingWorld.at("2027-03-29T09:00:00Z").timeIntervalSince1970)
            #expect(due == [start - 24 * 3600, start - 3600])

            // Cancelling: METHOD:CANCEL, no reminders left, and the time is free again.
            let cancelled = try await person.post(SiteURL.privateBookingAction(token: token, action: "cancel").path, [:])
            #expect(cancelled.headers.first(name: .location) == SiteURL.privateBooking(token: token).with("done", "cancelled"))
            let cancel = try #require(BookingWorld.invite(try await app.email(to: "robin@example.org", about: "is cancelled")))
            #expect(cancel.contains("METHOD:CANCEL") && cancel.contains("SEQUENCE:2") && cancel.contains("STATUS:CANCELLED"))
            #expect(try await app.email(to: "sam.okafor@practice.example", about: "Free first conversation cancelled") != nil)
            #expect(try await BookingWorld.reminders(app, for: booking).isEmpty)
            #expect(try await TestBrowser(app).get(getInTouch).body.string.contains("value=\"2027-03-29T10:00\""))

            // A cancelled booking's link can't move it; it shows what happened instead.
            let tooLate = try await person.post(SiteURL.privateBookingAction(token: token, action: "move").path, ["slot": "2027-03-31T10:00"])
            #expect(tooLate.headers.first(name: .location) == SiteURL.privateBooking(token: token).with("done", "over"))
            let after = try await person.get(SiteURL.privateBooking(token: token).with("done", "over")).body.string
            #expect(after.contains("can&#39;t be changed any more") || after.contains("can't be changed any more"))
            #expect(after.contains("You cancelled it.") && !after.contains("Move it to another time"))
            #expect(try await Booking.query(on: app.db).filter(\.$status == .confirmed).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aPractitionerWhoConfirmsEachRequestConfirmsThenCancelsWithAReason(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            app.clock = { BookingWorld.monday }
            let (sam, samBrowser) = try await BookingWorld.practitioner(app, approval: "each")
            let person = TestBrowser(app)
            let getInTouch = SiteURL.getInTouch(slug: sam.slug).path
            let form = try await person.get(getInTouch).body.string
            let sent = try await person.post(getInTouch, pairs: BookingWorld.bookingFields(from: form, slot: "2027-03-24T10:00"))
            let pagePath = try #require(sent.headers.first(name: .location))
            #expect(pagePath.hasSuffix("?done=requested"))
            #expect(try await person.get(pagePath).body.string.contains("Waiting for Sam Okafor to confirm it"))
            // No invitation until it's confirmed; the practitioner is asked to confirm.
            #expect(try await app.email(to: "robin@example.org", about: "Your request for a free first conversation")?.attachments.isEmpty == true)
            let ask = try #require(try await app.email(to: "sam.okafor@practice.example", about: "Please confirm"))
            let bookingPath = try #require(link(in: ask, path: "/dashboard/first-conversations/"))
            #expect(try await samBrowser.get(bookingPath).body.string.contains("07700 900123"))
            // Someone else can't open it.
            let (_, stranger) = try await EnquiryWorld.practitioner(app, name: "Another Practitioner")
            #expect(try await stranger.get(bookingPath).status == .notFound)

            let confirmed = try await samBrowser.post(bookingPath + "/confirm", [:])
            #expect(confirmed.headers.first(name: .location) == bookingPath + "?done=confirmed")
            #expect(BookingWorld.invite(try await app.email(to: "robin@example.org", about: "is booked"))?.contains("METHOD:REQUEST") == true)
            // The enquiry in the inbox links to its booking, and the booking back to the enquiry.
            let bookingPage = try await samBrowser.get(bookingPath).body.string
            let enquiryID = try #require(bookingPage.components(separatedBy: "href=\"/dashboard/enquiries/").dropFirst().first?.components(separatedBy: "\"").first)
            #expect(try await samBrowser.get("/dashboard/enquiries/" + enquiryID).body.string.contains("href=\"\(bookingPath)\""))

            // The practitioner moves it: the person gets the updated invitation.
            let moved = try await samBrowser.post(bookingPath + "/move", ["slot": "2027-03-26T09:00"])
            #expect(moved.headers.first(name: .location) == bookingPath + "?done=moved")
            let update = try #require(BookingWorld.invite(try await app.email(to: "robin@example.org", about: "has moved")))
            #expect(update.contains("SEQUENCE:1") && update.contains("DTSTART;TZID=Europe/London:20270326T090000"))
            let taken = try await samBrowser.post(bookingPath + "/move", ["slot": "2027-03-26T09:05"])
            #expect(taken.status == .conflict, "a time that is not on offer is refused with the form")
            // Cancelling needs a reason, which the person reads, with a way to choose again.
            let noReason = try await samBrowser.post(bookingPath + "/cancel", ["reason": "  "])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("Please give a short reason"))
            _ = try await samBrowser.post(bookingPath + "/cancel", ["reason": "I'm away that week, sorry."])
            let page = try await person.get(pagePath).body.string
            #expect(page.contains("Sam Okafor had to cancel it.") && page.contains("away that week"))
            #expect(page.contains("Choose a new time with Sam Okafor"))
            // "Did it happen?" comes only after the start.
            let early = try await samBrowser.post(bookingPath + "/happened", [:])
            #expect(early.headers.first(name: .location) == bookingPath + "?done=over")

            // Another booking, confirmed; once its start has passed the practitioner says it happened.
            let kitBrowser = TestBrowser(app)
            let again = try await kitBrowser.get(getInTouch).body.string
            let kit = try await kitBrowser.post(getInTouch, pairs: BookingWorld.bookingFields(from: again, slot: "2027-03-25T10:00").map { $0.0 == "email" ? ($0.0, "kit@example.org") : $0.0 == "message" ? ($0.0, "A different message from Kit.") : $0 })
            #expect(kit.status == .seeOther)
            let next = try #require(link(in: try await app.email(to: "sam.okafor@practice.example", about: "Thursday 25 March, 10:00"), path: "/dashboard/first-conversations/"))
            _ = try await samBrowser.post(next + "/confirm", [:])
            #expect(try await samBrowser.post(next + "/happened", [:]).status == .unprocessableEntity, "not before it starts")
            app.clock = { BookingWorld.at("2027-03-25T10:20:00Z") }
            #expect(try await samBrowser.get(next).body.string.contains("Did it happen?"))
            #expect(try await samBrowser.post(next + "/no-show", [:]).headers.first(name: .location) == next + "?done=recorded")
            #expect(try await samBrowser.get(next).body.string.contains("Marked as missed."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func twentyPeopleChoosingOneTimeAtOnceGiveExactlyOneBooking(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            app.clock = { BookingWorld.monday }
            let (sam, _) = try await BookingWorld.practitioner(app)
            let getInTouch = SiteURL.getInTouch(slug: sam.slug).path
            // Each person has their own page (and form token) first; then all send at once.
            var people: [(TestBrowser, String)] = []
            for number in 0..<20 {
                let browser = TestBrowser(app, from: "10.0.0.\(number + 1)")
                people.append((browser, try await browser.get(getInTouch).body.string))
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (number, (browser, form)) in people.enumerated() {
                    nonisolated(unsafe) let browser = browser
                    let fields = BookingWorld.bookingFields(from: form, slot: "2027-03-23T09:00").map { $0.0 == "email" ? ($0.0, "person\(number)@example.org") : $0 }
                    group.addTask { try await browser.post(getInTouch, pairs: fields).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 1)
            // Everyone else is shown the form again with the next times, not an error page.
            #expect(statuses.filter { $0 == .conflict }.count == 19, "\(statuses)")
            #expect(try await Booking.query(on: app.db).filter(\.$isActive == true).count() == 1)
            #expect(try await EnquiryRequest.query(on: app.db).count() == 1, "an enquiry whose time was taken is not kept")
        }
    }
}
