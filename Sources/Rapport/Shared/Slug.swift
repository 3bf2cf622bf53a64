import Foundation

/// Readable addresses from names: "Zoë Ørsted" becomes `zoe-orsted`. Other scripts are written
/// in Latin letters first ("Σωκράτης Παπαδόπουλος" becomes `sokrates-papadopoulos`, "王小明"
/// `wang-xiao-ming`), so every name gives a link people can read out. A name with nothing that
/// transliterates gets `fallback` and a short random suffix rather than an empty or clashing slug.
enum Slug {
    static let maximumLength = 60

    /// Letters that neither transliterate nor lose an accent to plain ASCII.
    private static let special: [Character: String] = [
        "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i",
    ]

    static func make(from text: String, fallback: String) -> String {
        let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
        let plain = (latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin).lowercased()
        let ascii = plain.map { special[$0] ?? String($0) }.joined()
        let words = ascii.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        var slug = ""
        for word in words {
            if slug.isEmpty {
                slug = String(word.prefix(maximumLength))
            } else if slug.count + word.count + 1 <= maximumLength {
                slug += "-" + word
            }
        }
        return slug.isEmpty ? "\(fallback)-\(randomSuffix())" : slug
    }

    /// Six lower-case letters and digits.
    static func randomSuffix() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return String((0..<6).map { _ in alphabet.randomElement()! })
    }
}
