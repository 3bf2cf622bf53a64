import Fluent
import Foundation
import Vapor

/// Guide answers a signed-in person chose to keep ("Save this to my account"). Nothing is
/// saved unless they ask; the answers are sealed, and they go when deleted or with the account.
final class SavedGuide: Model, @unchecked Sendable {
    static let schema = "saved_guides"

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: Account
    @Field(key: "sealed_answers") var sealedAnswers: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension EncryptedColumn {
    static let savedGuideAnswers = EncryptedColumn(table: "saved_guides", column: "sealed_answers", idColumn: "id")
}

/// The one way other features reach saved answers: the account page counts them, and
/// "Download my data" includes them.
struct SavedGuides {
    struct Opened: Sendable {
        let id: UUID
        let savedAt: Date
        let answers: GuideAnswers
    }

    /// Each saved copy, as "Download my data" shows it.
    struct Exported: Encodable, Sendable {
        let savedAt: Date
        let answers: GuideAnswers
        let suggested: [String]
    }

    static let mostPerAccount = 20

    let app: Application
    let database: any Database

    func save(_ answers: GuideAnswers, for account: Account) async throws -> SavedGuide {
        let saved = SavedGuide()
        saved.$account.id = try account.requireID()
        saved.sealedAnswers = try app.dataKeys.seal(String(decoding: try JSONEncoder().encode(answers), as: UTF8.self), for: .savedGuideAnswers)
        saved.createdAt = app.now
        try await saved.create(on: database)
        return saved
    }

    func count(for account: Account) async throws -> Int {
        try await SavedGuide.query(on: database).filter(\.$account.$id == account.requireID()).count()
    }

    /// Newest first.
    func all(for account: Account) async throws -> [Opened] {
        let rows = try await SavedGuide.query(on: database).filter(\.$account.$id == account.requireID()).sort(\.$createdAt, .descending).all()
        return try rows.map(open)
    }

    /// One of this account's saved copies; nil for anyone else's.
    func one(_ id: UUID, for account: Account) async throws -> Opened? {
        try await SavedGuide.query(on: database).filter(\.$id == id).filter(\.$account.$id == account.requireID()).first().map(open)
    }

    /// True when it was theirs and is now gone.
    func delete(_ id: UUID, for account: Account) async throws -> Bool {
        guard let row = try await SavedGuide.query(on: database).filter(\.$id == id).filter(\.$account.$id == account.requireID()).first()
        else { return false }
        try await row.delete(on: database)
        return true
    }

    func export(for account: Account) async throws -> [Exported] {
        try await all(for: account).map {
            Exported(savedAt: $0.savedAt, answers: $0.answers, suggested: ApproachGuide.suggest(for: $0.answers).map { ApproachGuide.name(of: $0.approach) })
        }
    }

    private func open(_ row: SavedGuide) throws -> Opened {
        let json = try app.dataKeys.open(row.sealedAnswers, for: .savedGuideAnswers)
        return Opened(id: try row.requireID(), savedAt: row.createdAt, answers: try JSONDecoder().decode(GuideAnswers.self, from: Data(json.utf8)))
    }
}

extension Request {
    var savedGuides: SavedGuides { SavedGuides(app: application, database: db) }
}
