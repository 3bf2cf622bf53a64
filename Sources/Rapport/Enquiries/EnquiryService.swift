import Fluent
import SQLKit
import Vapor

/// Sending an enquiry and reading one back: the feature's public service type, used by its own
/// pages and by others (the dashboard's figures, the guide's drafts).
struct EnquiryService {
    /// Rapport asks practitioners to reply within this many days.
    static let replyWithinDays = 7
    /// The same words may go to at most this many practitioners in a day.
    static let maximumCopiesOfOneText = 3

    let app: Application
    let database: any Database

    var keys: DataKeyRing { app.dataKeys }

    /// What happened to a send.
    enum Outcome {
        /// Sent now, or earlier from the same form (a double click, the back button).
        case sent(EnquiryRequest, token: String?)
        /// The same text has already gone to as many practitioners as one day allows.
        case tooManyCopies
    }

    /// Commits the enquiry, one copy per practitioner, and both kinds of email to the outbox, in
    /// one transaction: when this returns, nothing can lose it.
    /// `notify: false` sends none of the usual emails: for demo data, whose senders are fictional,
    /// and for a booking, whose own emails say it all. `alongside` runs in the same transaction
    /// with the copies made (a booking is made there, so both are kept or neither).
    func send(
        _ checked: EnquiryForm.Checked, to practitioners: [Practitioner], now: Date = Date(), notify: Bool = true,
        alongside: (@Sendable (any Database, [Enquiry]) async throws -> Void)? = nil
    ) async throws -> Outcome {
        if let earlier = try await EnquiryRequest.query(on: database).filter(\.$idempotencyKey == checked.idempotencyKey).first() {
            return .sent(earlier, token: nil)
        }
        let fingerprint = keys.lookupHash(CrisisPhrases.words(in: checked.message).joined(separator: " "), purpose: EnquiryLookup.messagePurpose)
        let sentToday = try await EnquiryRequest.query(on: database).filter(\.$messageFingerprint == fingerprint)
            .filter(\.$createdAt > now.addingTimeInterval(-24 * 3600)).all().reduce(0) { $0 + $1.copyCount }
        guard sentToday + practitioners.count <= Self.maximumCopiesOfOneText else { return .tooManyCopies }

        let token = SecretToken.make()
        let request = EnquiryRequest()
        request.tokenHash = SecretToken.hash(token)
        request.sealedToken = try keys.seal(token, for: .enquiryToken)
        request.sealedName = try keys.seal(checked.name, for: .enquiryName)
        request.sealedEmail = try keys.seal(checked.email, for: .enquiryEmail)
        request.sealedPhone = try checked.phone.map { try keys.seal($0, for: .enquiryPhone) }
        request.emailLookup = keys.lookupHash(checked.email, purpose: EnquiryLookup.senderPurpose)
        request.contactPreference = checked.contactPreference.rawValue
        request.sealedMessage = try keys.seal(checked.message, for: .enquiryMessage)
        request.sealedTopics = try keys.seal(checked.topics.joined(separator: ","), for: .enquiryTopics)
        request.format = checked.format?.rawValue
        request.kind = checked.kind.rawValue
        request.sealedTimes = try checked.times.map { try keys.seal($0, for: .enquiryTimes) }
        request.hasCrisisWords = CrisisPhrases.appear(in: checked.message) || CrisisPhrases.appear(in: checked.times ?? "")
        request.messageFingerprint = fingerprint
        request.copyCount = practitioners.count
        request.consentAt = now
        request.privacyNoticeVersion = PrivacyNotice.version
        request.idempotencyKey = checked.idempotencyKey
        request.createdAt = now
        request.lastActivityAt = now
        do {
            try await database.transaction { transaction in
                try await request.create(on: transaction)
                var copies: [Enquiry] = []
                for practitioner in practitioners {
                    let copy = Enquiry()
                    copy.$request.id = try request.requireID()
                    copy.$practitioner.id = try practitioner.requireID()
                    copy.createdAt = now
                    copy.senderWroteAt = now
                    copy.remindersSent = 0
                    try await copy.create(on: transaction)
                    if notify { try await notifyPractitioner(practitioner, of: copy, on: transaction) }
                    copies.append(copy)
                }
                try await alongside?(transaction, copies)
                guard notify else { return }
                let names = ListFormat.and(practitioners.map(\.displayName))
                let confirmation = EnquirySentMessage(
                    recipients: names, link: app.publicLink(.privateEnquiry(token: token)), replyWithinDays: Self.replyWithinDays)
                try await Mailer.enqueue(confirmation, to: checked.email, app: app, on: transaction)
            }
        } catch {
            // Two posts of one form at the same moment: the unique key let one in.
            if let earlier = try await EnquiryRequest.query(on: database).filter(\.$idempotencyKey == checked.idempotencyKey).first() {
                return .sent(earlier, token: nil)
            }
            throw error
        }
        return .sent(request, token: token)
    }

    /// "You have a new enquiry", with a link and nothing of what was written.
    private func notifyPractitioner(_ practitioner: Practitioner, of copy: Enquiry, on database: any Database) async throws {
        guard let accountID = practitioner.accountID, let owner = try await Account.find(accountID, on: database) else { return }
        let message = NewEnquiryMessage(
            practitionerName: practitioner.displayName, link: app.publicLink(.inboxEnquiry(id: try copy.requireID().uuidString)))
        try await Mailer.enqueue(message, to: owner.email, app: app, on: database)
    }

    /// The enquiry a private link opens, or nil for a link that is wrong, tampered with or gone.
    func request(forToken token: String) async throws -> EnquiryRequest? {
        guard !token.isEmpty, token.count <= 64 else { return nil }
        return try await EnquiryRequest.query(on: database).filter(\.$tokenHash == SecretToken.hash(token)).with(\.$copies).first()
    }

    /// The sender's private link, for an email that tells them of a reply.
    func privateLink(_ request: EnquiryRequest) throws -> String {
        app.publicLink(.privateEnquiry(token: try keys.open(request.sealedToken, for: .enquiryToken)))
    }

    /// Logs that `account` saw an enquiry's details (its sender's name or phone number), as
    /// opening it in the inbox does: the booking page shows them too.
    func recordOpening(_ copyID: UUID, by account: Account) async throws {
        try await EnquiryAccess.record(copyID, by: account, on: database)
    }

    /// The sender's own words and details, opened.
    struct Opened: Sendable {
        let name: String
        let email: String
        let phone: String?
        let message: String
        let topics: [String]
        let times: String?
    }

    func open(_ request: EnquiryRequest) throws -> Opened {
        Opened(
            name: try keys.open(request.sealedName, for: .enquiryName), email: try keys.open(request.sealedEmail, for: .enquiryEmail),
            phone: try request.sealedPhone.map { try keys.open($0, for: .enquiryPhone) },
            message: try keys.open(request.sealedMessage, for: .enquiryMessage),
            topics: try keys.open(request.sealedTopics, for: .enquiryTopics).split(separator: ",").map(String.init),
            times: try request.sealedTimes.map { try keys.open($0, for: .enquiryTimes) })
    }

    /// One copy's conversation after the first message, oldest first, opened.
    func conversation(_ copy: Enquiry) async throws -> [(author: EnquiryMessage.Author, text: String, at: Date)] {
        try await EnquiryMessage.query(on: database).filter(\.$enquiry.$id == copy.requireID()).sort(\.$createdAt).all().map {
            ($0.author, try keys.open($0.sealedBody, for: .enquiryReply), $0.createdAt)
        }
    }

    /// Adds a message to one copy's conversation and moves its times on, in the caller's transaction.
    func add(_ text: String, by author: EnquiryMessage.Author, to copy: Enquiry, request: EnquiryRequest, on database: any Database, now: Date = Date()) async throws {
        let message = EnquiryMessage()
        message.$enquiry.id = try copy.requireID()
        message.author = author
        message.sealedBody = try keys.seal(text, for: .enquiryReply)
        message.createdAt = now
        try await message.create(on: database)
        switch author {
        case .practitioner:
            copy.repliedAt = now
            copy.firstRepliedAt = copy.firstRepliedAt ?? now
        case .sender:
            copy.senderWroteAt = now
        }
        try await copy.save(on: database)
        request.lastActivityAt = now
        try await request.save(on: database)
    }
}

/// The purposes of the keyed hashes enquiries are found by.
enum EnquiryLookup {
    static let senderPurpose = "enquiry-sender"
    static let messagePurpose = "enquiry-message"
}

/// The version of the privacy page a person agreed to, stored with their consent.
enum PrivacyNotice {
    static let version = "2026-12-01"
}

extension Request {
    var enquiries: EnquiryService { EnquiryService(app: application, database: db) }
}
