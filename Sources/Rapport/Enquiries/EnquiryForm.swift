import Vapor

/// The Get in touch form: one set of fields, one set of checks, every problem at once and
/// nothing typed ever lost.
struct EnquiryForm {
    static let maximumMessageLength = 5_000
    static let maximumRecipients = 3
    static let maximumTopics = 5

    /// What the browser sends; all optional text, so a bad value becomes a message on the form.
    struct Input: Content {
        var name: String?
        var email: String?
        var phone: String?
        var contactPreference: String?
        var topics: [String]?
        var format: String?
        var message: String?
        var kind: String?
        var times: String?
        var consent: String?
        /// Hidden from people; only a bot that fills every field fills it.
        var website: String?
        var idempotencyKey: String?
        var to: [String]?
        /// `send` sends; anything else (a draft from "Which approach might suit me?") only fills the form.
        var intent: String?
        /// A first message drafted elsewhere on the site, to start from.
        var draft: String?
        /// A free first conversation time chosen from those offered ("2026-03-03T18:15", UK time).
        var slot: String?
        /// The key of the hold on that time while the form is finished.
        var hold: String?

        enum CodingKeys: String, CodingKey {
            case name, email, phone, contactPreference = "contact_preference", topics, format, message, kind, times, consent
            case website, idempotencyKey = "idempotency_key", to, intent, draft, slot, hold
        }
    }

    enum Kind: String, CaseIterable, Sendable {
        case question
        case firstConversation = "first_conversation"
    }

    enum ContactPreference: String, CaseIterable, Sendable {
        case email, phone
    }

    /// A checked enquiry, ready to send.
    struct Checked: Sendable {
        let name: String
        let email: String
        let phone: String?
        let contactPreference: ContactPreference
        let topics: [String]
        let format: SessionFormat?
        let message: String
        let kind: Kind
        let times: String?
        let idempotencyKey: String
    }

    /// Checks every field and returns the enquiry or every problem at once.
    /// `offersFirstConversation`: whether every recipient offers a free first conversation.
    static func check(_ input: Input, knownTopics: Set<String>, offersFirstConversation: Bool) -> Result<Checked, FormProblemList> {
        var problems = FormProblems()
        func text(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let name = text(input.name)
        problems.require((1...80).contains(name.count), "name", "Please tell us what to call you: a first name, or any name you choose (up to 80 characters).")
        let email = EmailAddress.normalised(input.email ?? "")
        problems.require(EmailAddress.isPlausible(email), "email", "Please enter your email address, like name@example.org. Replies come to it.")
        let preference = ContactPreference(rawValue: input.contactPreference ?? "email") ?? .email
        let phone = text(input.phone)
        let phoneDigits = phone.filter(\.isNumber)
        if preference == .phone || !phone.isEmpty {
            let shaped = (10...15).contains(phoneDigits.count) && phone.count <= 24
                && phone.allSatisfy { $0.isNumber || " +()-".contains($0) }
            problems.require(shaped, "phone", preference == .phone
                ? "Please give the phone number they should call, like 07700 900123, or choose email instead."
                : "Please check the phone number, like 07700 900123, or leave it empty.")
        }
        let topics = Array(Set(input.topics ?? []).intersection(knownTopics)).sorted()
        problems.require(topics.count <= maximumTopics, "topics", "Please choose up to \(maximumTopics) things it is about.")
        let formatText = text(input.format)
        let format = SessionFormat(rawValue: formatText)
        problems.require(formatText.isEmpty || format != nil, "format", "Please choose how you would like to meet, or leave it as no preference.")
        let message = text(input.message)
        if message.isEmpty {
            problems.add("message", "Please write a short message: a sentence or two about what is going on is enough.")
        } else if message.count > maximumMessageLength {
            problems.add("message", "Please keep your message to \(maximumMessageLength.formatted()) characters. It has \(message.count.formatted()) now, so it is \((message.count - maximumMessageLength).formatted()) too long.")
        }
        let kind = Kind(rawValue: input.kind ?? "question") ?? .question
        problems.require(kind == .question || offersFirstConversation, "kind-question",
                         "A free first conversation isn't offered here, so please send a question instead.")
        let times = text(input.times)
        problems.require(times.count <= 500, "times", "Please keep the times that suit you to 500 characters.")
        problems.require(input.consent == "yes", "consent",
                         "Please tick the box to say Rapport may keep your message for you and the practitioner. We can't send it without that.")
        let key = text(input.idempotencyKey)
        guard problems.isEmpty else { return .failure(FormProblemList(problems: problems)) }
        return .success(Checked(
            name: name, email: email, phone: phone.isEmpty ? nil : phone, contactPreference: preference, topics: topics,
            format: format, message: message, kind: kind, times: times.isEmpty || kind != .firstConversation ? nil : times,
            idempotencyKey: key.isEmpty ? SecretToken.make() : String(key.prefix(64))))
    }
}
