import Foundation

/// Offered times as pages show them: grouped by London day, each labelled in UK time with
/// GMT or BST, and carrying its instant so a browser elsewhere can add its own time.
struct SlotDayView: Encodable, Sendable {
    let label: String
    let slots: [SlotChoiceView]
}

struct SlotChoiceView: Encodable, Sendable {
    /// What the form sends: "2026-03-03T18:15".
    let value: String
    let inputID: String
    /// "Tuesday 3 March, " (shown to screen readers, and as the day's heading to everyone).
    let dayLabel: String
    /// "18:15 (UK time, GMT)".
    let time: String
    /// The instant, for `<time datetime>`.
    let instant: String
    let checked: Bool
}

enum SlotChoices {
    static func days(_ offers: [SlotPlanner.Offer], chosen: String? = nil, maximumDays: Int = 7) -> [SlotDayView] {
        var days: [SlotDayView] = []
        var current: (day: String, slots: [SlotChoiceView])?
        let formatter = ISO8601DateFormatter()
        for offer in offers {
            if current?.day != offer.slot.day {
                if let current { days.append(SlotDayView(label: LondonWallClock.dayLabel(current.day), slots: current.slots)) }
                guard days.count < maximumDays else { return days }
                current = (offer.slot.day, [])
            }
            let label = LondonWallClock.label(offer.slot)
            let dayLabel = LondonWallClock.dayLabel(offer.slot.day) + ", "
            current?.slots.append(SlotChoiceView(
                value: offer.slot.id, inputID: "slot-" + offer.slot.id.replacingOccurrences(of: ":", with: ""), dayLabel: dayLabel,
                time: String(label.dropFirst(dayLabel.count)), instant: formatter.string(from: offer.start), checked: chosen == offer.slot.id))
        }
        if let current, days.count < maximumDays { days.append(SlotDayView(label: LondonWallClock.dayLabel(current.day), slots: current.slots)) }
        return days
    }

    /// "18:25", when a hold runs out.
    static func clock(_ date: Date) -> String {
        LondonWallClock.clockTime(LondonWallClock.slot(at: date).minuteOfDay)
    }
}
