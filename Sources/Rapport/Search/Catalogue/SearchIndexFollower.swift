import Fluent
import NIOConcurrencyHelpers
import PostgresNIO
import Vapor

/// Keeps `rapport serve`'s search index following the change log between searches: it builds
/// the first index at start (until then `/healthz/ready` answers 503), then applies changes as
/// they come. Searches check the log themselves, so this only spares them the wait, rechecks
/// numbers skipped in the log, and adopts bases rebuilt in the background.
///
/// On PostgreSQL a dedicated connection `LISTEN`s for the triggers' `NOTIFY`, which wakes every
/// instance as soon as a change commits; polling every `pollInterval` is the fallback, and the
/// only way on SQLite (whose instances share one machine and one file).
final class SearchIndexFollower: LifecycleHandler, Sendable {
    static let pollInterval: Duration = .milliseconds(250)
    static let channel = "search_changes"

    private let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])

    /// The store and database are taken now: the tasks must not reach into the application,
    /// whose storage is gone once it has shut down.
    func start(_ app: Application, listeningWith postgres: PostgresConnection.Configuration?) {
        let (index, database, logger) = (app.searchIndex, app.db, app.logger)
        let follow = Task { [self] in await self.followLog(index, on: database, logger: logger) }
        var started = [follow]
        if let postgres {
            started.append(Task { [self] in await self.listen(index, on: database, configuration: postgres, logger: logger) })
        }
        tasks.withLockedValue { $0 += started }
    }

    func shutdownAsync(_ app: Application) async {
        let running = tasks.withLockedValue { tasks in
            defer { tasks = [] }
            return tasks
        }
        for task in running { task.cancel() }
        // The store first: a follower waiting for the first build (a minute at a million) would
        // otherwise hold shutdown until it ended, since waiting on a task does not cancel it.
        await app.searchIndex.stop()
        for task in running { await task.value }
    }

    private func followLog(_ index: SearchIndexStore, on database: any Database, logger: Logger) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                try await index.refresh(on: database)
                failures = 0
            } catch is CancellationError {
                return  // shutting down
            } catch {
                failures += 1
                // Once per outage, not four times a second.
                if failures == 1 {
                    logger.warning("Search index: the change log could not be read", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
            }
            try? await Task.sleep(for: failures == 0 ? Self.pollInterval : .seconds(1))
        }
    }

    private func listen(_ index: SearchIndexStore, on database: any Database, configuration: PostgresConnection.Configuration, logger: Logger) async {
        var connectionNumber = 0
        while !Task.isCancelled {
            connectionNumber += 1
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: configuration, id: connectionNumber, logger: logger)
                // Closing the connection is what ends the wait for the next notification.
                try await withTaskCancellationHandler {
                    try await connection.listen(on: Self.channel) { notifications in
                        // Applies are one at a time, so one woken here and one polled simply share.
                        for try await _ in notifications {
                            if Task.isCancelled { break }
                            try? await index.refresh(on: database)
                        }
                    }
                } onCancel: {
                    connection.close().whenComplete { _ in }
                }
                try? await connection.close()
            } catch {
                if !Task.isCancelled {
                    logger.notice("Search index: not listening for changes for now; polling instead", metadata: [
                        "error": "\(String(reflecting: type(of: error)))",
                    ])
                }
            }
            try? await Task.sleep(for: .seconds(5))
        }
    }
}

extension Application {
    private struct FollowerKey: StorageKey { typealias Value = SearchIndexFollower }
    private struct ListenKey: StorageKey { typealias Value = PostgresConnection.Configuration }

    var searchIndexFollower: SearchIndexFollower {
        get {
            guard let follower = storage[FollowerKey.self] else { fatalError("configure(_:) sets app.searchIndexFollower") }
            return follower
        }
        set { storage[FollowerKey.self] = newValue }
    }

    /// How to open a connection of its own for `LISTEN`, on PostgreSQL.
    var postgresListenConfiguration: PostgresConnection.Configuration? {
        get { storage[ListenKey.self] }
        set { storage[ListenKey.self] = newValue }
    }
}

extension Application {
    private struct SearchIndexKey: StorageKey {
        typealias Value = SearchIndexStore
    }

    var searchIndex: SearchIndexStore {
        get {
            guard let store = storage[SearchIndexKey.self] else { fatalError("configure(_:) sets app.searchIndex") }
            return store
        }
        set { storage[SearchIndexKey.self] = newValue }
    }
}
