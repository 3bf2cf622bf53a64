import Fluent
import Vapor

/// The person's side of a free first conversation, reached only through the private link in
/// their emails (no account): see it, add it to a calendar, move it, or cancel it.
struct PrivateBookingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.privateBooking(token: SiteURL.token).pathComponents, use: show)
        routes.get(SiteURL.privateBookingInvite(token: SiteURL.token).pathComponents, use: invite)
        routes.post(SiteURL.privateBookingAction(token: SiteURL.token, action: SiteURL.action).pathComponents, use: change)
    }

    /// `GET /first-conversations/:token`.
    @Sendable
    func show(request: Request) async throws -> Response {
        guard let (token, booking) = try await Self.booking(request) else { return try await linkProblem(request) }
        return try await render(request, token: token, booking, problems: FormProblems())
    }

    /// `GET /first-conversations/:token/invite.ics`: the calendar invitation again.
    @Sendable
    func invite(request: Request) async throws -> Response {
        guard let (_, booking) = try await Self.booking(request), booking.status == .confirmed else { throw Abort(.notFound) }
        let service = request.bookings
        let attachment = try service.invite(booking, try await service.parties(booking, on: request.db), forPractitioner: false, method: .publish)
        let response = Response(status: .ok, body: .init(string: attachment.text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"free-first-conversation.ics\"")
        request.isPersonal = true
        return response
    }

    struct ChangeInput: Content {
        var slot: String?
    }

    /// `POST /first-conversations/:token/move` and `/cancel`.
    @Sendable
    func change(request: Request) async throws -> Response {
        guard let (token, booking) = try await Self.booking(request) else { return try await linkProblem(request) }
        let service = request.bookings
        let page = SiteURL.privateBooking(token: token)
        do {
            switch request.parameters.get("action") {
            case "move":
                guard let slot = try request.content.decode(ChangeInput.self).slot.flatMap(WallClockSlot.init(id:)) else {
                    var problems = FormProblems()
                    problems.add("slot", "Please choose the new time you'd like.")
                    return try await render(request, token: token, booking, problems: problems, status: .unprocessableEntity)
                }
                try await service.move(booking, to: slot)
                return request.redirect(to: page.with("done", "moved"))
            case "cancel":
                try await service.cancel(booking, by: .person, reason: nil)
                return request.redirect(to: page.with("done", "cancelled"))
            default:
                throw Abort(.notFound)
            }
        } catch BookingService.Refusal.timeTaken {
            var problems = FormProblems()
            problems.add("slot", BookingService.timeGone)
            return try await render(request, token: token, booking, problems: problems, status: .conflict)
        } catch is BookingService.Refusal {
            return request.redirect(to: page.with("done", "over"))
        }
    }

    private func render(_ request: Request, token: String, _ booking: Booking, problems: FormProblems, status: HTTPStatus = .ok) async throws -> Response {
        let service = request.bookings
        let practitioner = try await booking.$practitioner.get(on: request.db)
        let parties = try await service.parties(booking, on: request.db)
        let changeable = service.isChangeable(booking)
        var slotDays: [SlotDayView] = []
        if changeable, let settings = try await CallSettings.query(on: request.db).filter(\.$practitioner.$id == practitioner.requireID()).first() {
            slotDays = SlotChoices.days(try await service.offers(for: practitioner, settings: settings, limit: 40, moving: booking), maximumDays: 5)
        }
        let enquiryToken = try await booking.$enquiry.get(on: request.db).asyncFlatMap { copy in
            try await copy.$request.get(on: request.db).sealedToken as String?
        }.map { try request.application.dataKeys.open($0, for: .enquiryToken) }
        let practitionerCancelled = booking.status == .cancelled && booking.cancelledBy == BookingService.Side.practitioner.rawValue
        let wantsSomeoneElse = practitionerCancelled || booking.status == .expired
        let view = BookingPageView(
            forPractitioner: false, title: "Your free first conversation with \(practitioner.displayName)", otherName: practitioner.displayName,
            when: booking.slot.map(LondonWallClock.label) ?? booking.localStart, instant: ISO8601DateFormatter().string(from: booking.start),
            minutes: booking.minutes, how: booking.how == .video ? "Video call" : "Phone call: \(practitioner.displayName) will call you on the number you gave",
            joinLink: parties.joinLink, phone: nil, status: booking.status.rawValue,
            statusText: BookingPageView.statusText(booking, forPractitioner: false, otherName: practitioner.displayName),
            cancelReason: practitionerCancelled ? try service.cancelReason(booking) : nil,
            canChange: changeable, canConfirm: false, canRecordOutcome: false,
            actionBase: SiteURL.privateBooking(token: token).path,
            inviteHref: booking.status == .confirmed ? SiteURL.privateBookingInvite(token: token).path : nil,
            conversationHref: enquiryToken.map { SiteURL.privateEnquiry(token: $0).path },
            newTimeHref: wantsSomeoneElse && ListingPolicy.takesEnquiries(practitioner) ? SiteURL.getInTouch(slug: practitioner.slug).path : nil,
            slotDays: slotDays, reason: "", notice: request.queryValues["done"].flatMap { BookingPageView.notices[$0] },
            similar: wantsSomeoneElse ? try await request.similarPractitioners(to: [practitioner], wantsInPerson: false) : [])
        request.isPersonal = true
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("bookings/booking", title: view.title, page, status: status, exitThisPage: true)
    }

    private func linkProblem(_ request: Request) async throws -> Response {
        request.isPersonal = true
        return try await request.renderPage("enquiries/link-problem", title: "We can't find that message", NoContent(), status: .notFound)
    }

    private static func booking(_ request: Request) async throws -> (String, Booking)? {
        let token = request.parameters.get("token") ?? ""
        guard let booking = try await request.bookings.booking(forToken: token) else { return nil }
        return (token, booking)
    }
}
