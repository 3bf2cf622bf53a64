import Testing

@testable import Rapport

@Suite("Crisis phrases")
struct CrisisPhrasesTests {
    @Test func theListIsLongEnoughAndEveryPhraseMatchesItself() {
        #expect(CrisisPhrases.phrases.count >= 40)
        for phrase in CrisisPhrases.phrases {
            #expect(CrisisPhrases.appear(in: "Lately \(phrase), honestly."), "\(phrase)")
        }
    }

    @Test(arguments: [
        "I've been thinking about suicide a lot.",
        "Sometimes I want to die.",
        "Everyone would be better off without me",
        "I started cutting myself again last year",
        "He hits me when he's been drinking.",
        "My husband threatened to kill me if I leave",
        "I don't feel safe at home any more.",
        "I’ve thought about ending my life",  // a curly apostrophe
        "SELF-HARM has been part of my life for years",
        "My partner strangled me last week",
    ])
    func messagesThatSuggestDangerMatch(message: String) {
        #expect(CrisisPhrases.appear(in: message))
    }

    @Test(arguments: [
        "This job is killing me.",
        "I could murder a coffee.",
        "My feet are killing me after the wedding.",
        "I nearly died laughing at his joke.",
        "I'm dying to meet someone who gets it.",
        "We were just killing time before the film.",
        "Her cake was to die for.",
        "She's absolutely killing it at work.",
        "I'd kill for a quiet weekend.",
        "My phone died halfway through the call.",
        "I'm dead tired every evening.",
        "The deadline is killing us all.",
        "It suddenly hit me that we never talk.",
        "My mum hurts my feelings when she criticises me.",
        "We had a cutting argument about money.",
    ])
    func everydayIdiomsDoNotMatch(message: String) {
        #expect(!CrisisPhrases.appear(in: message))
    }
}
