import Fluent
import SQLKit
import Vapor

/// What either side can do to a booking after it is made: confirm or decline it, move it,
/// cancel it until it starts, and afterwards say whether it happened. Each change tells both
/// sides and updates their calendars, in one transaction with the change itself.
extension BookingService {
    enum Side: String, Sendable {
        case person, practitioner
    }

    /// Why a change could not be made; the page shows what happened instead.
    enum Refusal: Error, Equatable {
        /// Cancelled, finished or already started: nothing more to change.
        case over
        /// The new time is no longer free.
        case timeTaken
        /// Only after the call's start.
        case notYet
    }

    /// A booking can be moved or cancelled while it is requested or confirmed and has not started.
    func isChangeable(_ booking: Booking) -> Bool {
        (booking.status == .requested || booking.status == .confirmed) && booking.start > now
    }

    /// Takes the booking for one change, inside that change's transaction: a conditional update
    /// that only one of two changes made at the same moment can win (on PostgreSQL the second
    /// waits for the first and then finds the status changed), so a confirm and a cancel can't
    /// both happen.
    private func claim(_ booking: Booking, whileIn statuses: [Booking.Status], on transaction: any Database) async throws {
        guard let sql = transaction as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "changing a booking") }
        let rows = try await sql.update(Booking.schema).set("updated_at", to: now)
            .where("id", .equal, booking.requireID()).where("status", .in, statuses.map(\.rawValue))
            .returning("id").all()
        guard !rows.isEmpty else { throw Refusal.over }
    }

    /// The practitioner confirms a request.
    func confirm(_ booking: Booking) async throws {
        guard booking.status == .requested, booking.start > now else { throw Refusal.over }
        try await database.transaction { transaction in
            try await claim(booking, whileIn: [.requested], on: transaction)
            booking.status = .confirmed
            booking.updatedAt = now
            try await booking.save(on: transaction)
            try await announce(.confirmed, booking, on: transaction)
        }
    }

    /// Cancels the call; its time is free again. A practitioner gives a reason, which the person
    /// reads on their page.
    func cancel(_ booking: Booking, by side: Side, reason: String?) async throws {
        guard isChangeable(booking) else { throw Refusal.over }
        // Only a call that was in calendars gets a cancellation for them.
        let wasInCalendars = booking.status == .confirmed
        try await database.transaction { transaction in
            try await claim(booking, whileIn: [.requested, .confirmed], on: transaction)
            booking.status = .cancelled
            booking.isActive = false
            booking.cancelledBy = side.rawValue
            booking.sealedCancelReason = try reason.map { try keys.seal($0, for: .bookingCancelReason) }
            booking.sequence += 1
            booking.updatedAt = now
            try await booking.save(on: transaction)
            try await announce(.cancelled, booking, on: transaction, sendsInvite: wasInCalendars)
        }
    }

    /// Moves the call to another free time, at the practitioner's current length and buffer.
    /// The database refuses the move if the new time overlaps another booking.
    func move(_ booking: Booking, to slot: WallClockSlot) async throws {
        guard isChangeable(booking) else { throw Refusal.over }
        let practitioner = try await booking.$practitioner.get(on: database)
        guard let settings = try await CallSettings.query(on: database).filter(\.$practitioner.$id == practitioner.requireID()).first(),
            try await offers(for: practitioner, settings: settings, moving: booking).contains(where: { $0.slot == slot })
        else { throw Refusal.timeTaken }
        do {
            try await database.transaction { transaction in
                try await claim(booking, whileIn: [.requested, .confirmed], on: transaction)
                try await releaseExpiredHolds(of: practitioner, on: transaction)
                try booking.place(at: slot, minutes: practitioner.freeFirstConversationMinutes ?? booking.minutes, bufferMinutes: settings.bufferMinutes)
                booking.sequence += 1
                booking.updatedAt = now
                try await booking.save(on: transaction)
                try await announce(.moved, booking, on: transaction)
            }
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            if try await isTaken(booking) { throw Refusal.timeTaken }
            throw error
        }
    }

    /// After the start: the call happened, or the person did not come.
    func record(_ booking: Booking, happened: Bool) async throws {
        guard booking.status == .confirmed || booking.status == .happened || booking.status == .noShow else { throw Refusal.over }
        guard booking.start <= now else { throw Refusal.notYet }
        booking.status = happened ? .happened : .noShow
        booking.updatedAt = now
        try await booking.save(on: database)
    }

    /// The reason a practitioner gave for cancelling, opened.
    func cancelReason(_ booking: Booking) throws -> String? {
        try booking.sealedCancelReason.map { try keys.open($0, for: .bookingCancelReason) }
    }
}

/// Scheduled: holds whose ten minutes are over give their time back, and requests nobody
/// confirmed before the call was due lapse (their time is free again).
enum BookingJobs {
    static func tidy(_ app: Application, on database: any Database) async throws {
        let nowEpoch = Int(app.now.timeIntervalSince1970)
        try await Booking.query(on: database).filter(\.$status == .held).filter(\.$holdExpiresEpoch < nowEpoch).delete()
        try await Booking.query(on: database).filter(\.$status == .requested).filter(\.$blockedFromEpoch < nowEpoch)
            .set(\.$status, to: .expired).set(\.$isActive, to: false).update()
    }
}
