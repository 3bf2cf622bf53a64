import Fluent
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Whether fictional demo practitioners are in the database, which puts a banner on every page.
/// Remembered for a few seconds so a busy page does not ask the database every time; it is a
/// cache of the database, not state of its own, so instances may differ only briefly.
final class DemoDataStatus: Sendable {
    private struct Remembered {
        var isPresent: Bool
        var checkedAt: NIODeadline
    }

    private let remembered = NIOLockedValueBox<Remembered?>(nil)
    private let lifetime: TimeAmount

    init(lifetime: TimeAmount = .seconds(10)) {
        self.lifetime = lifetime
    }

    func isPresent(on database: any Database) async -> Bool {
        if let known = remembered.withLockedValue({ $0 }), known.checkedAt + lifetime > .now() {
            return known.isPresent
        }
        // If the database cannot answer, say nothing rather than fail the page.
        let isPresent = (try? await Practitioner.query(on: database).filter(\.$isDemo == true).field(\.$id).first()) != nil
        remembered.withLockedValue { $0 = Remembered(isPresent: isPresent, checkedAt: .now()) }
        return isPresent
    }

    func forget() {
        remembered.withLockedValue { $0 = nil }
    }
}

extension Application {
    private struct DemoDataStatusKey: StorageKey { typealias Value = DemoDataStatus }

    var demoDataStatus: DemoDataStatus {
        get {
            guard let status = storage[DemoDataStatusKey.self] else { fatalError("configure() sets demoDataStatus") }
            return status
        }
        set { storage[DemoDataStatusKey.self] = newValue }
    }
}
