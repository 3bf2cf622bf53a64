import NIOConcurrencyHelpers

/// A value made once, on first use, and kept for the life of the app.
final class MadeOnce<Value: Sendable>: Sendable {
    private let stored = NIOLockedValueBox<Value?>(nil)

    func value(_ make: () async throws -> Value) async throws -> Value {
        if let value = stored.withLockedValue({ $0 }) { return value }
        let value = try await make()
        return stored.withLockedValue { stored in
            if stored == nil { stored = value }
            return stored ?? value
        }
    }
}
