import CRapportMemory
import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Holds this instance's `SearchCatalogue` and keeps it in step with the database: every search
/// first reads the listings version (one row), and a newer version means a rebuild.
///
/// While a rebuild runs, searches wait for it when the directory is small (rebuilding a few
/// thousand practitioners takes well under a second), so what a search shows is never older than
/// the request. With a large directory they are answered from the previous catalogue until the
/// new one is ready, a few seconds, rather than all stalling at once; there a version read begun
/// in the last `recentEnoughRead` also answers a search. The rule goes by size, not by measured
/// time, so it behaves the same on a busy machine.
final class SearchCatalogueStore: Sendable {
    static let waitForRebuildBelow = 5_000
    /// Above `waitForRebuildBelow`, a version read this recent answers a search too. Such a
    /// catalogue already lags a change by its rebuild (seconds), so a tenth of a second more
    /// changes nothing anyone sees, and a lone search skips a database round trip.
    static let recentEnoughRead: Duration = .milliseconds(100)

    private struct Built: Sendable {
        let catalogue: SearchCatalogue
        let version: Int64
        let took: Duration
    }

    private struct State {
        var built: Built?
        var rebuilding: Task<Built, any Error>?
    }

    private let state = NIOLockedValueBox(State())
    private let versionReads = SharedVersionReads()
    private let logger: Logger
    private let waitsForRebuildBelow: Int
    private let recentEnoughRead: Duration

    /// Tests change the two rules to reach the large-directory behaviour with a few listings.
    init(logger: Logger, waitsForRebuildBelow: Int = waitForRebuildBelow, recentEnoughRead: Duration = recentEnoughRead) {
        self.logger = logger
        self.waitsForRebuildBelow = waitsForRebuildBelow
        self.recentEnoughRead = recentEnoughRead
    }

    func catalogue(on database: any Database) async throws -> SearchCatalogue {
        let version = try await versionReads.read(on: database)
        // A rebuild that started before the latest change may finish with an older version:
        // then one more is needed.
        for _ in 0..<3 {
            let next: Either = state.withLockedValue { state in
                if let built = state.built, built.version >= version { return .ready(built.catalogue) }
                let task = state.rebuilding ?? startRebuild(on: database, state: &state)
                if let built = state.built, built.catalogue.ids.count >= waitsForRebuildBelow { return .ready(built.catalogue) }
                return .wait(task)
            }
            switch next {
            case .ready(let catalogue): return catalogue
            case .wait(let task):
                let built = try await task.value
                if built.version >= version { return built.catalogue }
            }
        }
        throw Abort(.serviceUnavailable, reason: "The search index is being rebuilt.")
    }

    /// `work` done with the catalogue as of now, like `catalogue(on:)`, but started at once on the
    /// catalogue already built while the version read is in flight: on PostgreSQL that read is
    /// a network round trip, as long as the search itself. When the version has moved on, the
    /// early answer is dropped and `work` runs again on the current catalogue.
    func withCatalogue<Answer>(on database: any Database, _ work: (SearchCatalogue) throws -> Answer) async throws -> Answer {
        guard let built = state.withLockedValue({ $0.built }) else { return try work(try await catalogue(on: database)) }
        if built.catalogue.ids.count >= waitsForRebuildBelow,
            let recent = versionReads.versionReadSince(ContinuousClock.now - recentEnoughRead), recent <= built.version
        {
            return try work(built.catalogue)
        }
        async let latest = versionReads.read(on: database)
        let early = Result { try work(built.catalogue) }
        if try await latest <= built.version { return try early.get() }
        return try work(try await catalogue(on: database))
    }

    /// Building reads every listing's text: tens of megabytes the allocator would otherwise keep
    /// for good once freed, so the server's resident memory would never come back down.
    private static func returnFreedMemory() {
        _ = rapport_release_free_memory()
    }

    private enum Either {
        case ready(SearchCatalogue)
        case wait(Task<Built, any Error>)
    }

    private func startRebuild(on database: any Database, state: inout State) -> Task<Built, any Error> {
        let logger = logger
        let task = Task { [self] in
            let start = ContinuousClock.now
            do {
                let (catalogue, version) = try await SearchCatalogue.load(from: database)
                let built = Built(catalogue: catalogue, version: version, took: ContinuousClock.now - start)
                self.state.withLockedValue { $0.built = built; $0.rebuilding = nil }
                Self.returnFreedMemory()
                logger.debug("Search catalogue rebuilt", metadata: [
                    "listings": "\(catalogue.ids.count)", "version": "\(version)", "took": "\(built.took)",
                ])
                return built
            } catch {
                self.state.withLockedValue { $0.rebuilding = nil }
                throw error
            }
        }
        state.rebuilding = task
        return task
    }
}

/// Reads the listings version for many concurrent searches with few queries, without ever
/// answering a search with a version read before that search began.
///
/// One read runs at a time. Searches that arrive while it runs cannot use its answer (the read
/// may have started before a change they must see), so they wait together for the next read,
/// which starts as soon as the current one ends. Under load that is one query per round trip
/// instead of one per search; a lone search still costs exactly one query.
final class SharedVersionReads: Sendable {
    private struct Waiter: Sendable {
        let continuation: CheckedContinuation<Int64, any Error>
        /// The waiting search's own event loop. A task resumes on the loop that resumes it (see
        /// `RapportMain.runConcurrencyOnEventLoops`), so a read that ended on one loop would
        /// otherwise pull every search it answered onto that loop and leave the others idle.
        let eventLoop: any EventLoop

        func resume(with result: Result<Int64, any Error>) {
            if eventLoop.inEventLoop {
                continuation.resume(with: result)
            } else {
                eventLoop.execute { continuation.resume(with: result) }
            }
        }
    }

    private struct State {
        var isReading = false
        /// Waiting for the read that starts after the current one.
        var waiting: [Waiter] = []

        mutating func startReadingIfIdle() -> Bool {
            guard !isReading else { return false }
            isReading = true
            return true
        }
    }

    private let state = NIOLockedValueBox(State())
    /// The version found by the most recently started read that succeeded, and when it started.
    private let latestRead = NIOLockedValueBox<(started: ContinuousClock.Instant, version: Int64)?>(nil)

    /// The version found by a read that started at `instant` or later, if there was one.
    func versionReadSince(_ instant: ContinuousClock.Instant) -> Int64? {
        latestRead.withLockedValue { read in read.flatMap { $0.started >= instant ? $0.version : nil } }
    }

    func read(on database: any Database) async throws -> Int64 {
        // Alone, a search reads for itself in its own task: no hop to another thread and back.
        if state.withLockedValue({ $0.startReadingIfIdle() }) {
            let result = await readVersion(on: database)
            passOn(on: database)
            return try result.get()
        }
        return try await withCheckedThrowingContinuation { continuation in
            let startsReading = state.withLockedValue { state in
                state.waiting.append(Waiter(continuation: continuation, eventLoop: database.eventLoop))
                return state.startReadingIfIdle()
            }
            if startsReading {
                Task { await self.readWhileAnyoneWaits(on: database) }
            }
        }
    }

    private func readVersion(on database: any Database) async -> Result<Int64, any Error> {
        let started = ContinuousClock.now
        do {
            let version = try await SearchCatalogueVersion.current(on: database)
            latestRead.withLockedValue { latest in
                if latest.map({ $0.started < started }) ?? true { latest = (started, version) }
            }
            return .success(version)
        } catch {
            return .failure(error)
        }
    }

    /// After a read: searches that arrived during it need a read of their own, starting now.
    private func passOn(on database: any Database) {
        let anyoneWaiting = state.withLockedValue { state in
            if state.waiting.isEmpty { state.isReading = false }
            return state.isReading
        }
        if anyoneWaiting {
            Task { await self.readWhileAnyoneWaits(on: database) }
        }
    }

    private func readWhileAnyoneWaits(on database: any Database) async {
        while true {
            // Everyone waiting now arrived before this read starts, so its answer is fresh for them.
            let readers = state.withLockedValue { state in
                defer { state.waiting = [] }
                return state.waiting
            }
            let result = await readVersion(on: database)
            for reader in readers { reader.resume(with: result) }
            let isDone = state.withLockedValue { state in
                if state.waiting.isEmpty { state.isReading = false }
                return !state.isReading
            }
            if isDone { return }
        }
    }
}

extension Application {
    private struct SearchCatalogueKey: StorageKey {
        typealias Value = SearchCatalogueStore
    }

    var searchCatalogue: SearchCatalogueStore {
        get {
            guard let store = storage[SearchCatalogueKey.self] else { fatalError("configure(_:) sets app.searchCatalogue") }
            return store
        }
        set { storage[SearchCatalogueKey.self] = newValue }
    }
}
