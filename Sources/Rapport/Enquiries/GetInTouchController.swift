import Fluent
import Vapor

/// "Get in touch": the enquiry form for one practitioner, or for up to three at once (ticked on
/// a results page or the shortlist), and sending it. No account is needed.
struct GetInTouchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.getInTouch(slug: SiteURL.slug).pathComponents, use: showOne)
        routes.post(SiteURL.getInTouch(slug: SiteURL.slug).pathComponents, use: sendOne)
        routes.get(SiteURL.getInTouchWithSeveral.pathComponents, use: showSeveral)
        routes.post(SiteURL.getInTouchWithSeveral.pathComponents, use: sendSeveral)
    }

    /// `GET /practitioners/:slug/get-in-touch`: the form, with topics and format filled in from
    /// the search the person came from (`?topic=…&format=…`).
    @Sendable
    func showOne(request: Request) async throws -> Response {
        let practitioner = try await Self.listed(slug: request.parameters.get("slug") ?? "", on: request)
        var input = Self.prefill(from: request)
        var problems = FormProblems()
        // A time chosen on the profile: hold it while the form is filled in.
        if let chosen = request.queryValues["slot"].flatMap(WallClockSlot.init(id:)),
            let settings = try await request.bookings.bookable(practitioner)
        {
            input.kind = EnquiryForm.Kind.firstConversation.rawValue
            // A reload, or the same time chosen again, keeps the hold this browser already has.
            let earlier = request.cookies[Self.holdCookie]?.string
            if let earlier, try await request.bookings.held(earlier, of: practitioner)?.localStart == chosen.id {
                (input.slot, input.hold) = (chosen.id, earlier)
            } else if let held = try await holdIfAllowed(request, chosen, of: practitioner, settings: settings, replacing: earlier) {
                (input.slot, input.hold) = (chosen.id, held)
            } else {
                problems.add("slot", BookingService.timeGone)
            }
        }
        let response = try await form(request, to: [practitioner], input: input, problems: problems)
        if let key = input.hold, !key.isEmpty {
            response.cookies[Self.holdCookie] = HTTPCookies.Value(
                string: key, maxAge: BookingService.holdMinutes * 60, path: SiteURL.getInTouch(slug: practitioner.slug).path,
                isSecure: !request.application.settings.isDevelopmentURL, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    /// Remembers this browser's hold for a few minutes, so choosing the same time again keeps it.
    static let holdCookie = "rapport-hold"

    /// Holds a time, unless this address has held many today (then the form still works, unheld).
    private func holdIfAllowed(_ request: Request, _ slot: WallClockSlot, of practitioner: Practitioner, settings: CallSettings, replacing old: String?) async throws -> String? {
        do {
            try await request.countAttempt(.holdsPerAddress, key: request.clientAddress)
        } catch is TooManyAttempts {
            return try await request.bookings.offers(for: practitioner, settings: settings, holdKey: old).contains { $0.slot == slot } ? "" : nil
        }
        return try await request.bookings.hold(slot, of: practitioner, settings: settings, replacing: old)?.key
    }

    /// `GET /get-in-touch?to=…&to=…`: one message to up to three practitioners.
    @Sendable
    func showSeveral(request: Request) async throws -> Response {
        let practitioners = try await Self.recipients(SearchParser.queryValueList(request.url.query, name: "to"), on: request)
        return try await form(request, to: practitioners, input: Self.prefill(from: request), problems: FormProblems())
    }

    /// `POST /practitioners/:slug/get-in-touch`: sends (`intent=send`), or opens the form filled
    /// with a draft from another page.
    @Sendable
    func sendOne(request: Request) async throws -> Response {
        let practitioner = try await Self.listed(slug: request.parameters.get("slug") ?? "", on: request)
        return try await send(request, to: [practitioner])
    }

    /// `POST /get-in-touch`: the same, to every practitioner ticked (`to[]`).
    @Sendable
    func sendSeveral(request: Request) async throws -> Response {
        let slugs = (try? request.content.get([String].self, at: "to")) ?? []
        return try await send(request, to: try await Self.recipients(slugs, on: request))
    }

    private func send(_ request: Request, to practitioners: [Practitioner]) async throws -> Response {
        var input = try request.content.decode(EnquiryForm.Input.self)
        guard input.intent == "send" else {
            input.message = input.message ?? input.draft
            return try await form(request, to: practitioners, input: input, problems: FormProblems())
        }
        // A bot that fills the hidden field is told it worked, and nothing is kept.
        if let trap = input.website, !trap.isEmpty {
            return try await sentPage(request, to: practitioners, hasCrisisWords: false, wantsInPerson: false)
        }
        let closed = practitioners.filter { !ListingPolicy.takesEnquiries($0) }
        let knownTopics = Set(try await Topic.query(on: request.db).all().map(\.slug))
        var problems = FormProblems()
        if !closed.isEmpty {
            problems.add("recipients", "\(ListFormat.and(closed.map(\.displayName))) isn't taking enquiries right now, so we can't send it to them.")
        }
        // One practitioner who publishes hours: choosing a time makes it a booking.
        let settings = practitioners.count == 1 ? try await request.bookings.bookable(practitioners[0]) : nil
        let slot = settings == nil ? nil : input.slot.flatMap(WallClockSlot.init(id:))
        if slot != nil { input.kind = EnquiryForm.Kind.firstConversation.rawValue }
        let checked = EnquiryForm.check(input, knownTopics: knownTopics, offersFirstConversation: practitioners.allSatisfy(\.freeFirstConversation))
        if case .failure(let list) = checked { list.problems.list.forEach { problems.add($0.field, $0.message) } }
        if let settings, slot != nil, settings.how == .phone, (input.phone ?? "").trimmingCharacters(in: .whitespaces).isEmpty,
            problems.message(for: "phone") == nil
        {
            problems.add("phone", "Please give a phone number: the free first conversation is a phone call, and \(practitioners[0].displayName) will ring you on it.")
        }
        if settings != nil, slot == nil, input.kind == EnquiryForm.Kind.firstConversation.rawValue {
            problems.add("slot", "Please choose a time for your free first conversation, or choose to ask a question instead.")
        }
        guard problems.isEmpty, case .success(let enquiry) = checked else {
            // Keep the chosen time for them while they put the rest right.
            if let settings, let slot {
                let holding = try await input.hold.asyncFlatMap { try await request.bookings.held($0, of: practitioners[0]) }
                if holding?.localStart != slot.id {
                    if let held = try await holdIfAllowed(request, slot, of: practitioners[0], settings: settings, replacing: input.hold) {
                        input.hold = held
                    } else {
                        problems.add("slot", BookingService.timeGone)
                        input.slot = nil
                    }
                }
            }
            return try await form(request, to: practitioners, input: input, problems: problems, status: .unprocessableEntity)
        }
        if let settings, let slot {
            return try await book(request, enquiry, slot: slot, input: input, with: practitioners[0], settings: settings)
        }
        try await Self.countSend(request, from: enquiry.email)
        switch try await request.enquiries.send(enquiry, to: practitioners) {
        case .tooManyCopies:
            return try await form(request, to: practitioners, input: input, problems: Self.tooManyCopies, status: .unprocessableEntity)
        case .sent(let sent, _):
            return try await sentPage(request, to: practitioners, hasCrisisWords: sent.hasCrisisWords, wantsInPerson: sent.format == SessionFormat.inPerson.rawValue)
        }
    }

    func form(
        _ request: Request, to practitioners: [Practitioner], input: EnquiryForm.Input, problems: FormProblems, status: HTTPStatus = .ok
    ) async throws -> Response {
        let topics = try await Topic.query(on: request.db).sort(\.$name).all()
        var view = GetInTouchView(practitioners: practitioners, input: input, topics: topics)
        if practitioners.count == 1, view.isOpen, let settings = try await request.bookings.bookable(practitioners[0]) {
            try await view.offerTimes(request, of: practitioners[0], settings: settings, input: input)
        }
        let similar = view.isOpen ? [] : try await request.similarPractitioners(to: practitioners, wantsInPerson: false)
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view.with(similar: similar))
        return try await request.renderPage("enquiries/get-in-touch", title: view.title, page, status: status, exitThisPage: true)
    }

    func sentPage(_ request: Request, to practitioners: [Practitioner], hasCrisisWords: Bool, wantsInPerson: Bool) async throws -> Response {
        let view = SentView(
            recipients: ListFormat.and(practitioners.map(\.displayName)), leadsWithCrisisHelp: hasCrisisWords,
            replyWithinDays: EnquiryService.replyWithinDays,
            similar: try await request.similarPractitioners(to: practitioners, wantsInPerson: wantsInPerson))
        return try await request.renderPage("enquiries/sent", title: "Your message has been sent", view, exitThisPage: true)
    }

    /// What the page was opened with: topics and format from a search, a draft from the guide.
    static func prefill(from request: Request) -> EnquiryForm.Input {
        var input = EnquiryForm.Input()
        input.topics = SearchParser.queryValueList(request.url.query, name: "topic")
        input.format = request.queryValues["format"]
        return input
    }

    /// Counts one send against the limits per address and per sender: a booking counts as
    /// much as a message.
    static func countSend(_ request: Request, from email: String) async throws {
        try await request.countAttempt(.enquiriesPerAddress, key: request.clientAddress)
        try await request.countAttempt(.enquiriesPerSender, key: request.application.dataKeys.lookupHash(email, purpose: EnquiryLookup.senderPurpose))
    }

    /// The problem shown when the same words have gone to as many practitioners as a day allows.
    static var tooManyCopies: FormProblems {
        var problems = FormProblems()
        problems.add("message", "This message has already gone to \(EnquiryService.maximumCopiesOfOneText) practitioners today, which is as many as we send one message to. Please wait for their replies; if you'd like to write to someone else, you can send one message to up to three people at once.")
        return problems
    }

    static func listed(slug: String, on request: Request) async throws -> Practitioner {
        guard let practitioner = try await Practitioner.publicProfile(slug: slug, on: request.db) else { throw Abort(.notFound) }
        return practitioner
    }

    /// Up to three listed practitioners, in the order ticked; none is a 404.
    static func recipients(_ slugs: [String], on request: Request) async throws -> [Practitioner] {
        guard !slugs.isEmpty else {
            throw Abort(.badRequest, reason: "Please tick up to three practitioners first, then choose to write one message to them.")
        }
        var seen = Set<String>()
        let wanted = slugs.filter { seen.insert($0).inserted }.prefix(EnquiryForm.maximumRecipients)
        let found = try await Practitioner.publiclyListed(on: request.db).filter(\.$slug ~~ Array(wanted)).withEverythingShown().all()
        let ordered = wanted.compactMap { slug in found.first { $0.slug == slug } }
        guard !ordered.isEmpty else { throw Abort(.notFound) }
        return ordered
    }
}

extension RateLimit {
    static let enquiriesPerAddress = RateLimit(name: "enquiry-ip", limit: 20, windowSeconds: 3600)
    static let enquiriesPerSender = RateLimit(name: "enquiry-sender", limit: 8, windowSeconds: 3600)
    /// Holding a time from a link: enough for anyone choosing, too few to block a diary.
    static let holdsPerAddress = RateLimit(name: "booking-hold-ip", limit: 12, windowSeconds: 3600)
}
