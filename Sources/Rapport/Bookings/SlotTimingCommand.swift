import Fluent
import Vapor

/// `rapport slot-timing`: times listing one practitioner's free first conversation times, 24
/// days ahead with 200 calls already booked, and prints p50 and p99 in milliseconds as JSON.
/// For `bench/slot-benchmark.sh`; it adds one fictional practitioner to the database it is given.
struct SlotTimingCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "bookings", help: "Calls already booked (default 200).")
        var bookings: Int?
        @Option(name: "repeat", help: "How many times to list the times (default 1000).")
        var repetitions: Int?
    }

    var help: String { "Times listing 24 days of free first conversation times with existing bookings; prints JSON." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await DatabasePreparation.prepare(app, migrate: true, demoCountIfEmpty: nil)
        let existing = try await Practitioner.query(on: app.db).filter(\.$isDemo == true).count()
        try await DemoSeeder(app: app).seed(count: 1, seed: UInt64(existing + 1), today: LondonCalendar.today())
        guard let practitioner = try await Practitioner.query(on: app.db).filter(\.$isDemo == true).sort(\.$createdAt, .descending).first() else {
            throw Abort(.internalServerError, reason: "no practitioner to time")
        }
        practitioner.freeFirstConversation = true
        practitioner.freeFirstConversationMinutes = 15
        practitioner.acceptingNewClients = true
        try await practitioner.save(on: app.db)
        try await CallSettings.query(on: app.db).filter(\.$practitioner.$id == practitioner.requireID()).delete()
        // Every day 08:00-21:00: 39 times a day, 24 days ahead.
        let settings = CallSettings()
        settings.$practitioner.id = try practitioner.requireID()
        (settings.how, settings.videoLink, settings.confirmsEach) = (.phone, nil, false)
        (settings.noticeHours, settings.daysAhead, settings.bufferMinutes) = (0, 24, 5)
        settings.weeklyHours = CallSettings.storedHours((1...7).map { .init(weekday: $0, startMinute: 8 * 60, endMinute: 21 * 60) })
        (settings.timeOff, settings.updatedAt) = ("", Date())
        try await settings.create(on: app.db)

        let service = BookingService(app: app, database: app.db)
        let free = try await service.offers(for: practitioner, settings: settings, limit: .max)
        let wanted = min(max(0, signature.bookings ?? 200), free.count)
        let step = max(1, free.count / max(1, wanted))
        for offer in stride(from: 0, to: free.count, by: step).prefix(wanted).map({ free[$0] }) {
            let booking = try service.newBooking(offer.slot, of: practitioner, settings: settings, status: .confirmed)
            try await booking.create(on: app.db)
        }
        let taken = try await Booking.query(on: app.db).filter(\.$practitioner.$id == practitioner.requireID()).filter(\.$isActive == true).all()
            .map { SlotPlanner.Taken(fromEpoch: $0.blockedFromEpoch, untilEpoch: $0.blockedUntilEpoch) }
        let planner = settings.planner(minutes: 15)
        let repetitions = max(1, signature.repetitions ?? 1000)
        var listed = 0
        let core = try await SearchTimingCommand.time(repetitions) { listed = planner.offers(now: Date(), taken: taken).count }
        let whole = try await SearchTimingCommand.time(repetitions) { _ = try await service.offers(for: practitioner, settings: settings, limit: .max) }
        context.console.print(String(
            format: #"{"bookings": %d, "times_listed": %d, "p50_ms": %.3f, "p99_ms": %.3f, "planner_p50_ms": %.3f, "planner_p99_ms": %.3f, "runs": %d}"#,
            taken.count, listed, whole.p50, whole.p99, core.p50, core.p99, repetitions))
    }
}
