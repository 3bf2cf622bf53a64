import Foundation
import Testing

@testable import Rapport

/// Written scenarios that pin what the guide suggests, and that its reasons quote the answers.
/// A change to `ApproachRules` that moves one of these outcomes has to change this file too.
@Suite("Which approach: the rules")
struct ApproachGuideTests {
    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let answers: GuideAnswers
        /// The approaches suggested, in order.
        let expected: [String]
        /// Words that must appear in the first suggestion's reasons: their own answers.
        let quoted: [String]
        var testDescription: String { name }
    }

    static func answers(
        _ who: GuideAnswers.Who, _ changes: [GuideAnswers.Change], focus: GuideAnswers.Focus? = nil,
        together: GuideAnswers.Together? = nil, help: GuideAnswers.Help? = nil, happening: String = ""
    ) -> GuideAnswers {
        var answers = GuideAnswers()
        (answers.who, answers.changes, answers.focus, answers.together, answers.help, answers.happening) = (who, changes, focus, together, help, happening)
        return answers
    }

    static let scenarios: [Scenario] = [
        // The three people in the seed article, each working on their own.
        Scenario(name: "Alex avoids difficult conversations",
                 answers: answers(.partner, [.avoiding], focus: .past, together: .justMe, help: .therapy),
                 expected: ["interpersonal-therapy", "relational-therapy"],
                 quoted: ["you avoid difficult conversations", "you'd rather work on this on your own"]),
        Scenario(name: "Sam's arguments spiral",
                 answers: answers(.partner, [.arguments], focus: .present, together: .justMe, help: .therapy,
                                  happening: "Our arguments spiral within minutes and end in shouting."),
                 expected: ["interpersonal-therapy"],
                 quoted: ["your arguments spiral quickly", "you'd rather work on this on your own", "“Our arguments spiral within minutes and end in shouting”"]),
        Scenario(name: "Emma drifted apart after a move",
                 answers: answers(.partner, [.distance, .bigChange], focus: .present, together: .justMe, help: .therapy,
                                  happening: "We moved to a new city for my job. I feel disconnected from my partner."),
                 expected: ["interpersonal-therapy"],
                 quoted: ["things changed after a big event", "“We moved to a new city for my job”"]),
        Scenario(name: "A couple who will both come, after trust was broken",
                 answers: answers(.partner, [.trust, .distance], focus: .notSure, together: .bothOfUs, help: .therapy),
                 expected: ["couples-counselling", "emotionally-focused"],
                 quoted: ["trust has been broken", "the other person would come too"]),
        Scenario(name: "A family who will come together about the children",
                 answers: answers(.family, [.parenting], focus: .present, together: .bothOfUs, help: .notSure),
                 expected: ["systemic-and-family", "parent-coaching"],
                 quoted: ["this is about your family", "you'd like to get on better with your children"]),
        Scenario(name: "Someone who wants coaching to speak up at work",
                 answers: answers(.work, [.speakingUp, .avoiding], focus: .present, together: .justMe, help: .coaching),
                 expected: ["communication-coaching", "interpersonal-therapy", "confidence-coaching"],
                 quoted: ["this is about people at work", "you'd like coaching towards a goal"]),
        Scenario(name: "Patterns that repeat across relationships, from the past",
                 answers: answers(.several, [.repeating], focus: .past, together: .justMe, help: .therapy),
                 expected: ["relational-therapy", "psychodynamic", "interpersonal-therapy"],
                 quoted: ["the same patterns keep coming back", "you'd like to understand where your patterns come from"]),
        Scenario(name: "Worries about sex, as a couple",
                 answers: answers(.partner, [.intimacy], together: .bothOfUs),
                 expected: ["psychosexual-therapy", "couples-counselling"],
                 quoted: ["sex or physical closeness is on your mind"]),
        Scenario(name: "Feelings that get too strong",
                 answers: answers(.partner, [.strongFeelings], focus: .present, together: .justMe, help: .therapy),
                 expected: ["interpersonal-therapy", "dbt"],
                 quoted: ["you'd like to work on what's happening now"]),
        Scenario(name: "Deciding whether to stay or go",
                 answers: answers(.partner, [.stayOrGo], focus: .notSure, together: .justMe, help: .notSure),
                 expected: ["person-centred"],
                 quoted: ["you're trying to decide whether to stay or go", "you're not sure where to start"]),
        Scenario(name: "Lonely among friends",
                 answers: answers(.friends, [.loneliness], focus: .notSure, together: .justMe),
                 expected: ["interpersonal-therapy", "person-centred"],
                 quoted: ["you feel lonely or left out", "this is about friends"]),
        Scenario(name: "Only their own words, about a boss",
                 answers: answers(.several, [], happening: "My boss shouts at me and I keep quiet."),
                 expected: ["interpersonal-therapy"],
                 quoted: ["“My boss shouts at me and I keep quiet”", "this touches several of your relationships"]),
        Scenario(name: "A couple who want coaching to feel closer",
                 answers: answers(.partner, [.distance], focus: .present, together: .bothOfUs, help: .coaching),
                 expected: ["relationship-coaching", "couples-counselling", "communication-coaching"],
                 quoted: ["you'd like coaching towards a goal", "you've drifted apart"]),
        Scenario(name: "Family arguments, worked on alone",
                 answers: answers(.family, [.arguments], focus: .present, together: .justMe, help: .therapy),
                 expected: ["interpersonal-therapy"],
                 quoted: ["your arguments spiral quickly"]),
        Scenario(name: "Feeling unsafe still gets suggestions",
                 answers: answers(.partner, [.unsafe, .arguments], together: .justMe),
                 expected: ["interpersonal-therapy"],
                 quoted: ["your arguments spiral quickly"]),
        Scenario(name: "A long sentence is quoted around the words that matched",
                 answers: answers(.partner, [], happening: "It started last spring when we both began working longer hours and then every small thing became a row that went on far too long into the night"),
                 expected: ["interpersonal-therapy"],
                 quoted: ["row"]),
    ]

    @Test(arguments: scenarios)
    func eachScenarioGetsItsSuggestionsAndReasonsQuoteTheAnswers(scenario: Scenario) throws {
        let suggestions = ApproachGuide.suggest(for: scenario.answers)
        #expect(suggestions.map(\.approach) == scenario.expected)
        let first = try #require(suggestions.first)
        let reasons = first.reasons.joined(separator: "\n")
        for words in scenario.quoted {
            #expect(reasons.contains(words), "\(first.approach) reasons quote “\(words)”: \(reasons)")
        }
        for suggestion in suggestions {
            #expect(!suggestion.reasons.isEmpty)
            #expect(suggestion.reasons.allSatisfy { $0.hasPrefix("Because you said ") && $0.contains(ApproachGuide.name(of: suggestion.approach)) })
        }
    }

    @Test func samsReasonNamesTheSpirallingArgumentsAndWorkingAlone() {
        let sam = Self.scenarios[1].answers
        let reasons = ApproachGuide.suggest(for: sam)[0].reasons
        #expect(reasons.contains("Because you said your arguments spiral quickly, interpersonal therapy (IPT) may suit you. It looks at what sets a row off, and helps you practise pausing and saying hard things more calmly."))
        #expect(reasons.contains { $0.hasPrefix("Because you said you'd rather work on this on your own, interpersonal therapy (IPT) may suit you") })
    }

    @Test func aLongQuoteIsCutAroundTheMatchAndMarkedAsCut() throws {
        let text = "It started last spring when we both began working longer hours and then every small thing became a row that went on far too long into the night"
        let quote = try #require(ApproachGuide.quote(of: ["row"], in: text))
        #expect(quote.hasPrefix("…") && quote.hasSuffix("…") && quote.contains("became a row"))
        #expect(quote.split(separator: " ").count <= 14)
        #expect(ApproachGuide.quote(of: ["row"], in: "We want the garden to grow") == nil, "whole words only")
    }

    @Test func crisisHelpLeadsForUnsafeOrRiskWordsButNotEverydayIdioms() {
        #expect(Self.answers(.partner, [.unsafe]).needsCrisisHelp)
        #expect(Self.answers(.partner, [], happening: "He hits me when he has been drinking").needsCrisisHelp)
        #expect(Self.answers(.partner, [], happening: "Sometimes I want to end my life").needsCrisisHelp)
        #expect(!Self.answers(.work, [], happening: "This job is killing me and my boss drives me mad").needsCrisisHelp)
    }

    @Test func theSameAnswersAlwaysGiveTheSameSuggestions() {
        for scenario in Self.scenarios {
            #expect(ApproachGuide.suggest(for: scenario.answers) == ApproachGuide.suggest(for: scenario.answers))
        }
    }

    @Test func everyRuleNamesARealApproachAndExplainsItself() {
        let known = Set(M003LoadTaxonomies.approaches.map(\.slug))
        let named = Set(ApproachRules.approaches.map(\.slug))
        #expect(named.isSubset(of: known))
        for rule in ApproachRules.rules {
            #expect(named.contains(rule.approach), "\(rule.approach) has a mid-sentence name")
            #expect(rule.points != 0 && rule.because.hasSuffix(".") && rule.because.first?.isLowercase == true)
        }
        // Every answer to "who" points somewhere, so a suggestion can always be made.
        for who in GuideAnswers.Who.allCases {
            #expect(!ApproachGuide.suggest(for: Self.answers(who, [])).isEmpty, "\(who)")
        }
    }

    @Test func theGuidesWordsArePlainEnoughToRead() {
        let reasons = Self.scenarios.flatMap { ApproachGuide.suggest(for: $0.answers).flatMap(\.reasons) }
        let labels = GuideAnswers.Who.allCases.map(\.label) + GuideAnswers.Change.allCases.map(\.label)
            + GuideAnswers.Focus.allCases.map(\.label) + GuideAnswers.Together.allCases.map(\.label) + GuideAnswers.Help.allCases.map(\.label)
        for (name, text) in [("reasons", reasons), ("answers", labels)] {
            let (grade, words) = ReadingLevel.grade(text.joined(separator: "\n\n"))
            #expect(words > 50 && grade <= 9, "the \(name) read at grade \(grade)")
        }
    }

    @Test func theDraftUsesTheirAnswersAndTheSuggestedApproaches() {
        let sam = Self.scenarios[1].answers
        let draft = GuideDraft.write(from: sam, suggesting: ["interpersonal-therapy"])
        #expect(draft.contains("my relationship with my partner") && draft.contains("Our arguments spiral within minutes"))
        #expect(draft.contains("our arguments spiral quickly") && draft.contains("I'd like to work on this on my own."))
        #expect(draft.contains("I've been reading about interpersonal therapy (IPT), and I'd like to know whether it might suit me."))
        let unsafe = GuideDraft.write(from: Self.answers(.partner, [.unsafe, .avoiding]), suggesting: [])
        #expect(!unsafe.contains("unsafe") && unsafe.contains("I avoid difficult conversations"))
    }
}
