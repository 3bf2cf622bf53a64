import Foundation

/// What the guide's pages show. Controllers fetch, these shape, templates only display.
struct GuideOption: Encodable, Sendable {
    let value: String
    let label: String
    let checked: Bool
}

/// A form field carried, hidden, from one page to the next (to change the answers or save
/// them), so nothing has to go in a URL or be kept on the server.
struct HiddenField: Encodable, Sendable {
    let name: String
    let value: String
}

/// The questions, blank or with what was chosen.
struct GuideQuestionsView: Encodable, Sendable {
    let happening: String
    let maximumHappeningLength = GuideAnswers.maximumHappeningLength
    let who: [GuideOption]
    let changes: [GuideOption]
    let focus: [GuideOption]
    let together: [GuideOption]
    let help: [GuideOption]
    let formats: [GuideOption]
    let genders: [GuideOption]
    let place: String
    let maxFee: String
    let language: String
    let action = SiteURL.whichApproach.path
    let howItWorksHref = SiteURL.whichApproachRules.path

    init(_ input: GuideForm.Input) {
        func options<Choice: RawRepresentable<String>>(_ all: [Choice], _ label: (Choice) -> String, chosen: [String]) -> [GuideOption] {
            all.map { GuideOption(value: $0.rawValue, label: label($0), checked: chosen.contains($0.rawValue)) }
        }
        func one(_ value: String?) -> [String] { value.map { [$0] } ?? [] }
        happening = input.happening ?? ""
        who = options(GuideAnswers.Who.allCases, { $0.label }, chosen: one(input.who))
        changes = options(GuideAnswers.Change.allCases, { $0.label }, chosen: input.changes ?? [])
        focus = options(GuideAnswers.Focus.allCases, { $0.label }, chosen: one(input.focus))
        together = options(GuideAnswers.Together.allCases, { $0.label }, chosen: one(input.together))
        help = options(GuideAnswers.Help.allCases, { $0.label }, chosen: one(input.help))
        formats = [GuideOption(value: "", label: "No preference", checked: (input.format ?? "").isEmpty)]
            + options(SessionFormat.allCases, { $0.label }, chosen: one(input.format))
        genders = [GuideOption(value: "", label: "No preference", checked: (input.gender ?? "").isEmpty)]
            + options(Gender.allCases, { $0.label }, chosen: one(input.gender))
        place = input.place ?? ""
        maxFee = input.maxFee ?? ""
        language = input.language ?? ""
    }
}

/// The answer: crisis help first when it is needed, then each suggested approach with its
/// reasons and practitioners, and a first message to start from.
struct GuideResultView: Encodable, Sendable {
    struct Practitioner: Encodable, Sendable {
        let name: String
        let headline: String
        let feeRange: String
        let offersFreeFirstConversation: Bool
        let href: String
        let getInTouchAction: String
        let formID: String
    }

    struct Suggestion: Encodable, Sendable {
        let name: String
        let summary: String
        let href: String
        let reasons: [String]
        let practitioners: [Practitioner]
        let moreHref: String
    }

    let leadsWithCrisisHelp: Bool
    let suggestions: [Suggestion]
    let draft: String
    /// For each Get in touch form: the topic and format to tick there.
    let topicSlug: String?
    let format: String?
    let maximumDraftLength = EnquiryForm.maximumMessageLength
    let answers: [HiddenField]
    let editAction = SiteURL.whichApproach.path
    let howItWorksHref = SiteURL.whichApproachRules.path
    let approachesHref = SiteURL.approaches.path
    let canSave: Bool
    let saveAction = SiteURL.saveGuide.path
    /// On a saved copy: when it was saved, and how to delete it.
    let savedOn: String?
    let deleteAction: String?
    let savedHref = SiteURL.savedGuides.path
}

extension GuideAnswers {
    /// The answers as the form's own fields, to carry them to the next page.
    var hiddenFields: [HiddenField] {
        var fields: [HiddenField] = []
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { fields.append(HiddenField(name: name, value: value)) }
        }
        add("happening", happening)
        add("who", who?.rawValue)
        changes.forEach { add("change[]", $0.rawValue) }
        add("focus", focus?.rawValue)
        add("together", together?.rawValue)
        add("help", help?.rawValue)
        add("format", format?.rawValue)
        add("place", place)
        add("max_fee", maxFeePounds.map(String.init))
        add("gender", gender?.rawValue)
        add("language", language)
        return fields
    }

    /// The same answers as the form would send them, to show the questions again.
    var asInput: GuideForm.Input {
        GuideForm.Input(
            happening: happening, who: who?.rawValue, changes: changes.map(\.rawValue), focus: focus?.rawValue,
            together: together?.rawValue, help: help?.rawValue, format: format?.rawValue, place: place,
            maxFee: maxFeePounds.map(String.init), gender: gender?.rawValue, language: language, draft: nil, step: nil)
    }
}
