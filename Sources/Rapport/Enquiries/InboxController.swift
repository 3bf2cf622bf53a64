import Fluent
import Vapor

/// The practitioner's inbox: enquiries by where they stand, one enquiry with its conversation,
/// replying (with two kind replies to start from), saying they replied by phone or email,
/// closing, and reporting one as abusive. Every opening is written to the access log.
struct InboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.inbox.pathComponents, use: list)
        routes.get(SiteURL.inboxEnquiry(id: SiteURL.id).pathComponents, use: show)
        routes.post(SiteURL.inboxReply(id: SiteURL.id).pathComponents, use: reply)
        routes.post(SiteURL.inboxRepliedElsewhere(id: SiteURL.id).pathComponents, use: repliedElsewhere)
        routes.post(SiteURL.inboxClose(id: SiteURL.id).pathComponents, use: close)
        routes.post(SiteURL.inboxReport(id: SiteURL.id).pathComponents, use: report)
    }

    /// `GET /dashboard/enquiries`: new, awaiting reply, replied and closed.
    @Sendable
    func list(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        let copies = try await Enquiry.query(on: request.db).filter(\.$practitioner.$id == practitioner.requireID())
            .with(\.$request).sort(\.$createdAt, .descending).all()
        let view = InboxView(copies: copies, keys: request.application.dataKeys, record: try await request.enquiries.replyRecord(for: practitioner))
        return try await request.renderPage("enquiries/inbox", title: "Your enquiries", view)
    }

    /// `GET /dashboard/enquiries/:id`: the need first, then the person; opening it is logged.
    @Sendable
    func show(request: Request) async throws -> Response {
        let (account, copy) = try await Self.ownCopy(request)
        if copy.openedAt == nil {
            copy.openedAt = Date()
            try await copy.save(on: request.db)
        }
        try await EnquiryAccess.record(try copy.requireID(), by: account, on: request.db)
        let draft = KindReply(rawValue: request.queryValues["draft"] ?? "")
        return try await render(request, copy, typed: draft.map { $0.text(for: copy.practitioner.displayName) } ?? "", kindReply: draft, problems: FormProblems())
    }

    private func render(
        _ request: Request, _ copy: Enquiry, typed: String, kindReply: KindReply?, problems: FormProblems, status: HTTPStatus = .ok
    ) async throws -> Response {
        let service = request.enquiries
        let id = try copy.requireID().uuidString
        var view = EnquiryPageView(
            copy: copy, opened: try service.open(copy.request), conversation: try await service.conversation(copy),
            topics: try await Topic.query(on: request.db).all(), typed: typed, kindReply: kindReply, id: id)
        view.booking = try await request.bookings.summary(forEnquiry: copy.requireID()).map { .init(label: $0.label, href: $0.href) }
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, notice: Self.notices[request.queryValues["done"] ?? ""], fields: view)
        return try await request.renderPage("enquiries/enquiry", title: "An enquiry", page, status: status)
    }

    static let notices = [
        "replied": "Your reply has been sent. They'll get an email saying you've replied, with a link to read it.",
        "replied-elsewhere": "Marked as replied. Thank you for getting back to them.",
        "closed": "Closed.", "reported": "Thank you. Our team will look at it; until then it stays closed.",
    ]

    struct ReplyInput: Content {
        var message: String?
        var kindReply: String?

        enum CodingKeys: String, CodingKey {
            case message, kindReply = "kind_reply"
        }
    }

    /// `POST /dashboard/enquiries/:id/reply`: the sender is emailed their private link.
    @Sendable
    func reply(request: Request) async throws -> Response {
        let (_, copy) = try await Self.ownCopy(request)
        let input = try request.content.decode(ReplyInput.self)
        let text = (input.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let kindReply = KindReply(rawValue: input.kindReply ?? "")
        var problems = FormProblems()
        if text.isEmpty {
            problems.add("reply", "Please write your reply before sending it.")
        } else if text.count > EnquiryForm.maximumMessageLength {
            problems.add("reply", "Please keep your reply to \(EnquiryForm.maximumMessageLength.formatted()) characters. It has \(text.count.formatted()) now.")
        }
        guard problems.isEmpty else {
            return try await render(request, copy, typed: text, kindReply: kindReply, problems: problems, status: .unprocessableEntity)
        }
        let service = request.enquiries
        let sender = try service.open(copy.request)
        let practitioner = copy.practitioner
        try await request.db.transaction { database in
            if kindReply == .noSpace { copy.declinedAt = Date() }
            try await service.add(text, by: .practitioner, to: copy, request: copy.request, on: database)
            try await Self.liftPause(practitioner, on: database)
            let message = EnquiryReplyMessage(practitionerName: practitioner.displayName, link: try service.privateLink(copy.request))
            try await Mailer.enqueue(message, to: sender.email, app: request.application, on: database)
        }
        return request.redirect(to: SiteURL.inboxEnquiry(id: try copy.requireID().uuidString).with("done", "replied"))
    }

    /// `POST /dashboard/enquiries/:id/replied-elsewhere`: answered by phone or email instead.
    @Sendable
    func repliedElsewhere(request: Request) async throws -> Response {
        let (_, copy) = try await Self.ownCopy(request)
        let now = Date()
        try await request.db.transaction { database in
            copy.repliedAt = now
            copy.firstRepliedAt = copy.firstRepliedAt ?? now
            try await copy.save(on: database)
            try await Self.liftPause(copy.practitioner, on: database)
        }
        return request.redirect(to: SiteURL.inboxEnquiry(id: try copy.requireID().uuidString).with("done", "replied-elsewhere"))
    }

    /// `POST /dashboard/enquiries/:id/close`.
    @Sendable
    func close(request: Request) async throws -> Response {
        let (_, copy) = try await Self.ownCopy(request)
        copy.closedAt = Date()
        try await copy.save(on: request.db)
        return request.redirect(to: SiteURL.inbox.with("done", "closed"))
    }

    struct ReportInput: Content {
        var reason: String?
    }

    /// `POST /dashboard/enquiries/:id/report`: abusive; only now may an admin read it (logged).
    @Sendable
    func report(request: Request) async throws -> Response {
        let (_, copy) = try await Self.ownCopy(request)
        let reason = (try request.content.decode(ReportInput.self).reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (5...2_000).contains(reason.count) else {
            var problems = FormProblems()
            problems.add("report_reason", "Please say in a few words what was abusive about it (up to 2,000 characters), so our team knows what to look for.")
            return try await render(request, copy, typed: "", kindReply: nil, problems: problems, status: .unprocessableEntity)
        }
        copy.reportedAt = Date()
        copy.closedAt = copy.closedAt ?? Date()
        copy.sealedReportReason = try request.application.dataKeys.seal(reason, for: .enquiryReport)
        try await copy.save(on: request.db)
        return request.redirect(to: SiteURL.inboxEnquiry(id: try copy.requireID().uuidString).with("done", "reported"))
    }

    /// A reply ends "not taking enquiries right now".
    static func liftPause(_ practitioner: Practitioner, on database: any Database) async throws {
        guard practitioner.enquiriesPausedAt != nil else { return }
        practitioner.enquiriesPausedAt = nil
        try await practitioner.save(on: database)
    }

    /// The signed-in practitioner's own copy, or 404 for anyone else (never a hint that it exists).
    static func ownCopy(_ request: Request) async throws -> (Account, Enquiry) {
        let account = try request.requireAccount()
        guard let id = request.parameters.get("id", as: UUID.self),
            let copy = try await Enquiry.query(on: request.db).filter(\.$id == id).with(\.$request).with(\.$practitioner).first(),
            copy.practitioner.accountID == account.id
        else { throw Abort(.notFound) }
        return (account, copy)
    }
}

/// The two replies a practitioner can start from, to edit before sending.
enum KindReply: String, Encodable, Sendable {
    case space
    case noSpace = "no-space"

    func text(for practitionerName: String) -> String {
        switch self {
        case .space:
            "Thank you for getting in touch. I have space at the moment, and I'd be glad to talk. Let's arrange a short first conversation: could you tell me a few times that suit you over the next week or two?\n\n\(practitionerName)"
        case .noSpace:
            "Thank you for getting in touch, and I'm sorry: I don't have space right now. Rapport will show you some other practitioners who work with similar things. I hope you find the right person soon.\n\n\(practitionerName)"
        }
    }
}
