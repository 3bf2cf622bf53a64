import Foundation

/// The Get in touch form as the template shows it: what was typed, kept, and every choice.
struct GetInTouchView: Encodable, Sendable {
    struct Recipient: Encodable, Sendable {
        let name: String
        let slug: String
        let profileHref: String
        let takesEnquiries: Bool
    }

    let title: String
    let recipients: [Recipient]
    /// Where the form posts: the practitioner's own page, or the page for several.
    let action: String
    let isOpen: Bool
    let offersFirstConversation: Bool
    let firstConversationMinutes: String?
    let name: String
    let email: String
    let phone: String
    let contactByPhone: Bool
    let topics: [ProfileForm.Choice]
    let formats: [ProfileForm.Choice]
    let message: String
    let maximumMessageLength: Int
    let asksForFirstConversation: Bool
    let times: String
    let consented: Bool
    let idempotencyKey: String
    let privacyHref: String
    var similar: [SimilarPractitioner] = []
    /// Free first conversation times, when the practitioner publishes hours.
    var bookable = false
    var slotDays: [SlotDayView] = []
    var chosenSlot = ""
    var holdKey = ""
    var callHow = ""
    /// "Tuesday 3 March, 18:15 (UK time, GMT)" while a time is held for the person.
    var heldLabel: String?
    var heldUntil: String?

    init(practitioners: [Practitioner], input: EnquiryForm.Input, topics allTopics: [Topic]) {
        recipients = practitioners.map {
            Recipient(name: $0.displayName, slug: $0.slug, profileHref: SiteURL.practitioner(slug: $0.slug).path,
                      takesEnquiries: ListingPolicy.takesEnquiries($0))
        }
        let names = ListFormat.and(practitioners.map(\.displayName))
        title = "Get in touch with \(names)"
        action = practitioners.count == 1 ? SiteURL.getInTouch(slug: practitioners[0].slug).path : SiteURL.getInTouchWithSeveral.path
        isOpen = recipients.allSatisfy(\.takesEnquiries)
        offersFirstConversation = practitioners.allSatisfy(\.freeFirstConversation)
        firstConversationMinutes = practitioners.count == 1 ? practitioners[0].freeFirstConversationMinutes.map(String.init) : nil
        name = input.name ?? ""
        email = input.email ?? ""
        phone = input.phone ?? ""
        contactByPhone = input.contactPreference == EnquiryForm.ContactPreference.phone.rawValue
        // Their topics first, and any the person chose or came with.
        let chosen = Set(input.topics ?? [])
        let offered = Set(practitioners.flatMap { $0.topics.map(\.slug) }).union(chosen)
        self.topics = allTopics.filter { offered.contains($0.slug) }.map { .init(value: $0.slug, label: $0.name, checked: chosen.contains($0.slug)) }
        let formatsOffered = Set(practitioners.flatMap(\.formats))
        formats = SessionFormat.allCases.filter(formatsOffered.contains).map {
            .init(value: $0.rawValue, label: $0.label, checked: input.format == $0.rawValue)
        }
        message = input.message ?? ""
        maximumMessageLength = EnquiryForm.maximumMessageLength
        asksForFirstConversation = input.kind == EnquiryForm.Kind.firstConversation.rawValue
        times = input.times ?? ""
        consented = input.consent == "yes"
        idempotencyKey = input.idempotencyKey.flatMap { $0.isEmpty ? nil : String($0.prefix(64)) } ?? SecretToken.make()
        privacyHref = SiteURL.privacy.path
    }

    func with(similar: [SimilarPractitioner]) -> GetInTouchView {
        var copy = self
        copy.similar = similar
        return copy
    }
}

/// The page after sending: crisis help first when the message suggests it, what happens next
/// and by when, and three others who may help.
struct SentView: Encodable, Sendable {
    let recipients: String
    let leadsWithCrisisHelp: Bool
    let replyWithinDays: Int
    let similar: [SimilarPractitioner]
}

