import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Reads the change log's newest number for many concurrent searches with few queries, without
/// ever answering a search with a number read before that search began.
///
/// One read runs at a time. Searches that arrive while it runs cannot use its answer (the read
/// may have started before a change they must see), so they wait together for the next read,
/// which starts as soon as the current one ends. Under load that is one query per round trip
/// instead of one per search; a lone search still costs exactly one query.
final class SharedLatestReads: Sendable {
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
    func read(on database: any Database) async throws -> Int64 {
        // Alone, a search reads for itself in its own task: no hop to another thread and back.
        if state.withLockedValue({ $0.startReadingIfIdle() }) {
            let result = await readLatest(on: database)
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

    private func readLatest(on database: any Database) async -> Result<Int64, any Error> {
        do {
            return .success(try await SearchChangeLog.latest(on: database))
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
            let result = await readLatest(on: database)
            for reader in readers { reader.resume(with: result) }
            let isDone = state.withLockedValue { state in
                if state.waiting.isEmpty { state.isReading = false }
                return !state.isReading
            }
            if isDone { return }
        }
    }
}
