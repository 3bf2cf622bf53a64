import Fluent
import Foundation
import SQLKit

/// How many times a profile was viewed on one London day: a counter, nothing about who looked.
final class ProfileViewDay: Model, @unchecked Sendable {
    static let schema = "profile_view_days"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    @Field(key: "day") var day: String
    @Field(key: "views") var views: Int

    init() {}

    /// The dashboard shows 8 weeks; a little more is kept, then `removeOld` removes them.
    static let keptWeeks = 12

    /// Forgets days older than `keptWeeks`: a scheduled job.
    static func removeOld(on database: any Database, now: Date = Date()) async throws {
        let oldest = LondonCalendar.day(LondonCalendar.today(now: now), addingDays: -7 * keptWeeks)
        try await query(on: database).filter(\.$day < oldest).delete()
    }

    /// One more view today, in a single statement that both databases run atomically.
    static func count(_ practitionerID: UUID, on database: any Database, today: String = LondonCalendar.today()) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            INSERT INTO \(ident: schema) (id, practitioner_id, day, views) VALUES (\(bind: UUID()), \(bind: practitionerID), \(bind: today), 1) \
            ON CONFLICT (practitioner_id, day) DO UPDATE SET views = \(ident: schema).views + 1
            """
        ).run()
    }

    /// Views in each of the last `weeks` weeks (ending today), oldest first.
    static func weekly(_ practitionerID: UUID, weeks: Int, on database: any Database, today: String = LondonCalendar.today()) async throws -> [(weekEnding: String, views: Int)] {
        let since = LondonCalendar.day(today, addingDays: -(7 * weeks - 1))
        let days = try await query(on: database).filter(\.$practitioner.$id == practitionerID).filter(\.$day >= since).all()
        return (0..<weeks).reversed().map { weeksAgo in
            let end = LondonCalendar.day(today, addingDays: -7 * weeksAgo)
            let start = LondonCalendar.day(end, addingDays: -6)
            return (end, days.filter { $0.day >= start && $0.day <= end }.reduce(0) { $0 + $1.views })
        }
    }
}
