import Vapor

/// The questions of "Which approach might suit me?" and one person's answers to them. Every
/// choice has the words shown on the form (`label`, first person) and the words a reason quotes
/// back (`said`, second person), so "Because you said…" always repeats what they chose.
struct GuideAnswers: Codable, Sendable, Equatable {
    enum Who: String, Codable, CaseIterable, Sendable {
        case partner, family, friends, work, several
    }

    enum Change: String, Codable, CaseIterable, Sendable {
        case arguments, avoiding, distance, bigChange = "big_change", trust, repeating
        case speakingUp = "speaking_up", loneliness, intimacy, strongFeelings = "strong_feelings"
        case stayOrGo = "stay_or_go", parenting, unsafe
    }

    enum Focus: String, Codable, CaseIterable, Sendable {
        case past, present, notSure = "not_sure"
    }

    enum Together: String, Codable, CaseIterable, Sendable {
        case justMe = "just_me", bothOfUs = "both", notSure = "not_sure"
    }

    enum Help: String, Codable, CaseIterable, Sendable {
        case therapy, coaching, notSure = "not_sure"
    }

    static let maximumHappeningLength = 1_000
    static let maximumLanguageLength = 40

    var happening = ""
    var who: Who?
    var changes: [Change] = []
    var focus: Focus?
    var together: Together?
    var help: Help?
    // Practical preferences: they choose practitioners, never approaches.
    var format: SessionFormat?
    var place = ""
    var maxFeePounds: Int?
    var gender: Gender?
    var language = ""

    /// Whether the answers call for crisis help first: risk words in their own words, or
    /// "things feel unsafe right now".
    var needsCrisisHelp: Bool {
        changes.contains(.unsafe) || CrisisPhrases.appear(in: happening)
    }
}

extension GuideAnswers.Who {
    var label: String {
        switch self {
        case .partner: "My partner, or someone I'm dating"
        case .family: "My family, such as a parent, child, brother or sister"
        case .friends: "Friends"
        case .work: "People at work"
        case .several: "Several of these"
        }
    }

    var said: String {
        switch self {
        case .partner: "this is about your partner"
        case .family: "this is about your family"
        case .friends: "this is about friends"
        case .work: "this is about people at work"
        case .several: "this touches several of your relationships"
        }
    }

    /// The Get in touch topic to tick for them, so the practitioner sees it at a glance.
    var topicSlug: String {
        switch self {
        case .partner: "relationship-problems"
        case .family: "family-issues"
        case .friends: "friendships"
        case .work: "conflict-at-work"
        case .several: "interpersonal-relationships"
        }
    }

    /// How the drafted message names it: "my relationship with my partner".
    var inADraft: String {
        switch self {
        case .partner: "my relationship with my partner"
        case .family: "things in my family"
        case .friends: "my friendships"
        case .work: "getting on with people at work"
        case .several: "a few of my relationships"
        }
    }
}

extension GuideAnswers.Change {
    var label: String {
        switch self {
        case .arguments: "Our arguments spiral quickly"
        case .avoiding: "I avoid difficult conversations"
        case .distance: "We've drifted apart"
        case .bigChange: "Things changed after a big event, like a move, a new baby, a new job or a loss"
        case .trust: "Trust has been broken"
        case .repeating: "The same patterns keep coming back, even with different people"
        case .speakingUp: "I find it hard to say what I need or to say no"
        case .loneliness: "I feel lonely or left out"
        case .intimacy: "Sex or physical closeness"
        case .strongFeelings: "My feelings get so strong that I can't think straight"
        case .stayOrGo: "I'm trying to decide whether to stay or go"
        case .parenting: "Getting on with my children"
        case .unsafe: "Things feel unsafe right now"
        }
    }

    var said: String {
        switch self {
        case .arguments: "your arguments spiral quickly"
        case .avoiding: "you avoid difficult conversations"
        case .distance: "you've drifted apart"
        case .bigChange: "things changed after a big event"
        case .trust: "trust has been broken"
        case .repeating: "the same patterns keep coming back"
        case .speakingUp: "you find it hard to say what you need"
        case .loneliness: "you feel lonely or left out"
        case .intimacy: "sex or physical closeness is on your mind"
        case .strongFeelings: "your feelings get so strong you can't think straight"
        case .stayOrGo: "you're trying to decide whether to stay or go"
        case .parenting: "you'd like to get on better with your children"
        case .unsafe: "things feel unsafe right now"
        }
    }
}

extension GuideAnswers.Change {
    /// How the drafted message says it, in the first person.
    var inADraft: String? {
        switch self {
        case .arguments: "our arguments spiral quickly"
        case .avoiding: "I avoid difficult conversations"
        case .distance: "we've drifted apart"
        case .bigChange: "things changed after a big event in our lives"
        case .trust: "trust has been broken"
        case .repeating: "the same patterns keep coming back"
        case .speakingUp: "I find it hard to say what I need"
        case .loneliness: "I feel lonely or left out"
        case .intimacy: "sex or physical closeness"
        case .strongFeelings: "my feelings get so strong that I can't think straight"
        case .stayOrGo: "I'm trying to decide whether to stay or go"
        case .parenting: "getting on with my children"
        // Theirs to say in their own words, if and when they want to.
        case .unsafe: nil
        }
    }
}

extension GuideAnswers.Focus {
    var label: String {
        switch self {
        case .past: "Understand where my patterns come from"
        case .present: "Work on what's happening now"
        case .notSure: "I'm not sure"
        }
    }

    var said: String {
        switch self {
        case .past: "you'd like to understand where your patterns come from"
        case .present: "you'd like to work on what's happening now"
        case .notSure: "you're not sure where to start"
        }
    }
}

extension GuideAnswers.Together {
    var label: String {
        switch self {
        case .justMe: "Just me"
        case .bothOfUs: "The other person would come too"
        case .notSure: "I'm not sure yet"
        }
    }

    var said: String {
        switch self {
        case .justMe: "you'd rather work on this on your own"
        case .bothOfUs: "the other person would come too"
        case .notSure: "you're not sure yet who would come"
        }
    }
}

extension GuideAnswers.Help {
    var label: String {
        switch self {
        case .therapy: "Therapy: time to talk through feelings and patterns"
        case .coaching: "Coaching: practical steps towards a goal"
        case .notSure: "I'm not sure"
        }
    }

    var said: String {
        switch self {
        case .therapy: "you'd like therapy"
        case .coaching: "you'd like coaching towards a goal"
        case .notSure: "you're not sure whether you want therapy or coaching"
        }
    }
}
