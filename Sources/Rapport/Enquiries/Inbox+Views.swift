import Foundation

/// The inbox as the template shows it: four sections, newest first in each, and the
/// practitioner's own reply record.
struct InboxView: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let href: String
        let received: String
        let kind: String
        let needsPromptAttention: Bool
        let sentToSeveral: Bool
    }
    struct Section: Encodable, Sendable {
        let id: String
        let title: String
        let empty: String
        let items: [Item]
    }

    let sections: [Section]
    let record: ReplyRecord

    init(copies: [Enquiry], keys: DataKeyRing, record: ReplyRecord) {
        func item(_ copy: Enquiry) -> Item {
            Item(
                href: SiteURL.inboxEnquiry(id: copy.id?.uuidString ?? "").path, received: LondonCalendar.dateAndTime(copy.createdAt),
                kind: copy.request.kind == EnquiryForm.Kind.firstConversation.rawValue ? "Asks for a free first conversation" : "A question",
                needsPromptAttention: copy.request.hasCrisisWords, sentToSeveral: copy.request.copyCount > 1)
        }
        let grouped = Dictionary(grouping: copies, by: \.status)
        sections = [
            Section(id: "new", title: "New", empty: "Nothing new.", items: (grouped[.new] ?? []).map(item)),
            Section(id: "awaiting", title: "Awaiting your reply", empty: "Nobody is waiting for a reply.", items: (grouped[.awaitingReply] ?? []).map(item)),
            Section(id: "replied", title: "Replied", empty: "None yet.", items: (grouped[.replied] ?? []).map(item)),
            Section(id: "closed", title: "Closed", empty: "None.", items: (grouped[.closed] ?? []).map(item)),
        ]
        self.record = record
    }
}

/// One enquiry, need first: what it is about and what they wrote, then who they are.
struct EnquiryPageView: Encodable, Sendable {
    struct Message: Encodable, Sendable {
        let fromPractitioner: Bool
        let text: String
        let when: String
    }

    let received: String
    let needsPromptAttention: Bool
    let copies: Int
    let kind: String
    let topics: [String]
    let format: String?
    let times: String?
    let message: String
    let name: String
    let email: String
    let phone: String?
    let prefersPhone: Bool
    let conversation: [Message]
    let status: String
    let isClosed: Bool
    let isReported: Bool
    let typed: String
    let kindReply: String?
    let replyAction: String
    let repliedElsewhereAction: String
    let closeAction: String
    let reportAction: String
    let spaceDraftHref: String
    let noSpaceDraftHref: String
    let inboxHref: String

    struct BookedCall: Encodable, Sendable {
        let label: String
        let href: String
    }
    /// The free first conversation booked with it, if any.
    var booking: BookedCall?

    init(copy: Enquiry, opened: EnquiryService.Opened, conversation: [(author: EnquiryMessage.Author, text: String, at: Date)],
         topics allTopics: [Topic], typed: String, kindReply: KindReply?, id: String) {
        received = LondonCalendar.dateAndTime(copy.createdAt)
        needsPromptAttention = copy.request.hasCrisisWords
        copies = copy.request.copyCount
        kind = copy.request.kind == EnquiryForm.Kind.firstConversation.rawValue ? "A free first conversation" : "A question"
        let names = Dictionary(allTopics.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
        topics = opened.topics.compactMap { names[$0] }
        format = copy.request.format.flatMap(SessionFormat.init(rawValue:))?.label
        times = opened.times
        message = opened.message
        name = opened.name
        email = opened.email
        phone = opened.phone
        prefersPhone = copy.request.contactPreference == EnquiryForm.ContactPreference.phone.rawValue
        self.conversation = conversation.map { .init(fromPractitioner: $0.author == .practitioner, text: $0.text, when: LondonCalendar.dateAndTime($0.at)) }
        status = switch copy.status {
        case .new, .awaitingReply: "Awaiting your reply"
        case .replied: "Replied"
        case .closed: "Closed"
        }
        isClosed = copy.closedAt != nil
        isReported = copy.reportedAt != nil
        self.typed = typed
        self.kindReply = kindReply?.rawValue
        replyAction = SiteURL.inboxReply(id: id).path
        repliedElsewhereAction = SiteURL.inboxRepliedElsewhere(id: id).path
        closeAction = SiteURL.inboxClose(id: id).path
        reportAction = SiteURL.inboxReport(id: id).path
        spaceDraftHref = SiteURL.inboxEnquiry(id: id).with("draft", KindReply.space.rawValue) + "#reply"
        noSpaceDraftHref = SiteURL.inboxEnquiry(id: id).with("draft", KindReply.noSpace.rawValue) + "#reply"
        inboxHref = SiteURL.inbox.path
    }
}
