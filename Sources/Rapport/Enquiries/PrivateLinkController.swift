import Fluent
import Vapor

/// The sender's side, reached only through the private link in their email (no account): their
/// message, each practitioner's replies, writing back, and deleting it all.
struct PrivateLinkController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.privateEnquiry(token: SiteURL.token).pathComponents, use: show)
        routes.post(SiteURL.privateEnquiryReply(token: SiteURL.token, id: SiteURL.id).pathComponents, use: reply)
        routes.post(SiteURL.privateEnquiryDelete(token: SiteURL.token).pathComponents, use: delete)
    }

    /// `GET /enquiries/:token`.
    @Sendable
    func show(request: Request) async throws -> Response {
        guard let (token, enquiry) = try await Self.enquiry(request) else { return try await linkProblem(request) }
        return try await render(request, token: token, enquiry: enquiry, problems: FormProblems(), typed: [:])
    }

    struct ReplyInput: Content {
        var message: String?
    }

    /// `POST /enquiries/:token/:id/reply`: writes back to one practitioner.
    @Sendable
    func reply(request: Request) async throws -> Response {
        guard let (token, enquiry) = try await Self.enquiry(request) else { return try await linkProblem(request) }
        guard let copyID = request.parameters.get("id", as: UUID.self), let copy = enquiry.copies.first(where: { $0.id == copyID }) else {
            throw Abort(.notFound)
        }
        let text = (try request.content.decode(ReplyInput.self).message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems = FormProblems()
        let field = "reply-\(copyID.uuidString)"
        if text.isEmpty {
            problems.add(field, "Please write your message before sending it.")
        } else if text.count > EnquiryForm.maximumMessageLength {
            problems.add(field, "Please keep your message to \(EnquiryForm.maximumMessageLength.formatted()) characters. It has \(text.count.formatted()) now.")
        }
        guard problems.isEmpty else {
            return try await render(request, token: token, enquiry: enquiry, problems: problems, typed: [copyID: text], status: .unprocessableEntity)
        }
        try await request.countAttempt(.enquiryRepliesPerLink, key: enquiry.tokenHash)
        let service = request.enquiries
        let practitioner = try await copy.$practitioner.get(on: request.db)
        try await request.db.transaction { database in
            try await service.add(text, by: .sender, to: copy, request: enquiry, on: database)
            if let accountID = practitioner.accountID, let owner = try await Account.find(accountID, on: database) {
                let message = SenderAnsweredMessage(
                    practitionerName: practitioner.displayName, link: request.publicLink(.inboxEnquiry(id: copyID.uuidString)))
                try await Mailer.enqueue(message, to: owner.email, app: request.application, on: database)
            }
        }
        return request.redirect(to: SiteURL.privateEnquiry(token: token).with("done", "sent"))
    }

    /// `POST /enquiries/:token/delete`: the message, every copy and every reply, at once.
    @Sendable
    func delete(request: Request) async throws -> Response {
        guard let (_, enquiry) = try await Self.enquiry(request) else { return try await linkProblem(request) }
        try await request.bookings.cancelAll(forEnquiries: enquiry.copies.compactMap(\.id))
        try await enquiry.delete(on: request.db)
        request.isPersonal = true
        return try await request.renderPage(
            "enquiries/deleted", title: "Your message has been deleted", NoContent())
    }

    private func render(
        _ request: Request, token: String, enquiry: EnquiryRequest, problems: FormProblems, typed: [UUID: String], status: HTTPStatus = .ok
    ) async throws -> Response {
        let service = request.enquiries
        let opened = try service.open(enquiry)
        var conversations: [PrivateLinkView.Conversation] = []
        for copy in enquiry.copies.sorted(by: { $0.createdAt < $1.createdAt }) {
            let practitioner = try await copy.$practitioner.get(on: request.db)
            let id = try copy.requireID()
            let messages = try await service.conversation(copy)
            // Told by the reply-promise job, a week on with no reply.
            let unanswered = copy.firstRepliedAt == nil && copy.senderToldAt != nil
            let similar = unanswered || copy.declinedAt != nil ? try await request.similarPractitioners(to: [practitioner], wantsInPerson: enquiry.format == SessionFormat.inPerson.rawValue) : []
            conversations.append(.init(
                id: id.uuidString, practitionerName: practitioner.displayName, profileHref: SiteURL.practitioner(slug: practitioner.slug).path,
                messages: messages.map { .init(fromPractitioner: $0.author == .practitioner, text: $0.text, when: LondonCalendar.dateAndTime($0.at)) },
                replyAction: SiteURL.privateEnquiryReply(token: token, id: id.uuidString).path, typed: typed[id] ?? "",
                problem: problems.message(for: "reply-\(id.uuidString)"), similar: similar, noReplyYet: unanswered))
        }
        let view = PrivateLinkView(
            sentOn: LondonCalendar.dateAndTime(enquiry.createdAt), message: opened.message, times: opened.times,
            conversations: conversations, deleteAction: SiteURL.privateEnquiryDelete(token: token).path,
            notice: request.queryValues["done"] == "sent" ? "Your message has been sent." : nil)
        request.isPersonal = true
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("enquiries/private", title: "Your message", page, status: status, exitThisPage: true)
    }

    /// A wrong, changed or expired link: said kindly, with what to do next.
    private func linkProblem(_ request: Request) async throws -> Response {
        request.isPersonal = true
        return try await request.renderPage("enquiries/link-problem", title: "We can't find that message", NoContent(), status: .notFound)
    }

    private static func enquiry(_ request: Request) async throws -> (String, EnquiryRequest)? {
        let token = request.parameters.get("token") ?? ""
        guard let enquiry = try await request.enquiries.request(forToken: token) else { return nil }
        return (token, enquiry)
    }
}

struct PrivateLinkView: Encodable, Sendable {
    struct Message: Encodable, Sendable {
        let fromPractitioner: Bool
        let text: String
        let when: String
    }
    struct Conversation: Encodable, Sendable {
        let id: String
        let practitionerName: String
        let profileHref: String
        let messages: [Message]
        let replyAction: String
        let typed: String
        let problem: String?
        let similar: [SimilarPractitioner]
        let noReplyYet: Bool
    }
    let sentOn: String
    let message: String
    let times: String?
    let conversations: [Conversation]
    let deleteAction: String
    let notice: String?
}

extension RateLimit {
    static let enquiryRepliesPerLink = RateLimit(name: "enquiry-reply", limit: 20, windowSeconds: 3600)
}
