import Foundation

/// Builds the addresses of a search page from the parameters in use, so every link (remove a
/// filter, next page, widen the radius) keeps the rest of the search as it was.
struct SearchLinks: Sendable {
    let path: String
    /// Only the parameters a search knows, so unknown ones are not carried along.
    let values: [String: String]

    init(path: String, query: [String: String]) {
        self.path = path
        let known = Set(SearchParameter.all.filter { !$0.apiOnly }.map(\.name))
        self.values = query.filter { known.contains($0.key) && !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    func href(setting changes: [String: String?] = [:]) -> String {
        var values = self.values
        // Any change other than paging starts again from the first page.
        if !changes.keys.contains("page") { values["page"] = nil }
        for (name, value) in changes { values[name] = value }
        var components = URLComponents()
        components.path = path
        let order = SearchParameter.all.map(\.name)
        let items = values.sorted { (order.firstIndex(of: $0.key) ?? 99) < (order.firstIndex(of: $1.key) ?? 99) }
            .map { URLQueryItem(name: $0.key, value: $0.value) }
        components.queryItems = items.isEmpty ? nil : items
        // URLComponents leaves "+" alone, but browsers and our parser read it as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.string ?? path
    }

    func removing(_ names: String...) -> String {
        href(setting: Dictionary(uniqueKeysWithValues: names.map { ($0, nil) }))
    }
}
