import CRapportMemory
import Fluent
import Foundation
import NIOPosix
import SQLKit

extension SearchCatalogue {
    /// Listings are read this many at a time, each batch with its topics, approaches, languages
    /// and places in one short transaction. Fluent gives SQLite one connection per event loop:
    /// a single transaction for the whole build held it for 15 seconds at 100,000 listings, and
    /// every other request on that loop waited and timed out. Between batches the connection is
    /// free, and building (the CPU work) happens outside any transaction.
    static let batchSize = 500

    /// How many batches are read side by side, ahead of the one being built: reading a batch
    /// (the database's work, then decoding and stemming) costs several times what building it
    /// does, so one reader at a time left a core idle.
    static let batchesReadAhead = 3

    /// Reads every publicly listed practitioner, and the change-log position the result is at
    /// least as new as.
    ///
    /// The position is read first. Each batch is consistent in itself; a change committed while
    /// the build runs may or may not be in it, but it is also in the log past that position, so
    /// the index applies it again afterwards (reading a practitioner twice does no harm).
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
        // Each batch's decoding and stemming runs on the next event loop in turn. Tasks stay on
        // the loop that resumes them, and every database reply arrives on one loop: without this
        // the whole build ran on one core.
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())

        let stemmers = loops.map { _ in CatalogueStemmer() }
        var builder = Builder(taxonomy: taxonomy, listingCount: listingCount)
        func read(_ number: Int) -> Task<[Entry], any Error> {
            Task {
                try await database.transaction { transaction in
                    try await readRows(
                        batches[number], stemmer: stemmers[number % loops.count], decodingOn: loops[number % loops.count], on: transaction)
                }
            }
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
    /// Outside a transaction, so the four related reads run side by side on their own
    /// connections: under load, each round trip waits its turn on a busy event loop, and every
    /// search that needs this apply waits with it. A change committed between the reads may be
    /// half in them, but it is also in the log, so the next apply reads that practitioner again.
    static func entries(for ids: [UUID], on database: any Database) async throws -> [Entry] {
        var entries: [Entry] = []
        let stemmer = CatalogueStemmer()
        for chunk in stride(from: 0, to: ids.count, by: batchSize).map({ ids[$0..<min($0 + batchSize, ids.count)] }) {
            entries += try await readRows(.ids(Array(chunk)), isolated: false, stemmer: stemmer, decodingOn: database.eventLoop, on: database)
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
