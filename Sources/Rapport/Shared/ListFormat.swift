/// Lists in a sentence, the British way: "Ana, Ben and Cai", "Leeds or York".
enum ListFormat {
    static func and(_ items: [String]) -> String { joined(items, with: "and") }

    static func or(_ items: [String]) -> String { joined(items, with: "or") }

    private static func joined(_ items: [String], with word: String) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " \(word) " + items[items.count - 1]
        }
    }
}
