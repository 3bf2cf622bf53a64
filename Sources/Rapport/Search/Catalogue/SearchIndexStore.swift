import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Holds this instance's `SearchIndex` and keeps it in step with the database's change log
/// (`search_changes`, written by triggers whoever changes a listing).
///
/// Every search first reads the log's newest number (shared between concurrent searches, see
/// `SharedLatestReads`). If this instance has applied less, one apply starts: the changes past the
/// last one applied are read, just those practitioners are read again in one batch, and a new
/// index is published with a rebuilt overlay (its size is a per cent of the directory at most).
/// The search waits for it, unless `freshnessGrace` lets it answer from the published index for
/// a moment (see `withIndex`); a request that changed something catches up before it answers.
///
/// The base is rebuilt from the whole directory only in the background: when the overlay grows
/// past `overlayLimit`, when a topic or approach changes, or when this instance fell so far
/// behind that the log was trimmed past it. Searches go on over the old base and its overlay
/// meanwhile; the new base is adopted with the overlay entries read after it began. Only the very
/// first build, before the instance is ready (`/healthz/ready`), is waited for.
final class SearchIndexStore: Sendable {
    /// Work done, counted so tests can check what a change cost without timing anything.
    struct Work: Sendable, Equatable {
        var fullBuilds = 0
        var applies = 0
        var practitionersReloaded = 0
        var overlayBuilds = 0
    }

    private enum OverlayChange {
        case listed(SearchCatalogue.Entry)
        case removed
    }

    private struct OverlayItem {
        let change: OverlayChange
        /// The apply that read it; a base begun after that apply already has it.
        let round: Int
    }

    private struct Published: Sendable {
        let index: SearchIndex
        let applied: Int64
    }

    private struct State {
        var published: Published?
        var applying: Task<Void, any Error>?
        /// The following are read and written only by the one running apply.
        var overlay: [UUID: OverlayItem] = [:]
        var gaps: SearchChangeLog.Gaps = [:]
        var round = 0
        /// A base building in the background, and one built and waiting to be adopted.
        var rebuilding: Task<Void, Never>?
        /// A topic changed, or the log was trimmed, while a rebuild ran: one more must follow.
        var rebuildAgainAfterRound: Int?
        var builtBase: (catalogue: SearchCatalogue, startedAfterRound: Int, generation: Int)?
        var builtGeneration = 0
        /// Set by `stop()`: nothing new starts.
        var stopped = false
        var work = Work()
    }

    private let state = NIOLockedValueBox(State())
    private let latestReads = SharedLatestReads()
    private let logger: Logger
    /// What "today" is for the base's daily orders: only used to warm them after a build.
    private let today: @Sendable () -> String

    /// How long a search may answer from the published index while the apply of a change it
    /// has just learnt of runs (see `withIndex`). Zero: every search waits for it.
    let freshnessGrace: FreshnessGrace

    init(logger: Logger, freshnessGrace: Duration = .zero, today: @escaping @Sendable () -> String = { LondonCalendar.today() }) {
        self.logger = logger
        self.freshnessGrace = FreshnessGrace(freshnessGrace)
        self.today = today
    }

    /// The overlay may hold this many practitioners before the base is rebuilt without them.
    /// Each apply rebuilds the overlay, so this bounds what one change costs (about 15 ms at
    /// 1,000 entries); a directory of 100,000 changing every few seconds reaches it in an hour.
    static func overlayLimit(baseCount: Int) -> Int { max(50, baseCount / 100) }

    var isReady: Bool { state.withLockedValue { $0.published != nil } }
    /// The index searches use now, without checking the log (for the follower's tests).
    var published: SearchIndex? { state.withLockedValue { $0.published?.index } }
    var work: Work { state.withLockedValue { $0.work } }

    /// The index as of now: it has every change committed before this call.
    func index(on database: any Database) async throws -> SearchIndex {
        let latest = try await latestReads.read(on: database)
        return try await index(atLeast: latest, on: database)
    }

    /// `work` done with the index as of now, started at once on the index already published
    /// while the log read is in flight (on PostgreSQL a network round trip, as long as the search
    /// itself). When the log has moved on, the apply starts; the early answer stands only while
    /// this instance has known of the change for less than `freshnessGrace`, and otherwise is
    /// dropped and `work` runs again once the change is applied. So a search waits for an apply
    /// only when applies fall behind, and sees every change at most `freshnessGrace` after this
    /// instance learnt of it (the follower learns within a poll, or at once by NOTIFY).
    func withIndex<Answer>(on database: any Database, _ work: (SearchIndex) throws -> Answer) async throws -> Answer {
        guard let published = state.withLockedValue({ $0.published }) else { return try work(try await index(on: database)) }
        async let latest = latestReads.read(on: database)
        let early = Result { try work(published.index) }
        let newest = try await latest
        if newest <= published.applied { return try early.get() }
        if freshnessGrace.allowsAnEarlyAnswer(knowingOf: newest) {
            _ = startOrJoinApply(on: database)
            return try early.get()
        }
        return try work(try await index(atLeast: newest, on: database))
    }

    /// Applies what is already in the log, so this instance's searches see a change made by the
    /// request that calls it. Does nothing before the first index is built.
    func catchUp(on database: any Database) async throws {
        guard isReady else { return }
        try await refresh(on: database)
    }

    /// Applies whatever is waiting, even with no new number in the log: numbers skipped earlier
    /// and a base built in the background. The follower calls it a few times a second.
    func refresh(on database: any Database) async throws {
        let latest = try await SearchChangeLog.latest(on: database)
        let hasMore = state.withLockedValue { state in
            guard let published = state.published else { return true }
            return published.applied < latest || !state.gaps.isEmpty || state.builtBase != nil
        }
        guard hasMore else { return }
        try await startOrJoinApply(on: database).value
    }

    /// Cancels a background rebuild and waits for it and for a running apply, so nothing reads
    /// the database after the application has shut it down.
    func stop() async {
        while true {
            let (applying, rebuilding) = state.withLockedValue { state in
                state.stopped = true
                state.rebuilding?.cancel()
                state.applying?.cancel()
                return (state.applying, state.rebuilding)
            }
            if applying == nil && rebuilding == nil { return }
            _ = try? await applying?.value
            await rebuilding?.value
        }
    }

    private func index(atLeast latest: Int64, on database: any Database) async throws -> SearchIndex {
        // An apply that began before `latest` was read may end short of it: then one more.
        for _ in 0..<4 {
            if let published = state.withLockedValue({ $0.published }), published.applied >= latest { return published.index }
            try await startOrJoinApply(on: database).value
        }
        if let published = state.withLockedValue({ $0.published }), published.applied >= latest { return published.index }
        throw Abort(.serviceUnavailable, reason: "The search index is catching up with changes.")
    }

    private func startOrJoinApply(on database: any Database) -> Task<Void, any Error> {
        state.withLockedValue { state in
            if let running = state.applying { return running }
            if state.stopped { return Task { throw CancellationError() } }
            let task = Task { [self] in
                defer { self.state.withLockedValue { $0.applying = nil } }
                try await self.applyPending(on: database)
            }
            state.applying = task
            return task
        }
    }

    /// One apply. Only one runs at a time (`startOrJoinApply`), so it owns the overlay and gaps.
    private func applyPending(on database: any Database) async throws {
        let (published, round) = state.withLockedValue { state in
            state.round += 1
            return (state.published, state.round)
        }
        guard let published else { return try await buildFirst(on: database) }

        var base = published.index.base
        var (overlay, gaps, built) = state.withLockedValue { ($0.overlay, $0.gaps, $0.builtBase) }
        var overlayChanged = false
        if let built {
            // What the overlay read before the new base began, the base has too.
            base = built.catalogue
            overlay = overlay.filter { $0.value.round > built.startedAfterRound }
            overlayChanged = true
        }

        let read = try await SearchChangeLog.read(after: published.applied, gaps: &gaps, on: database)
        let mustRebuild = read.everything || read.fellBehind
        let ids = Array(read.practitioners)
        let listed = try await SearchCatalogue.entries(for: ids, on: database)
        let listedByID = Dictionary(listed.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        for id in ids {
            if let entry = listedByID[id] {
                overlay[id] = OverlayItem(change: .listed(entry), round: round)
                overlayChanged = true
            } else if base.slot(of: id) != nil {
                overlay[id] = OverlayItem(change: .removed, round: round)
                overlayChanged = true
            } else if overlay.removeValue(forKey: id) != nil {
                overlayChanged = true
            }
            // Otherwise an unlisted draft changed: search has nothing to do.
        }
        let overlayIsFull = overlay.count > Self.overlayLimit(baseCount: base.ids.count)

        let index = overlayChanged ? Self.index(base: base, overlay: overlay) : published.index
        state.withLockedValue { state in
            state.published = Published(index: index, applied: max(published.applied, read.newest))
            state.overlay = overlay
            state.gaps = gaps
            // Only the base adopted here: a newer one may have been built meanwhile.
            if let built, state.builtBase?.generation == built.generation { state.builtBase = nil }
            freshnessGrace.applied(upTo: state.published!.applied)
            state.work.applies += 1
            state.work.practitionersReloaded += ids.count
            if overlayChanged { state.work.overlayBuilds += 1 }
        }
        if mustRebuild || overlayIsFull { requestRebuild(afterRound: round, mustInclude: mustRebuild, on: database) }
    }

    private func buildFirst(on database: any Database) async throws {
        let (catalogue, position) = try await SearchCatalogue.load(from: database)
        catalogue.warmUp(on: today())
        state.withLockedValue { state in
            state.published = Published(index: SearchIndex(base: catalogue), applied: position)
            state.overlay = [:]
            state.work.fullBuilds += 1
        }
        SearchCatalogue.returnFreedMemory()
        logger.debug("Search index built", metadata: ["listings": "\(catalogue.ids.count)", "log": "\(position)"])
    }

    private static func index(base: SearchCatalogue, overlay: [UUID: OverlayItem]) -> SearchIndex {
        var hidden = SlotSet(size: base.ids.count)
        var entries: [SearchCatalogue.Entry] = []
        for (id, item) in overlay {
            if let slot = base.slot(of: id) { hidden.insert(slot) }
            if case .listed(let entry) = item.change { entries.append(entry) }
        }
        entries.sort { $0.id.uuidString < $1.id.uuidString }
        return SearchIndex(base: base, hidden: hidden, overlay: .of(entries, taxonomy: base.taxonomy))
    }

    /// Builds a new base from the whole directory, while searches go on over the current one.
    /// `mustInclude`: the reason (a topic renamed, the log trimmed) needs a base begun after
    /// `round`, so one already running is followed by another.
    private func requestRebuild(afterRound round: Int, mustInclude: Bool, on database: any Database) {
        state.withLockedValue { state in
            guard !state.stopped else { return }
            if state.rebuilding != nil {
                if mustInclude { state.rebuildAgainAfterRound = max(state.rebuildAgainAfterRound ?? 0, round) }
                return
            }
            state.rebuilding = Task { [self] in await self.rebuild(afterRound: round, on: database) }
        }
    }

    private func rebuild(afterRound round: Int, on database: any Database) async {
        do {
            let (catalogue, _) = try await SearchCatalogue.load(from: database)
            try Task.checkCancellation()
            catalogue.warmUp(on: today())
            state.withLockedValue { state in
                state.builtGeneration += 1
                state.builtBase = (catalogue, round, state.builtGeneration)
                state.work.fullBuilds += 1
            }
            SearchCatalogue.returnFreedMemory()
            _ = startOrJoinApply(on: database)
        } catch is CancellationError {
        } catch {
            // What asked for it (a renamed topic, a trimmed log) still needs it: try again soon.
            logger.warning("Search index: a background rebuild failed; trying again in 5 s", metadata: [
                "error": "\(String(reflecting: type(of: error)))",
            ])
            try? await Task.sleep(for: .seconds(5))
            state.withLockedValue { $0.rebuildAgainAfterRound = max($0.rebuildAgainAfterRound ?? 0, round) }
        }
        let again = state.withLockedValue { state in
            defer { state.rebuilding = nil; state.rebuildAgainAfterRound = nil }
            return state.rebuildAgainAfterRound
        }
        if let again, !Task.isCancelled { requestRebuild(afterRound: again, mustInclude: true, on: database) }
    }
}
