import Fluent
import SQLKit
import Vapor

/// Free first conversations: the times on offer, holding one while the form is finished, and
/// turning it into a booking in the same transaction as the enquiry. The feature's public
/// service type, used by Get in touch and the profile page.
struct BookingService {
    /// How long a chosen time is kept for someone finishing the form.
    static let holdMinutes = 10
    static let timeGone = "Sorry, that time has just been taken, or is no longer offered. Please choose another: the next free times are below."
    /// The lengths a practitioner can choose.
    static let lengths = [10, 15, 20, 30]

    let app: Application
    let database: any Database

    var keys: DataKeyRing { app.dataKeys }
    var now: Date { app.now }

    /// The time was taken (by someone else, or it is no longer offered): show the next ones.
    struct Unavailable: Error {}

    /// A practitioner's settings, when they offer free first conversations at set hours.
    func bookable(_ practitioner: Practitioner) async throws -> CallSettings? {
        guard practitioner.freeFirstConversation, ListingPolicy.takesEnquiries(practitioner) else { return nil }
        guard let settings = try await CallSettings.query(on: database).filter(\.$practitioner.$id == practitioner.requireID()).first(),
            !settings.weeklyHours.isEmpty
        else { return nil }
        return settings
    }

    /// The next times on offer, earliest first. A hold key or a booking passed in does not count
    /// against them: the person holding, or the booking being moved, may keep its own time.
    func offers(
        for practitioner: Practitioner, settings: CallSettings, limit: Int = 60, holdKey: String? = nil, moving booking: Booking? = nil
    ) async throws -> [SlotPlanner.Offer] {
        let nowEpoch = Int(now.timeIntervalSince1970)
        let holdHash = holdKey.map(SecretToken.hash)
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "listing free times") }
        // Only the columns the planner needs, and only what falls inside the days on offer:
        // this runs on every profile view, and decoding whole models cost more than planning.
        let windowEnd = nowEpoch + (settings.daysAhead + 2) * 86_400
        // From the start of this London week: calls earlier today and this week count towards
        // the daily and weekly limits, though they clash with nothing.
        let today = LondonCalendar.dayNumber(LondonWallClock.slot(at: now).day) ?? nowEpoch / 86_400
        let weekStart = (today - ((today % 7) + 10) % 7) * 86_400 - 7_200
        let rows = try await sql.select()
            .columns("id", "status", "hold_key_hash", "hold_expires_epoch", "blocked_from_epoch", "blocked_until_epoch")
            .from(Booking.schema)
            .where("practitioner_id", .equal, practitioner.requireID())
            .where("is_active", .equal, true)
            .where("blocked_until_epoch", .greaterThan, weekStart)
            .where("blocked_from_epoch", .lessThan, windowEnd)
            .all()
        var taken: [SlotPlanner.Taken] = []
        taken.reserveCapacity(rows.count)
        for row in rows {
            if let booking, try row.decode(column: "id", as: UUID.self) == booking.id { continue }
            if try row.decode(column: "status", as: String.self) == Booking.Status.held.rawValue {
                if let holdHash, try row.decode(column: "hold_key_hash", as: String?.self) == holdHash { continue }
                if let expires = try row.decode(column: "hold_expires_epoch", as: Int?.self), expires < nowEpoch { continue }
            }
            taken.append(.init(fromEpoch: try row.decode(column: "blocked_from_epoch", as: Int.self), untilEpoch: try row.decode(column: "blocked_until_epoch", as: Int.self)))
        }
        return settings.planner(minutes: practitioner.freeFirstConversationMinutes ?? 15).offers(now: now, taken: taken, limit: limit)
    }

    /// Holds a time for `holdMinutes`; the key goes in the form. Holding another time gives up
    /// the one held before. Nil when the time is not (or no longer) free.
    func hold(_ slot: WallClockSlot, of practitioner: Practitioner, settings: CallSettings, replacing oldKey: String?) async throws -> (key: String, until: Date)? {
        if let oldKey { try await release(holdKey: oldKey, of: practitioner) }
        guard try await offers(for: practitioner, settings: settings).contains(where: { $0.slot == slot }) else { return nil }
        let key = SecretToken.make()
        let booking = try newBooking(slot, of: practitioner, settings: settings, status: .held)
        booking.holdKeyHash = SecretToken.hash(key)
        let until = now.addingTimeInterval(TimeInterval(Self.holdMinutes * 60))
        booking.holdExpiresEpoch = Int(until.timeIntervalSince1970)
        do {
            try await releaseExpiredHolds(of: practitioner, on: database)
            try await booking.create(on: database)
        } catch {
            // The database refused an overlap: someone else has just taken it.
            if try await isTaken(booking) { return nil }
            throw error
        }
        return (key, until)
    }

    /// The hold with this key, if it is still there (even a few minutes late, while nobody else took it).
    func held(_ key: String, of practitioner: Practitioner) async throws -> Booking? {
        try await Booking.query(on: database).filter(\.$practitioner.$id == practitioner.requireID())
            .filter(\.$holdKeyHash == SecretToken.hash(key)).filter(\.$status == .held).first()
    }

    func release(holdKey: String, of practitioner: Practitioner) async throws {
        try await Booking.query(on: database).filter(\.$practitioner.$id == practitioner.requireID())
            .filter(\.$holdKeyHash == SecretToken.hash(holdKey)).filter(\.$status == .held).delete()
    }

    /// Makes the booking for an enquiry copy, inside the enquiry's own transaction, so either both
    /// are kept or neither. Throws `Unavailable` when the time has gone; the transaction then
    /// rolls back and the person is offered the next times.
    func book(
        _ slot: WallClockSlot, holdKey: String?, of practitioner: Practitioner, settings: CallSettings, for copy: Enquiry, on transaction: any Database
    ) async throws -> (booking: Booking, token: String) {
        let within = BookingService(app: app, database: transaction)
        // Expired holds go first, this person's too: a hold kept past its ten minutes is booked
        // afresh below if nobody else has taken the time.
        try await releaseExpiredHolds(of: practitioner, on: transaction)
        let held = try await holdKey.asyncFlatMap { try await within.held($0, of: practitioner) }
        let booking: Booking
        if let held, held.localStart == slot.id {
            booking = held
        } else {
            if let held { try await held.delete(on: transaction) }
            guard try await within.offers(for: practitioner, settings: settings, holdKey: holdKey).contains(where: { $0.slot == slot }) else { throw Unavailable() }
            booking = try newBooking(slot, of: practitioner, settings: settings, status: .held)
        }
        let token = SecretToken.make()
        booking.$enquiry.id = try copy.requireID()
        booking.status = settings.confirmsEach ? .requested : .confirmed
        booking.holdKeyHash = nil
        booking.holdExpiresEpoch = nil
        booking.tokenHash = SecretToken.hash(token)
        booking.sealedToken = try keys.seal(token, for: .bookingToken)
        booking.updatedAt = now
        // If the database refuses this as an overlap, the transaction is over: the caller asks
        // `isTaken(_:of:settings:)` afterwards, outside it.
        try await booking.save(on: transaction)
        return (booking, token)
    }

    func newBooking(_ slot: WallClockSlot, of practitioner: Practitioner, settings: CallSettings, status: Booking.Status) throws -> Booking {
        let booking = Booking()
        booking.$practitioner.id = try practitioner.requireID()
        booking.status = status
        booking.isActive = status.takesUpTime
        booking.timeZone = LondonWallClock.zoneIdentifier
        booking.how = settings.how
        booking.sequence = 0
        booking.createdAt = now
        booking.updatedAt = now
        try booking.place(at: slot, minutes: practitioner.freeFirstConversationMinutes ?? 15, bufferMinutes: settings.bufferMinutes)
        return booking
    }

    /// Whether a time is taken by an active booking: after a failed booking, outside its transaction.
    /// The person's own hold (`holdKey`) does not count.
    func isTaken(_ slot: WallClockSlot, of practitioner: Practitioner, settings: CallSettings, holdKey: String?) async throws -> Bool {
        guard let candidate = try? newBooking(slot, of: practitioner, settings: settings, status: .held) else { return true }
        return try await isTaken(candidate, holdKey: holdKey)
    }

    /// Whether another active booking covers any of this one's time: after the database refused
    /// a write, this tells "someone else took it" from any other failure.
    func isTaken(_ booking: Booking, holdKey: String? = nil) async throws -> Bool {
        var query = Booking.query(on: database).filter(\.$practitioner.$id == booking.$practitioner.id).filter(\.$isActive == true)
            .filter(\.$blockedFromEpoch < booking.blockedUntilEpoch).filter(\.$blockedUntilEpoch > booking.blockedFromEpoch)
        if let id = booking.id { query = query.filter(\.$id != id) }
        let ownHold = holdKey.map(SecretToken.hash)
        return try await query.all().contains { $0.holdKeyHash == nil || $0.holdKeyHash != ownHold }
    }

    /// Holds whose ten minutes are over give their time back.
    func releaseExpiredHolds(of practitioner: Practitioner, on database: any Database) async throws {
        try await Booking.query(on: database).filter(\.$practitioner.$id == practitioner.requireID()).filter(\.$status == .held)
            .filter(\.$holdExpiresEpoch < Int(now.timeIntervalSince1970)).delete()
    }

    /// The free first conversation booked with an enquiry, as a line and a link for its page.
    func summary(forEnquiry id: UUID) async throws -> (label: String, href: String)? {
        guard let booking = try await Booking.query(on: database).filter(\.$enquiry.$id == id).sort(\.$createdAt, .descending).first() else { return nil }
        let when = booking.slot.map(LondonWallClock.label) ?? booking.localStart
        return ("\(when): \(BookingPageView.statusText(booking, forPractitioner: true, otherName: "They"))", SiteURL.practitionerBooking(id: try booking.requireID().uuidString).path)
    }

    /// Before a person deletes their enquiry: its calls still to come are cancelled (both sides
    /// told, calendars updated) and any reminders taken back, so nothing about it is left to send.
    func cancelAll(forEnquiries ids: [UUID]) async throws {
        for booking in try await Booking.query(on: database).filter(\.$enquiry.$id ~~ ids).all() {
            if isChangeable(booking) { try await cancel(booking, by: .person, reason: nil) }
            try await Mailer.withdraw(reference: Self.reminderReference(booking), on: database)
        }
    }

    static func reminderReference(_ booking: Booking) throws -> String {
        "booking-reminder:\(try booking.requireID().uuidString.lowercased())"
    }

    /// The booking a private link opens, or nil for a wrong or old link.
    func booking(forToken token: String) async throws -> Booking? {
        guard !token.isEmpty, token.count <= 64 else { return nil }
        return try await Booking.query(on: database).filter(\.$tokenHash == SecretToken.hash(token)).with(\.$practitioner).first()
    }
}

extension Booking {
    /// Sets the wall-clock start and works out the time it blocks (call plus buffer).
    func place(at slot: WallClockSlot, minutes: Int, bufferMinutes: Int) throws {
        guard let start = LondonWallClock.instant(slot) else { throw BookingService.Unavailable() }
        localStart = slot.id
        self.minutes = minutes
        self.bufferMinutes = bufferMinutes
        blockedFromEpoch = Int(start.timeIntervalSince1970)
        blockedUntilEpoch = blockedFromEpoch + (minutes + bufferMinutes) * 60
    }

    /// The instant the call starts, worked out from its wall-clock time.
    var start: Date { slot.flatMap(LondonWallClock.instant) ?? Date(timeIntervalSince1970: TimeInterval(blockedFromEpoch)) }
    var end: Date { start.addingTimeInterval(TimeInterval(minutes * 60)) }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension Request {
    var bookings: BookingService { BookingService(app: application, database: db) }
}

extension EncryptedColumn {
    static let bookingToken = EncryptedColumn(table: "bookings", column: "sealed_token", idColumn: "id")
    static let bookingCancelReason = EncryptedColumn(table: "bookings", column: "sealed_cancel_reason", idColumn: "id")
}
