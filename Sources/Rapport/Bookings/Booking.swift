import Fluent
import Foundation

/// A free first conversation: a slot held for a few minutes while someone finishes the form,
/// then requested or confirmed, and finally happened, missed or cancelled.
///
/// The time is kept as London wall-clock time (`local_start`, "2026-03-03T18:15") plus its zone,
/// so a clock change never moves a call. `blocked_from_epoch` and `blocked_until_epoch` are
/// worked out from it when the booking is made or moved; they exist only so the database itself
/// can refuse two bookings that overlap (call plus buffer), whatever the call length later becomes.
final class Booking: Model, @unchecked Sendable {
    static let schema = "bookings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    /// The enquiry it belongs to; empty while it is only held.
    @OptionalParent(key: "enquiry_id") var enquiry: Enquiry?
    @Field(key: "status") var status: Status
    /// True for held, requested and confirmed bookings: the only ones that take up time.
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "local_start") var localStart: String
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "minutes") var minutes: Int
    @Field(key: "buffer_minutes") var bufferMinutes: Int
    @Field(key: "blocked_from_epoch") var blockedFromEpoch: Int
    @Field(key: "blocked_until_epoch") var blockedUntilEpoch: Int
    @Field(key: "how") var how: CallSettings.How
    /// A hold's key, hashed: the form carries the key, so nobody else can turn the hold into a booking.
    @OptionalField(key: "hold_key_hash") var holdKeyHash: String?
    @OptionalField(key: "hold_expires_epoch") var holdExpiresEpoch: Int?
    /// The person's private link, stored as a hash, and sealed so emails can carry it again.
    @OptionalField(key: "token_hash") var tokenHash: String?
    @OptionalField(key: "sealed_token") var sealedToken: String?
    /// Goes up by one with every change sent to calendars (RFC 5545 SEQUENCE).
    @Field(key: "sequence") var sequence: Int
    @OptionalField(key: "cancelled_by") var cancelledBy: String?
    @OptionalField(key: "sealed_cancel_reason") var sealedCancelReason: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    enum Status: String, Codable, Sendable, CaseIterable {
        case held, requested, confirmed, cancelled, happened
        case noShow = "no_show"
        case expired

        var takesUpTime: Bool { self == .held || self == .requested || self == .confirmed }
    }

    var slot: WallClockSlot? { WallClockSlot(id: localStart) }
}

/// Whether and how a practitioner offers free first conversations, and the limits on them.
final class CallSettings: Model, @unchecked Sendable {
    static let schema = "first_call_settings"

    enum How: String, Codable, Sendable, CaseIterable {
        case phone, video
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    @Field(key: "how") var how: How
    @OptionalField(key: "video_link") var videoLink: String?
    @Field(key: "notice_hours") var noticeHours: Int
    @Field(key: "days_ahead") var daysAhead: Int
    @Field(key: "buffer_minutes") var bufferMinutes: Int
    @OptionalField(key: "maximum_per_day") var maximumPerDay: Int?
    @OptionalField(key: "maximum_per_week") var maximumPerWeek: Int?
    /// "I confirm each request" when true; "Bookings are confirmed at once" when false.
    @Field(key: "confirms_each") var confirmsEach: Bool
    /// Weekly hours, one line per range: "2 18:00 20:00" (ISO weekday, Monday is 1).
    @Field(key: "weekly_hours") var weeklyHours: String
    /// Days off, one range per line: "2026-12-24 2027-01-02".
    @Field(key: "time_off") var timeOff: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    static let defaultNoticeHours = 15
    static let defaultDaysAhead = 24
    static let defaultBufferMinutes = 5
}
