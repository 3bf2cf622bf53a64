import Vapor

/// The one way forms are checked: each problem is tied to its field, the page is shown again
/// with what the person typed (never their password) and a summary at the top that links to
/// each field.
struct FormProblems: Encodable, Sendable {
    struct Problem: Encodable, Sendable {
        let field: String
        let message: String
    }

    private(set) var list: [Problem] = []

    var isEmpty: Bool { list.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        list.append(Problem(field: field, message: message))
    }

    mutating func require(_ condition: Bool, _ field: String, _ message: String) {
        if !condition { add(field, message) }
    }

    func message(for field: String) -> String? {
        list.first { $0.field == field }?.message
    }
}

/// A form page's shared parts: the token, the problems and a message shown at the top.
struct FormPage<Fields: Encodable & Sendable>: Encodable, Sendable {
    let csrfToken: String
    let problems: [FormProblems.Problem]
    let fieldProblems: [String: String]
    let notice: String?
    let fields: Fields

    init(csrfToken: String, problems: FormProblems = FormProblems(), notice: String? = nil, fields: Fields) {
        self.csrfToken = csrfToken
        self.problems = problems.list
        self.fieldProblems = Dictionary(problems.list.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        self.notice = notice
        self.fields = fields
    }
}

/// Email addresses: trimmed, lower-cased, and shaped like an address.
enum EmailAddress {
    static func normalised(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static func isPlausible(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }
}
