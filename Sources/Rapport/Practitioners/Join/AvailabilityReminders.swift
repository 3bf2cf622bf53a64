import Fluent
import Vapor

/// Once a practitioner's availability has gone 45 days unconfirmed, one email asks them to
/// confirm it (at 60 days search marks them as not recently confirmed; at 120 they are hidden).
/// Runs with the other scheduled jobs, under their lease, so one instance sends it.
enum AvailabilityReminders {
    static let batchSize = 200

    @discardableResult
    static func run(_ app: Application, on database: any Database, today: String = LondonCalendar.today()) async throws -> Int {
        let remindFrom = LondonCalendar.day(today, addingDays: -ListingPolicy.reminderAfterDays)
        let due = try await Practitioner.query(on: database)
            .filter(\.$verificationStatus == .verified)
            .filter(\.$accountID != nil)
            .filter(\.$availabilityConfirmedOn <= remindFrom)
            // Once per lapse: not reminded since they last confirmed.
            .group(.or) { $0.filter(\.$availabilityRemindedOn == nil).filter(\.$availabilityRemindedOn, .lessThan, \.$availabilityConfirmedOn) }
            .limit(batchSize)
            .all()
        for practitioner in due {
            guard let account = try await Account.find(practitioner.accountID, on: database) else { continue }
            let message = AvailabilityReminderMessage(
                name: practitioner.displayName, confirmedOn: LondonCalendar.longDisplay(ofDay: practitioner.availabilityConfirmedOn),
                link: app.publicLink(.dashboard))
            try await database.transaction { transaction in
                practitioner.availabilityRemindedOn = today
                try await practitioner.save(on: transaction)
                try await Mailer.enqueue(message, to: account.email, app: app, on: transaction)
            }
        }
        return due.count
    }
}

/// "Are you still taking new clients?", 45 days after availability was last confirmed.
struct AvailabilityReminderMessage: Email {
    var template: String { "availability-reminder" }
    let name: String
    let confirmedOn: String
    let link: String
    var subject: String { "Are you still taking new clients?" }
}
