import Fluent
import Vapor

/// `/dashboard/first-conversations`: the practitioner sets up free first conversations (length,
/// how, weekly hours, limits, time off, approval) and sees what is booked.
struct CallSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.firstConversations.pathComponents, use: show)
        routes.post(SiteURL.firstConversations.pathComponents, use: save)
    }

    @Sendable
    func show(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        let settings = try await Self.settings(of: practitioner, on: request.db)
        let notice = request.queryValues["done"] == "saved" ? "Saved. People see your new times straight away." : nil
        return try await render(request, practitioner, input: .init(practitioner, settings), problems: FormProblems(), notice: notice)
    }

    @Sendable
    func save(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        let input = try request.content.decode(CallSettingsForm.Input.self)
        switch CallSettingsForm.check(input) {
        case .failure(let list):
            return try await render(request, practitioner, input: input, problems: list.problems, status: .unprocessableEntity)
        case .success(let checked):
            let settings = try await Self.settings(of: practitioner, on: request.db) ?? CallSettings()
            settings.$practitioner.id = try practitioner.requireID()
            settings.how = checked.how
            settings.videoLink = checked.videoLink
            settings.weeklyHours = CallSettings.storedHours(checked.hours)
            settings.noticeHours = checked.noticeHours
            settings.daysAhead = checked.daysAhead
            settings.bufferMinutes = checked.bufferMinutes
            settings.maximumPerDay = checked.maximumPerDay
            settings.maximumPerWeek = checked.maximumPerWeek
            settings.timeOff = CallSettings.storedTimeOff(checked.daysOff)
            settings.confirmsEach = checked.confirmsEach
            settings.updatedAt = request.application.now
            try await request.db.transaction { transaction in
                try await settings.save(on: transaction)
                // Whether and how long: the same two columns the profile form sets.
                practitioner.freeFirstConversation = checked.minutes != nil
                practitioner.freeFirstConversationMinutes = checked.minutes
                try await practitioner.save(on: transaction)
            }
            return request.redirect(to: SiteURL.firstConversations.with("done", "saved"))
        }
    }

    static func settings(of practitioner: Practitioner, on database: any Database) async throws -> CallSettings? {
        try await CallSettings.query(on: database).filter(\.$practitioner.$id == practitioner.requireID()).first()
    }

    struct View: Encodable, Sendable {
        let offers: Bool
        let lengths: [ProfileForm.Choice]
        let how: [ProfileForm.Choice]
        let videoLink: String
        let weekdays: [Weekday]
        let noticeHours: String
        let daysAhead: String
        let bufferMinutes: String
        let maximumPerDay: String
        let maximumPerWeek: String
        let timeOff: String
        let confirmsEach: Bool
        let upcoming: [Row]
        let past: [Row]
    }

    struct Weekday: Encodable, Sendable {
        let number: Int
        let name: String
        let value: String
        let problem: String?
    }

    struct Row: Encodable, Sendable {
        let when: String
        let status: String
        let statusLabel: String
        let href: String
    }

    private func render(
        _ request: Request, _ practitioner: Practitioner, input: CallSettingsForm.Input, problems: FormProblems, notice: String? = nil, status: HTTPStatus = .ok
    ) async throws -> Response {
        let bookings = try await Booking.query(on: request.db).filter(\.$practitioner.$id == practitioner.requireID())
            .filter(\.$status != .held).sort(\.$blockedFromEpoch).all()
        let now = request.application.now
        func row(_ booking: Booking) -> Row {
            let labels: [Booking.Status: String] = [
                .requested: "Please confirm", .confirmed: "Booked", .cancelled: "Cancelled", .happened: "Happened", .noShow: "Missed", .expired: "Lapsed",
            ]
            return Row(
                when: booking.slot.map(LondonWallClock.label) ?? booking.localStart, status: booking.status.rawValue,
                statusLabel: labels[booking.status] ?? "", href: SiteURL.practitionerBooking(id: booking.id?.uuidString ?? "").path)
        }
        let view = View(
            offers: input.offers == "yes",
            lengths: BookingService.lengths.map { .init(value: String($0), label: "\($0) minutes", checked: input.minutes == String($0)) },
            how: [
                .init(value: "phone", label: "By phone: you call them", checked: input.how != "video"),
                .init(value: "video", label: "By video, with your own link", checked: input.how == "video"),
            ],
            videoLink: input.videoLink ?? "",
            weekdays: (1...7).map { .init(number: $0, name: LondonWallClock.weekdayNames[$0 - 1], value: input.hours?[String($0)] ?? "", problem: problems.message(for: "hours-\($0)")) },
            noticeHours: input.noticeHours ?? "", daysAhead: input.daysAhead ?? "", bufferMinutes: input.bufferMinutes ?? "",
            maximumPerDay: input.maximumPerDay ?? "", maximumPerWeek: input.maximumPerWeek ?? "", timeOff: input.timeOff ?? "",
            confirmsEach: input.approval == "each",
            upcoming: bookings.filter { $0.end > now && $0.isActive }.map(row),
            past: bookings.filter { !($0.end > now && $0.isActive) }.suffix(20).reversed().map(row))
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, notice: notice, fields: view)
        return try await request.renderPage("bookings/settings", title: "Free first conversations", page, status: status)
    }
}
