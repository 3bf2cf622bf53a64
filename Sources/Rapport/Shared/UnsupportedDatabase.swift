/// Thrown where something that protects people (a rate limit, a lease, telling search about a
/// change) needs SQL and the database does not speak it. Protection that cannot run must stop
/// the request, never pass quietly.
struct UnsupportedDatabase: Error, CustomStringConvertible {
    let purpose: String

    var description: String { "the database does not support SQL, which \(purpose) needs" }
}
