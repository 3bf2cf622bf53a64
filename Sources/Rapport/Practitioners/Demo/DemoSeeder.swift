import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Adds fictional, verified practitioners to whatever is in the database, in large batches so
/// 100,000 take well under a minute.
struct DemoSeeder {
    /// Rows a transaction: large on SQLite (fewer commits), smaller on PostgreSQL, whose
    /// statements take at most 65,535 values.
    static func batchSize(_ database: any Database) -> Int {
        (database as? any SQLDatabase)?.dialect.name == "sqlite" ? 5_000 : 1_000
    }

    let app: Application

    /// Returns how many were added.
    @discardableResult
    func seed(count: Int, seed: UInt64, today: String, progress: (@Sendable (Int) -> Void)? = nil) async throws -> Int {
        guard count > 0 else { return 0 }
        let database = app.db
        let topics = try await Topic.query(on: database).sort(\.$slug).all()
        let approaches = try await Approach.query(on: database).sort(\.$slug).all()
        let alreadyThere = try await Practitioner.query(on: database).filter(\.$isDemo == true).count()

        let now = Date()
        let places = app.gazetteer.places
        let topicChoices = topics.map { (choice: DemoGenerator.Choice(id: $0.id!, name: $0.name), slug: $0.slug) }
        let approachChoices = approaches.map { (choice: DemoGenerator.Choice(id: $0.id!, name: $0.name), audience: $0.audience) }
        // One connection for the whole load, so its page cache stays warm from batch to batch.
        let made = try await database.withConnection { connection in
            var generator = DemoGenerator(
                seed: seed, today: today, firstNumber: alreadyThere, places: places,
                topics: topicChoices, approaches: approachChoices)
            var made = 0
            if let sql = connection as? any SQLDatabase, sql.dialect.name == "sqlite" {
                // Random UUID keys touch pages all over the file: with SQLite's default 2 MB
                // cache that is a read per row. A large cache and memory-mapped reads keep the
                // indexes in memory while loading.
                try await sql.raw("PRAGMA cache_size = -262144").run()
                try await sql.raw("PRAGMA mmap_size = 1073741824").run()
                // In WAL mode NORMAL cannot corrupt the file; at worst a power cut loses the last
                // batches of fictional people. FULL comes back before anything else uses this
                // connection.
                try await sql.raw("PRAGMA synchronous = NORMAL").run()
                // One checkpoint at the end instead of one (with its fsync) every 4 MB.
                try await sql.raw("PRAGMA wal_autocheckpoint = 0").run()
            }
            let batchSize = Self.batchSize(connection)
            func restoreDurability() async throws {
                if let sql = connection as? any SQLDatabase, sql.dialect.name == "sqlite" {
                    try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
                    try await sql.raw("PRAGMA wal_autocheckpoint = 1000").run()
                    try await sql.raw("PRAGMA synchronous = FULL").run()
                }
            }
            do {
                while made < count {
                    let batch = (0..<min(batchSize, count - made)).map { _ in generator.next() }
                    try await connection.transaction { transaction in
                        guard let sql = transaction as? any SQLDatabase else { throw Abort(.internalServerError, reason: "SQL database needed") }
                        try await Self.insert(batch, now: now, today: today, into: sql)
                    }
                    made += batch.count
                    progress?(made)
                }
            } catch {
                try? await restoreDurability()
                throw error
            }
            try await restoreDurability()
            return made
        }
        app.demoDataStatus.forget()
        return made
    }

    private static func insert(_ batch: [DemoGenerator.Record], now: Date, today: String, into sql: any SQLDatabase) async throws {
        var practitioners = sql.insert(into: Practitioner.schema).columns(
            "id", "kind", "display_name", "slug", "pronouns", "headline", "about", "qualifications", "professional_body",
            "registration_number", "insurance_confirmed", "verification_status", "verified_at", "visibility", "offers_in_person",
            "offers_online", "offers_phone", "fee_min_pence", "fee_max_pence", "concessions", "free_first_conversation",
            "free_first_conversation_minutes", "gender", "works_with_individuals", "works_with_couples", "works_with_families",
            "works_with_young_people", "accepting_new_clients", "availability_confirmed_on", "shuffle_seed", "is_demo",
            "created_at", "updated_at")
        var locations = sql.insert(into: PractitionerLocation.schema).columns(
            "id", "practitioner_id", "place_label", "latitude", "longitude", "unit_x", "unit_y", "unit_z")
        var languages = sql.insert(into: PractitionerLanguage.schema).columns("id", "practitioner_id", "language")
        var topics = sql.insert(into: PractitionerTopic.schema).columns("id", "practitioner_id", "topic_id")
        var approaches = sql.insert(into: PractitionerApproach.schema).columns("id", "practitioner_id", "approach_id")
        var diaries = sql.insert(into: CallSettings.schema).columns(
            "id", "practitioner_id", "how", "video_link", "notice_hours", "days_ahead", "buffer_minutes", "confirms_each", "weekly_hours",
            "time_off", "updated_at")
        var anyDiary = false

        // Row ids of the attached tables come from the batch's first id, so they repeat with the seed.
        let first = batch[0].id.uuid
        var idRandom = SeededRandom(mixing: [first.0, first.3, first.5, first.7, first.9, first.11, first.13, first.15].map(UInt64.init))
        for record in batch {
            practitioners = practitioners.values(
                SQLBind(record.id), SQLBind(record.kind.rawValue), SQLBind(record.displayName), SQLBind(record.slug),
                SQLBind(record.pronouns), SQLBind(record.headline), SQLBind(record.about), SQLBind(record.qualifications),
                SQLBind(record.professionalBody), SQLBind(record.registrationNumber), SQLBind(true),
                SQLBind(VerificationStatus.verified.rawValue), SQLBind(now), SQLBind(Visibility.visible.rawValue),
                SQLBind(record.offersInPerson), SQLBind(record.offersOnline), SQLBind(record.offersPhone),
                SQLBind(record.feeMinPence), SQLBind(record.feeMaxPence), SQLBind(record.concessions),
                SQLBind(record.freeFirstConversationMinutes != nil), SQLBind(record.freeFirstConversationMinutes),
                SQLBind(record.gender?.rawValue), SQLBind(record.worksWith.contains(.individuals)),
                SQLBind(record.worksWith.contains(.couples)), SQLBind(record.worksWith.contains(.families)),
                SQLBind(record.worksWith.contains(.youngPeople)), SQLBind(record.acceptingNewClients),
                SQLBind(record.availabilityConfirmedOn), SQLBind(record.shuffleSeed), SQLBind(true), SQLBind(now), SQLBind(now))
            for place in record.places {
                let vector = place.unitVector
                locations = locations.values(
                    SQLBind(idRandom.uuid()), SQLBind(record.id), SQLBind(place.label), SQLBind(place.latitude),
                    SQLBind(place.longitude), SQLBind(vector.x), SQLBind(vector.y), SQLBind(vector.z))
            }
            for language in record.languages {
                languages = languages.values(SQLBind(idRandom.uuid()), SQLBind(record.id), SQLBind(language))
            }
            for topicID in record.topicIDs {
                topics = topics.values(SQLBind(idRandom.uuid()), SQLBind(record.id), SQLBind(topicID))
            }
            for approachID in record.approachIDs {
                approaches = approaches.values(SQLBind(idRandom.uuid()), SQLBind(record.id), SQLBind(approachID))
            }
            // Those who offer a free first conversation publish weekly hours for it.
            if record.freeFirstConversationMinutes != nil {
                let diary = DemoCallHours.diary(seed: record.shuffleSeed, slug: record.slug, offersPhone: record.offersPhone)
                diaries = diaries.values(
                    SQLBind(idRandom.uuid()), SQLBind(record.id), SQLBind(diary.how.rawValue), SQLBind(diary.videoLink),
                    SQLBind(CallSettings.defaultNoticeHours), SQLBind(CallSettings.defaultDaysAhead), SQLBind(CallSettings.defaultBufferMinutes),
                    SQLBind(diary.confirmsEach), SQLBind(diary.weeklyHours), SQLBind(""), SQLBind(now))
                anyDiary = true
            }
        }
        // Parents first: the others refer to them.
        try await practitioners.run()
        try await locations.run()
        try await languages.run()
        try await topics.run()
        try await approaches.run()
        if anyDiary { try await diaries.run() }
    }
}

/// `rapport seed-demo --count N --seed S`: adds N fictional practitioners (migrating first if
/// needed) to whatever is already there.
struct SeedDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "count", help: "How many practitioners to add (default 500).")
        var count: Int?
        @Option(name: "seed", help: "Seed for the random choices (default 1): the same seed and day give the same people.")
        var seed: UInt64?
    }

    var help: String { "Adds fictional demo practitioners (for trying the site and for benchmarks)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let count = signature.count ?? 500
        guard (1...2_000_000).contains(count) else {
            throw ConfigurationError(variable: "--count", problem: "must be from 1 to 2,000,000")
        }
        let app = context.application
        try await DatabasePreparation.prepare(app, migrate: true, demoCountIfEmpty: nil)
        let start = ContinuousClock.now
        // A large seed takes minutes: say how far it has got, every tenth (at most every 50,000).
        let step = max(1, min(50_000, count / 10))
        let console = context.console
        let reported = NIOLockedValueBox(0)
        let added = try await StartupLock.withLock(app) {
            try await DemoSeeder(app: app).seed(count: count, seed: signature.seed ?? 1, today: LondonCalendar.today()) { made in
                let isDue = reported.withLockedValue { last in
                    guard made - last >= step, made < count else { return false }
                    last = made
                    return true
                }
                guard isDue else { return }
                let elapsed = Double((ContinuousClock.now - start).components.seconds)
                console.print("  \(made) of \(count) added (\(Int(elapsed)) s, \(elapsed > 0 ? Int(Double(made) / elapsed) : 0) a second)")
            }
        }
        let seconds = (ContinuousClock.now - start).components.seconds
        context.console.print("Added \(added) demo practitioners in \(seconds) s.")
    }
}
