import NIOConcurrencyHelpers

/// The word stems of one listing's own texts, as numbers in a `CatalogueStemmer`'s vocabulary.
/// They are worked out as the row is read, on the task reading the next batch, so stemming runs
/// on one core while the catalogue is built on the other.
struct ListingStems: Sendable {
    /// Of the name and the headline, where a match ranks higher. May repeat.
    let prominent: [Int32]
    /// Of the about text. May repeat.
    let about: [Int32]
    /// Whose numbers these are.
    let vocabulary: CatalogueStemmer
}

/// Turns texts into stem numbers, stemming each distinct word once: most words recur across
/// profiles, so a cold build of a million profiles stems a few hundred thousand words, not tens
/// of millions. The builder files a listing under its stems by number, hashing each stem only
/// the first time it meets a number.
///
/// A cold build has one stemmer per event loop, so batches decoded side by side never wait for
/// each other's lock; the builder translates each stemmer's numbers into its own.
final class CatalogueStemmer: Sendable {
    private struct Vocabulary {
        var numberOfWord: [String: Int32] = [:]
        var numberOfStem: [String: Int32] = [:]
        var stems: [String] = []

        mutating func numbers(of text: String) -> [Int32] {
            SearchWords.words(in: text).map { word in
                if let number = numberOfWord[word] { return number }
                let number = number(ofStem: PorterStemmer.stem(word))
                numberOfWord[word] = number
                return number
            }
        }

        private mutating func number(ofStem stem: String) -> Int32 {
            if let number = numberOfStem[stem] { return number }
            let number = Int32(stems.count)
            numberOfStem[stem] = number
            stems.append(stem)
            return number
        }
    }

    private let vocabulary = NIOLockedValueBox(Vocabulary())

    /// The stems of each listing in a batch, in the same order.
    func stems(of texts: [(name: String, headline: String, about: String)]) -> [ListingStems] {
        let numbers = vocabulary.withLockedValue { vocabulary in
            texts.map { (prominent: vocabulary.numbers(of: $0.name) + vocabulary.numbers(of: $0.headline), about: vocabulary.numbers(of: $0.about)) }
        }
        return numbers.map { ListingStems(prominent: $0.prominent, about: $0.about, vocabulary: self) }
    }

    /// The stem numbers of one text, such as a topic's name.
    func numbers(of text: String) -> [Int32] {
        vocabulary.withLockedValue { $0.numbers(of: text) }
    }

    /// The stem numbered `number`.
    func stem(numbered number: Int32) -> String {
        vocabulary.withLockedValue { $0.stems[Int(number)] }
    }

}
