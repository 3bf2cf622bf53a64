import SQLKit

extension SQLUpdateBuilder {
    /// Runs a conditional update and says whether it changed a row. This is how something is
    /// claimed exactly once (a link, a code, a step) when two requests race: the database
    /// decides, never a read followed by a write.
    func claimedARow(returning column: String = "id") async throws -> Bool {
        try await returning(column).all().isEmpty == false
    }
}
