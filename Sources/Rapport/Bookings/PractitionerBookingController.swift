import Fluent
import Vapor

/// `/dashboard/first-conversations/:id`: one booking, for its practitioner only. Confirm or
/// decline a request, move or cancel a call (with a reason the person reads), and afterwards say
/// whether it happened.
struct PractitionerBookingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.practitionerBooking(id: SiteURL.id).pathComponents, use: show)
        routes.post(SiteURL.practitionerBookingAction(id: SiteURL.id, action: SiteURL.action).pathComponents, use: change)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let (practitioner, booking) = try await Self.own(request)
        return try await render(request, practitioner, booking, problems: FormProblems())
    }

    struct ChangeInput: Content {
        var slot: String?
        var reason: String?
    }

    @Sendable
    func change(request: Request) async throws -> Response {
        let (practitioner, booking) = try await Self.own(request)
        let service = request.bookings
        let input = try request.content.decode(ChangeInput.self)
        let page = SiteURL.practitionerBooking(id: try booking.requireID().uuidString)
        let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            switch request.parameters.get("action") {
            case "confirm":
                try await service.confirm(booking)
                return request.redirect(to: page.with("done", "confirmed"))
            case "cancel", "decline":
                guard (1...500).contains(reason.count) else {
                    var problems = FormProblems()
                    problems.add("reason", reason.isEmpty
                        ? "Please give a short reason. \(booking.status == .requested ? "They" : "The person") will read it, with an offer of other times or other practitioners."
                        : "Please keep the reason to 500 characters. It has \(reason.count) now.")
                    return try await render(request, practitioner, booking, problems: problems, reason: reason, status: .unprocessableEntity)
                }
                try await service.cancel(booking, by: .practitioner, reason: reason)
                return request.redirect(to: page.with("done", "cancelled"))
            case "move":
                guard let slot = input.slot.flatMap(WallClockSlot.init(id:)) else {
                    var problems = FormProblems()
                    problems.add("slot", "Please choose the new time.")
                    return try await render(request, practitioner, booking, problems: problems, status: .unprocessableEntity)
                }
                try await service.move(booking, to: slot)
                return request.redirect(to: page.with("done", "moved"))
            case "happened", "no-show":
                try await service.record(booking, happened: request.parameters.get("action") == "happened")
                return request.redirect(to: page.with("done", "recorded"))
            default:
                throw Abort(.notFound)
            }
        } catch BookingService.Refusal.timeTaken {
            var problems = FormProblems()
            problems.add("slot", BookingService.timeGone)
            return try await render(request, practitioner, booking, problems: problems, status: .conflict)
        } catch BookingService.Refusal.notYet {
            var problems = FormProblems()
            problems.add("booking-status", "You can say whether it happened once its start time has passed.")
            return try await render(request, practitioner, booking, problems: problems, status: .unprocessableEntity)
        } catch is BookingService.Refusal {
            return request.redirect(to: page.with("done", "over"))
        }
    }

    private func render(
        _ request: Request, _ practitioner: Practitioner, _ booking: Booking, problems: FormProblems, reason: String = "", status: HTTPStatus = .ok
    ) async throws -> Response {
        let service = request.bookings
        let parties = try await service.parties(booking, on: request.db)
        let copy = try await booking.$enquiry.get(on: request.db)
        if let copy, let account = request.account {
            try await request.enquiries.recordOpening(try copy.requireID(), by: account)
        }
        var phone: String?
        if booking.how == .phone, let copy, let sealed = try await copy.$request.get(on: request.db).sealedPhone {
            phone = try service.keys.open(sealed, for: .enquiryPhone)
        }
        let changeable = service.isChangeable(booking)
        var slotDays: [SlotDayView] = []
        if changeable, let settings = try await CallSettingsController.settings(of: practitioner, on: request.db) {
            slotDays = SlotChoices.days(try await service.offers(for: practitioner, settings: settings, limit: 40, moving: booking), maximumDays: 5)
        }
        let view = BookingPageView(
            forPractitioner: true, title: "Free first conversation with \(parties.personName)", otherName: parties.personName,
            when: booking.slot.map(LondonWallClock.label) ?? booking.localStart, instant: ISO8601DateFormatter().string(from: booking.start),
            minutes: booking.minutes, how: booking.how == .video ? "Video call, with your link" : "Phone call: you call them",
            joinLink: parties.joinLink, phone: phone, status: booking.status.rawValue,
            statusText: BookingPageView.statusText(booking, forPractitioner: true, otherName: parties.personName),
            cancelReason: try service.cancelReason(booking), canChange: changeable, canConfirm: booking.status == .requested && changeable,
            canRecordOutcome: (booking.status == .confirmed || booking.status == .happened || booking.status == .noShow) && booking.start <= request.application.now,
            actionBase: SiteURL.practitionerBooking(id: try booking.requireID().uuidString).path, inviteHref: nil,
            conversationHref: copy.map { SiteURL.inboxEnquiry(id: $0.id?.uuidString ?? "").path }, newTimeHref: nil,
            slotDays: slotDays, reason: reason, notice: request.queryValues["done"].flatMap { BookingPageView.notices[$0] }, similar: [])
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("bookings/booking", title: view.title, page, status: status)
    }

    /// The signed-in practitioner's own booking; anyone else's is "not found".
    static func own(_ request: Request) async throws -> (Practitioner, Booking) {
        let practitioner = try await request.requireOwnProfile()
        guard let id = request.parameters.get("id", as: UUID.self), let booking = try await Booking.find(id, on: request.db),
            booking.$practitioner.id == practitioner.id, booking.status != .held
        else { throw Abort(.notFound) }
        return (practitioner, booking)
    }
}
