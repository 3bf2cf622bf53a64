import Fluent
import Vapor

/// The private shortlist of a person seeking help, and "Download my data".
struct ShortlistController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("shortlist", use: show)
        routes.post("shortlist", use: add)
        routes.post("shortlist", ":id", use: update)
        routes.post("shortlist", ":id", "remove", use: remove)
        routes.get("account", "data", use: download)
    }

    struct ShortlistView: Encodable, Sendable {
        struct Entry: Encodable, Sendable {
            let id: String
            let name: String
            let href: String?
            let headline: String
            let statuses: [ProfileForm.Choice]
            let note: String
            let saved: String
        }
        let entries: [Entry]
        let findHref: String
        let notice: String?
    }

    /// `GET /shortlist`.
    @Sendable
    func show(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        let entries = try await ShortlistEntry.query(on: request.db).filter(\.$account.$id == account.requireID())
            .with(\.$practitioner).sort(\.$createdAt).all()
        let notices = ["added": "Saved to your shortlist.", "saved": "Saved.", "removed": "Removed from your shortlist."]
        let view = ShortlistView(
            entries: try entries.map { entry in
                let practitioner = entry.practitioner
                return .init(
                    id: try entry.requireID().uuidString, name: practitioner.displayName,
                    href: practitioner.isPubliclyListed ? SiteURL.practitioner(slug: practitioner.slug).path : nil,
                    headline: practitioner.isPubliclyListed ? practitioner.headline : "No longer listed on Rapport.",
                    statuses: ShortlistStatus.allCases.map { .init(value: $0.rawValue, label: $0.label, checked: $0 == entry.status) },
                    note: entry.note, saved: entry.createdAt.map { LondonCalendar.longDisplay(ofDay: LondonCalendar.dayString($0)) } ?? "")
            },
            findHref: SiteURL.find.path,
            notice: (try? request.query.get(String.self, at: "done")).flatMap { notices[$0] })
        return try await request.renderPage("accounts/shortlist", title: "Your shortlist", FormPage(csrfToken: try await request.csrfToken(), fields: view))
    }

    struct AddInput: Content {
        var slug: String?
    }

    /// `POST /shortlist`: saves a listed practitioner (once).
    @Sendable
    func add(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        guard let slug = try request.content.decode(AddInput.self).slug,
              let practitioner = try await Practitioner.publiclyListed(on: request.db).filter(\.$slug == slug).first() else {
            throw Abort(.notFound)
        }
        let accountID = try account.requireID()
        let practitionerID = try practitioner.requireID()
        let existing = try await ShortlistEntry.query(on: request.db)
            .filter(\.$account.$id == accountID).filter(\.$practitioner.$id == practitionerID).first()
        if existing == nil {
            let entry = ShortlistEntry()
            entry.$account.id = accountID
            entry.$practitioner.id = practitionerID
            entry.status = .toContact
            entry.note = ""
            try await entry.create(on: request.db)
        }
        return request.redirect(to: "/shortlist?done=added")
    }

    struct UpdateInput: Content {
        var status: String?
        var note: String?
    }

    /// `POST /shortlist/:id`: status and private note.
    @Sendable
    func update(request: Request) async throws -> Response {
        let entry = try await ownEntry(request)
        let input = try request.content.decode(UpdateInput.self)
        guard let status = input.status.flatMap(ShortlistStatus.init(rawValue:)) else {
            throw Abort(.unprocessableEntity, reason: "Please choose where you are up to with this practitioner.")
        }
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= ShortlistEntry.maximumNoteLength else {
            throw Abort(.unprocessableEntity, reason: "Please keep your note to 2,000 characters; nothing was saved.")
        }
        entry.status = status
        entry.note = note
        try await entry.save(on: request.db)
        return request.redirect(to: "/shortlist?done=saved")
    }

    /// `POST /shortlist/:id/remove`.
    @Sendable
    func remove(request: Request) async throws -> Response {
        try await ownEntry(request).delete(on: request.db)
        return request.redirect(to: "/shortlist?done=removed")
    }

    /// Someone else's entry is "not found", never "forbidden": its existence is private too.
    private func ownEntry(_ request: Request) async throws -> ShortlistEntry {
        let account = try request.requireAccount()
        guard let id = request.parameters.get("id", as: UUID.self),
              let entry = try await ShortlistEntry.find(id, on: request.db),
              entry.$account.id == account.id else { throw Abort(.notFound) }
        return entry
    }

    /// `GET /account/data`: everything Rapport holds about the signed-in person, as JSON.
    @Sendable
    func download(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        let export = try await PersonalDataExport.make(for: account, on: request.db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let response = Response(status: .ok, body: .init(data: try encoder.encode(export)))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"rapport-my-data.json\"")
        SecurityLog.record("personal data downloaded", request: request, account: account.id)
        return response
    }
}
