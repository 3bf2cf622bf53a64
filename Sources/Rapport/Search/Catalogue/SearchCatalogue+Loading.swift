import CRapportMemory
import Fluent
import Foundation
import NIOCore
import NIOPosix
import SQLKit

extension SearchCatalogue {
    /// Listings are read this many at a time, each batch with its topics, approaches, languages
    /// and places. Fluent gives SQLite one connection per event loop: one transaction for the
    /// whole build held it for 15 seconds at 100,000 listings, and every other request on that
    /// loop waited and timed out. Between a batch's reads the connection is free.
    static let batchSize = 1_000

    /// How many batches are read side by side, ahead of the one being built: reading a batch
    /// (the database's work, then decoding and stemming) costs several times what building it
    /// does, so one reader at a time left a core idle. At a million, 1,000 and 6 gave a cold
    /// build of 51 to 55 s against 62 to 64 s for 500 and 3, for 30 MB more at the peak.
    static let batchesReadAhead = 6

    /// Reads every publicly listed practitioner, and the change-log position the result is at
    /// least as new as.
    ///
    /// The position is read first. A change committed while the build runs may be in it, wholly
    /// or in part, or not at all; it is also in the log past that position, so the index applies
    /// it again afterwards (reading a practitioner twice does no harm).
    static func load(from database: any Database, batchSize: Int = batchSize) async throws -> (catalogue: SearchCatalogue, logPosition: Int64) {
        guard let sql = database as? any SQLDatabase else { throw CatalogueError.needsSQL }
        let logPosition = try await SearchChangeLog.latest(on: database)
        let taxonomy = try await CatalogueTaxonomy.load(from: database)
        let listingCount = try await sql.raw(
            """
            SELECT COUNT(*) AS listings FROM practitioners WHERE \(ListingPolicy.listedStatusSQL)
            """
        ).first()?.decode(column: "listings", as: Int.self) ?? 0
        // Every batchSize-th id, listed or not, ends a batch. With the ends known first, batches
        // can be read side by side; a practitioner added meanwhile falls in one of them.
        let ends = try await CatalogueRows.select(
            ["id"],
            """
            FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS place_in_order FROM practitioners) AS numbered \
            WHERE place_in_order % \(unsafeRaw: String(batchSize)) = 0 ORDER BY id
            """, on: sql
        ).map { try $0.decode(0, as: UUID.self) }
        let batches = zip([nil] + ends, ends + [nil]).map { Selection.range(after: $0, through: $1) }
        // One stemmer per pool thread, so batches decoded side by side rarely share a lock.
        let stemmers = (0..<System.coreCount).map { _ in CatalogueStemmer() }
        var builder = Builder(taxonomy: taxonomy, listingCount: listingCount)
        func read(_ number: Int) -> Task<[Entry], any Error> {
            Task { try await readRows(batches[number], stemmer: stemmers[number % stemmers.count], on: database) }
        }
        var reading = batches.indices.prefix(batchesReadAhead).map(read)
        var nextBatch = reading.count
        defer { reading.forEach { $0.cancel() } }
        while !reading.isEmpty {
            let entries = try await reading.removeFirst().value
            if nextBatch < batches.count {
                reading.append(read(nextBatch))
                nextBatch += 1
            }
            for entry in entries { builder.add(entry) }
            // Building is steady CPU work: let waiting searches run between batches.
            await Task.yield()
            try Task.checkCancellation()
        }
        return (builder.finish(), logPosition)
    }

    /// The current entries of `ids` that are publicly listed, in id order, read together (in
    /// batches of `batchSize`): what applying a few changes costs.
    ///
    /// Under load, each round trip waits its turn on a busy event loop, and every search that
    /// needs this apply waits with it: so the reads run side by side (see `readRows`).
    static func entries(for ids: [UUID], on database: any Database) async throws -> [Entry] {
        var entries: [Entry] = []
        let stemmer = CatalogueStemmer()
        for chunk in stride(from: 0, to: ids.count, by: batchSize).map({ ids[$0..<min($0 + batchSize, ids.count)] }) {
            entries += try await readRows(.ids(Array(chunk)), stemmer: stemmer, on: database)
        }
        return entries.sorted { $0.id.uuidString < $1.id.uuidString }
    }
}

extension SearchCatalogue {
    /// Works out the day's shuffle before a new catalogue serves, so the first searches after a
    /// build do not each pay for it over the whole directory.
    func warmUp(on day: String) {
        _ = shuffleKeys(on: day)
    }

    /// Building reads every listing's text: tens of megabytes the allocator would otherwise keep
    /// for good once freed, so the server's resident memory would never come back down.
    static func returnFreedMemory() {
        _ = rapport_release_free_memory()
    }
}
