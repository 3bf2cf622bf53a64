import Foundation

/// Words that suggest someone may be in danger: thoughts of suicide, self-harm, abuse, or
/// immediate danger. When a message holds one, Rapport leads with crisis help, and (in an
/// enquiry) marks it for the practitioner's prompt attention. Nobody reads a message to decide:
/// this list does, so it is deliberately specific. Everyday idioms ("this job is killing me",
/// "I could murder a coffee") must not match; the tests hold both sides.
enum CrisisPhrases {
    /// Matched as whole words, after lower-casing and folding curly apostrophes and accents.
    static let phrases: [String] = [
        // Suicide
        "suicide", "suicidal", "kill myself", "killing myself", "end my life", "ending my life", "end it all",
        "take my own life", "taking my own life", "want to die", "wanted to die", "wish i was dead", "wish i were dead",
        "better off dead", "better off without me", "no reason to live", "nothing to live for", "not worth living",
        "don't want to be alive", "don't want to live", "don't want to be here anymore", "can't go on",
        "thinking of ending it", "plan to end it",
        // Self-harm
        "self-harm", "self harm", "harm myself", "harming myself", "hurt myself", "hurting myself",
        "cut myself", "cutting myself", "overdose", "took too many pills",
        // Abuse and immediate danger
        "he hits me", "she hits me", "they hit me", "he hit me", "she hit me", "partner hits me", "beats me", "beat me up",
        "hurts me", "threatened to kill", "threatens to kill", "going to kill me", "choked me", "strangled me", "strangles me",
        "raped", "rape", "sexually assaulted", "abusing me", "abuses me", "scared of my partner", "afraid of my partner",
        "frightened of my partner", "not safe at home", "don't feel safe", "fear for my life", "afraid for my life",
        "in danger",
    ]

    private static let normalisedPhrases: [[Substring]] = phrases.map { words(in: $0) }

    /// True when `text` holds one of the phrases, word for word.
    static func appear(in text: String) -> Bool {
        let textWords = words(in: text)
        guard !textWords.isEmpty else { return false }
        for phrase in normalisedPhrases where phrase.count <= textWords.count {
            for start in 0...(textWords.count - phrase.count) where textWords[start] == phrase[0] {
                if textWords[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
            }
        }
        return false
    }

    /// Lower-case words, with curly apostrophes made straight and accents dropped; a hyphen
    /// splits words, so "self-harm" and "self harm" are the same.
    static func words(in text: String) -> [Substring] {
        let folded = text.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded.split { !($0.isLetter || $0.isNumber || $0 == "'") }
    }
}
