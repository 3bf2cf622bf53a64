import NIOConcurrencyHelpers
import Vapor

/// Get in touch with a practitioner who publishes hours: the free times in the form, and a
/// chosen time booked in the same transaction as the enquiry.
extension GetInTouchController {
    /// Sends the enquiry and books the time together. If someone else got the time first,
    /// nothing is kept and the form comes back, filled in, with the next free times.
    func book(
        _ request: Request, _ enquiry: EnquiryForm.Checked, slot: WallClockSlot, input: EnquiryForm.Input, with practitioner: Practitioner,
        settings: CallSettings
    ) async throws -> Response {
        try await Self.countSend(request, from: enquiry.email)
        let made = NIOLockedValueBox<(token: String, requested: Bool)?>(nil)
        let holdKey = input.hold
        let app = request.application
        let outcome: EnquiryService.Outcome
        do {
            outcome = try await request.enquiries.send(enquiry, to: [practitioner], notify: false) { transaction, copies in
                let bookings = BookingService(app: app, database: transaction)
                let (booking, token) = try await bookings.book(slot, holdKey: holdKey, of: practitioner, settings: settings, for: copies[0], on: transaction)
                try await bookings.announce(booking.status == .confirmed ? .confirmed : .requested, booking, on: transaction)
                made.withLockedValue { $0 = (token, booking.status == .requested) }
            }
        } catch {
            // Someone else got the time first: the database refused the overlap, or it was no
            // longer offered. Anything else is a real failure.
            if !(error is BookingService.Unavailable) {
                guard try await request.bookings.isTaken(slot, of: practitioner, settings: settings, holdKey: holdKey) else { throw error }
            }
            var problems = FormProblems()
            problems.add("slot", BookingService.timeGone)
            var fresh = input
            fresh.slot = nil
            fresh.hold = nil
            return try await form(request, to: [practitioner], input: fresh, problems: problems, status: .conflict)
        }
        switch outcome {
        case .tooManyCopies:
            return try await form(request, to: [practitioner], input: input, problems: Self.tooManyCopies, status: .unprocessableEntity)
        case .sent:
            // The same form sent twice (a double click): the first one made the booking.
            guard let (token, requested) = made.withLockedValue({ $0 }) else {
                return try await sentPage(request, to: [practitioner], hasCrisisWords: false, wantsInPerson: false)
            }
            return request.redirect(to: SiteURL.privateBooking(token: token).with("done", requested ? "requested" : "booked"))
        }
    }
}

extension GetInTouchView {
    /// Fills in the times on offer, and what is held for this person.
    mutating func offerTimes(_ request: Request, of practitioner: Practitioner, settings: CallSettings, input: EnquiryForm.Input) async throws {
        let bookings = request.bookings
        let holdKey = input.hold.flatMap { $0.isEmpty ? nil : $0 }
        let offers = try await bookings.offers(for: practitioner, settings: settings, limit: 80, holdKey: holdKey)
        bookable = true
        chosenSlot = input.slot ?? ""
        slotDays = SlotChoices.days(offers, chosen: input.slot)
        callHow = settings.how == .video ? "by video call" : "by phone"
        if let holdKey, let held = try await bookings.held(holdKey, of: practitioner), let slot = held.slot, held.localStart == input.slot {
            self.holdKey = holdKey
            heldLabel = LondonWallClock.label(slot)
            heldUntil = held.holdExpiresEpoch.map { SlotChoices.clock(Date(timeIntervalSince1970: TimeInterval($0))) }
        }
    }
}
