import NIOConcurrencyHelpers

/// Whether a search may answer from the published index while this instance applies changes it
/// has learnt of: only for `duration` after it first learnt of them. Searches then do not queue
/// behind an apply, and no change waits longer than that (see `SearchIndexStore.withIndex`).
final class FreshnessGrace: Sendable {
    let duration: Duration
    /// Since when changes not yet applied have been known, and the newest of them.
    private let behind = NIOLockedValueBox<(since: ContinuousClock.Instant, newest: Int64)?>(nil)

    init(_ duration: Duration) {
        self.duration = duration
    }

    /// A search has found the log at `newest`, past what is applied.
    func allowsAnEarlyAnswer(knowingOf newest: Int64) -> Bool {
        guard duration > .zero else { return false }
        let now = ContinuousClock.now
        return behind.withLockedValue { behind in
            guard let known = behind else {
                behind = (now, newest)
                return true
            }
            behind = (known.since, max(known.newest, newest))
            return now - known.since < duration
        }
    }

    /// The index now has everything up to `position`.
    func applied(upTo position: Int64) {
        behind.withLockedValue { behind in
            if let known = behind, known.newest <= position { behind = nil }
        }
    }
}
