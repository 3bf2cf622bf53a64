import Fluent
import Foundation

/// A practitioner a person seeking help has saved, with where they are up to and a private note
/// only they can read.
final class ShortlistEntry: Model, @unchecked Sendable {
    static let schema = "shortlist_entries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: Account
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    @Field(key: "status") var status: ShortlistStatus
    @Field(key: "note") var note: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    static let maximumNoteLength = 2000
}

enum ShortlistStatus: String, Codable, CaseIterable, Sendable {
    case toContact = "to_contact"
    case contacted
    case waiting
    case firstConversationBooked = "first_conversation_booked"
    case seeingThem = "seeing_them"
    case setAside = "set_aside"

    var label: String {
        switch self {
        case .toContact: "To contact"
        case .contacted: "Contacted"
        case .waiting: "Waiting to hear back"
        case .firstConversationBooked: "First conversation booked"
        case .seeingThem: "Seeing them"
        case .setAside: "Set aside"
        }
    }
}
