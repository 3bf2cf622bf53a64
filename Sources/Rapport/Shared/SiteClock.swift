import Foundation
import NIOConcurrencyHelpers
import Vapor

extension Application {
    private struct ClockKey: StorageKey { typealias Value = NIOLockedValueBox<(@Sendable () -> Date)?> }

    /// The time as Rapport sees it: the real time, except in a test that sets `clock` to move it
    /// (across a clock change, or to when a reminder falls due).
    var now: Date { storage[ClockKey.self]?.withLockedValue { $0 }?() ?? Date() }

    /// For tests only: where `now` comes from. Nil gives the real time back.
    var clock: (@Sendable () -> Date)? {
        get { storage[ClockKey.self]?.withLockedValue { $0 } }
        set {
            if let box = storage[ClockKey.self] { box.withLockedValue { $0 = newValue } } else { storage[ClockKey.self] = .init(newValue) }
        }
    }
}
