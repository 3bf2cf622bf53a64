/// `/which-approach/how-it-works`, made from `ApproachRules` itself, so the page always says
/// what the guide really does.
struct GuideRulesView: Encodable, Sendable {
    struct Effect: Encodable, Sendable {
        let approach: String
        let points: String
        let towards: Bool
        let because: String
    }

    struct Answer: Encodable, Sendable {
        let answer: String
        let effects: [Effect]
    }

    struct Question: Encodable, Sendable {
        let title: String
        let answers: [Answer]
    }

    let questions: [Question]
    let pointsToSuggest = ApproachRules.pointsToSuggest
    let mostSuggestions = ApproachRules.mostSuggestions
    let tieOrder: [String]
    let whichApproachHref = SiteURL.whichApproach.path

    init(approachNames: [String: String], rules: [ApproachRule] = ApproachRules.rules) {
        let titles = ["Who it involves", "What you'd like to change", "The past, or now", "Who would come", "Therapy or coaching", "Your own words"]
        var answers: [[(key: String, answer: String)]] = Array(repeating: [], count: titles.count)
        var effects: [String: [Effect]] = [:]
        for rule in rules {
            let (question, answer) = Self.describe(rule.when)
            let key = "\(question)|\(answer)"
            if effects[key] == nil { answers[question].append((key, answer)) }
            let name = approachNames[rule.approach] ?? ApproachGuide.name(of: rule.approach)
            effects[key, default: []].append(Effect(
                approach: name, points: rule.points == 1 || rule.points == -1 ? "1 point" : "\(abs(rule.points)) points",
                towards: rule.points > 0, because: rule.because.prefix(1).uppercased() + rule.because.dropFirst()))
        }
        questions = titles.enumerated().map { index, title in
            Question(title: title, answers: answers[index].map { Answer(answer: $0.answer, effects: effects[$0.key] ?? []) })
        }
        tieOrder = ApproachRules.approaches.map { approachNames[$0.slug] ?? $0.inASentence }
    }

    /// Which question a rule belongs to, and the answer in the words the form uses.
    private static func describe(_ when: ApproachRule.When) -> (Int, String) {
        switch when {
        case .who(let who): (0, "You choose “\(who.label)”")
        case .change(let change): (1, "You tick “\(change.label)”")
        case .focus(let focus): (2, "You choose “\(focus.label)”")
        case .together(let together): (3, "You choose “\(together.label)”")
        case .help(let help): (4, "You choose “\(help.label)”")
        case .words(let meaning, let phrases):
            (5, "What you write mentions \(meaning), with words such as \(ListFormat.or(phrases.prefix(3).map { "“\($0)”" }))")
        }
    }
}
