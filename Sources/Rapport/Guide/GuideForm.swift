import Vapor

/// The guide's form as the browser sends it, and its one set of checks. Every problem is
/// reported at once, and whatever was typed or chosen comes back on the page.
struct GuideForm {
    struct Input: Content {
        var happening: String?
        var who: String?
        var changes: [String]?
        var focus: String?
        var together: String?
        var help: String?
        var format: String?
        var place: String?
        var maxFee: String?
        var gender: String?
        var language: String?
        /// The first message as the person changed it on the result page.
        var draft: String?
        /// `edit` shows the questions again with these answers; anything else shows the result.
        var step: String?

        enum CodingKeys: String, CodingKey {
            case happening, who, changes = "change", focus, together, help, format, place, maxFee = "max_fee", gender, language, draft, step
        }
    }

    static let feeRange = 10...500

    struct Checked {
        var answers = GuideAnswers()
        var near: Place?
        var problems = FormProblems()
    }

    /// The answers, the place they named (found in the gazetteer), and any problems.
    static func check(_ input: Input, gazetteer: Gazetteer) -> Checked {
        var checked = Checked()
        var answers = GuideAnswers()
        func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func choose<Choice: RawRepresentable<String>>(_ raw: String?, _ field: String, _ message: String) -> Choice? {
            let value = trimmed(raw)
            guard !value.isEmpty else { return nil }
            guard let choice = Choice(rawValue: value) else {
                checked.problems.add(field, message)
                return nil
            }
            return choice
        }

        answers.happening = trimmed(input.happening)
        if answers.happening.count > GuideAnswers.maximumHappeningLength {
            checked.problems.add("happening", "Please keep this to \(GuideAnswers.maximumHappeningLength) characters or fewer. You have \(answers.happening.count).")
        }
        answers.who = choose(input.who, "who", "Please choose one of the answers about who this involves.")
        if answers.who == nil, checked.problems.message(for: "who") == nil {
            checked.problems.add("who", "Please choose who this is mostly about.")
        }
        let changes = (input.changes ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        answers.changes = GuideAnswers.Change.allCases.filter { changes.contains($0.rawValue) }
        if answers.changes.count != Set(changes).count {
            checked.problems.add("changes", "Please tick only the things listed.")
        } else if answers.changes.isEmpty, answers.happening.isEmpty {
            checked.problems.add("changes", "Please tick at least one thing you'd like to change, or tell us a little about what's been happening.")
        }
        answers.focus = choose(input.focus, "focus", "Please choose one of the answers about the past or now.")
        answers.together = choose(input.together, "together", "Please choose one of the answers about who would come.")
        answers.help = choose(input.help, "help", "Please choose therapy, coaching or not sure.")
        answers.format = choose(input.format, "format", "Please choose one of the ways of meeting listed.")
        answers.gender = choose(input.gender, "gender", "Please choose one of the answers listed.")

        let fee = trimmed(input.maxFee).replacingOccurrences(of: "£", with: "")
        if !fee.isEmpty {
            if let pounds = Int(fee), feeRange.contains(pounds) {
                answers.maxFeePounds = pounds
            } else {
                checked.problems.add("max_fee", "Please give the most you'd pay as a whole number of pounds from \(feeRange.lowerBound) to \(feeRange.upperBound), like 60, or leave it empty.")
            }
        }
        answers.language = trimmed(input.language)
        if answers.language.count > GuideAnswers.maximumLanguageLength || answers.language.contains(where: { !($0.isLetter || $0 == " " || $0 == "-") }) {
            checked.problems.add("language", "Please give a language by its name, like Welsh or Polish.")
        }
        answers.place = trimmed(input.place)
        if !answers.place.isEmpty {
            switch gazetteer.resolve(answers.place) {
            case .found(let place):
                checked.near = place
            case .ambiguous(let candidates):
                let names = ListFormat.or(candidates.prefix(4).map(\.label))
                checked.problems.add("place", "More than one place is called “\(answers.place)”. Please type the one you mean, such as \(names).")
            case .unknown(let suggestions):
                let hint = suggestions.isEmpty ? "Please check the spelling, or try the nearest town." : "Did you mean \(ListFormat.or(suggestions.prefix(3).map(\.label)))?"
                checked.problems.add("place", "We couldn't find a UK place called “\(answers.place)”. \(hint)")
            }
        }
        checked.answers = answers
        return checked
    }
}
