/// A first message drafted from the guide's answers, for the person to change as they like
/// before it goes anywhere. It is made on the page and never kept.
enum GuideDraft {
    static func write(from answers: GuideAnswers, suggesting approaches: [String]) -> String {
        var paragraphs = ["Hello,"]
        var opening = "I'm looking for some help with \(answers.who?.inADraft ?? "a relationship that matters to me")."
        if !answers.happening.isEmpty { opening += " " + answers.happening }
        paragraphs.append(opening)
        let changes = answers.changes.compactMap(\.inADraft)
        if !changes.isEmpty {
            paragraphs.append("What I'd most like to change: \(changes.joined(separator: "; ")).")
        }
        var practical: [String] = []
        switch answers.together {
        case .justMe: practical.append("I'd like to work on this on my own.")
        case .bothOfUs: practical.append("The other person would like to come too.")
        case .notSure, nil: break
        }
        let names = approaches.map(ApproachGuide.name(of:))
        if !names.isEmpty {
            let which = names.count == 1 ? "it" : names.count == 2 ? "either" : "any of them"
            practical.append("I've been reading about \(ListFormat.and(names)), and I'd like to know whether \(which) might suit me.")
        }
        practical.append("Could we talk about whether you could help?")
        paragraphs.append(practical.joined(separator: " "))
        paragraphs.append("Thank you.")
        return paragraphs.joined(separator: "\n\n")
    }
}
