import Fluent
import Vapor

/// The private shortlist of a person seeking help, and "Download my data".
struct ShortlistController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.shortlist.pathComponents, use: show)
        routes.post(SiteURL.shortlist.pathComponents, use: add)
        routes.post(SiteURL.shortlistEntry(id: SiteURL.id).pathComponents, use: update)
        routes.post(SiteURL.shortlistRemove(id: SiteURL.id).pathComponents, use: remove)
        routes.get(SiteURL.personalData.pathComponents, use: download)
    }

    struct ShortlistView: Encodable, Sendable {
        struct Entry: Encodable, Sendable {
            let id: String
            let name: String
            /// Set while they are listed, so they can be ticked for one message.
            let slug: String?
            let href: String?
            let headline: String
            let statuses: [ProfileForm.Choice]
            let note: String
            let saved: String
            let updateHref: String
            let removeHref: String
            /// What is wrong with what was typed into this entry's form, if anything.
            let problem: String?
        }
        let entries: [Entry]
        let findHref: String
        let writeToSeveralHref = SiteURL.getInTouchWithSeveral.path
        let notice: String?
    }

    /// `GET /shortlist`.
    @Sendable
    func show(request: Request) async throws -> Response {
        try await render(request, problems: FormProblems())
    }

    /// The shortlist; `typed` is one entry's form as sent, when it comes back with a problem.
    private func render(
        _ request: Request, problems: FormProblems, typed: (id: UUID, status: ShortlistStatus?, note: String)? = nil,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let account = try request.requireAccount()
        let entries = try await ShortlistEntry.query(on: request.db).filter(\.$account.$id == account.requireID())
            .with(\.$practitioner).sort(\.$createdAt).all()
        let notices = ["added": "Saved to your shortlist.", "saved": "Saved.", "removed": "Removed from your shortlist."]
        let view = ShortlistView(
            entries: try entries.map { entry in
                let practitioner = entry.practitioner
                let entryID = try entry.requireID()
                let id = entryID.uuidString
                let typedHere = typed?.id == entryID ? typed : nil
                let chosen = typedHere.map { $0.status } ?? entry.status
                return .init(
                    id: id, name: practitioner.displayName, slug: practitioner.isPubliclyListed ? practitioner.slug : nil,
                    href: practitioner.isPubliclyListed ? SiteURL.practitioner(slug: practitioner.slug).path : nil,
                    headline: practitioner.isPubliclyListed ? practitioner.headline : "No longer listed on Rapport.",
                    statuses: ShortlistStatus.allCases.map { .init(value: $0.rawValue, label: $0.label, checked: $0 == chosen) },
                    note: typedHere?.note ?? entry.note, saved: entry.createdAt.map { LondonCalendar.longDisplay(ofDay: LondonCalendar.dayString($0)) } ?? "",
                    updateHref: SiteURL.shortlistEntry(id: id).path, removeHref: SiteURL.shortlistRemove(id: id).path,
                    problem: typedHere == nil ? nil : problems.list.first?.message)
            },
            findHref: SiteURL.find.path,
            notice: (try? request.query.get(String.self, at: "done")).flatMap { notices[$0] })
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("accounts/shortlist", title: "Your shortlist", page, status: status)
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
        return request.redirect(to: SiteURL.shortlist.with("done", "added"))
    }

    struct UpdateInput: Content {
        var status: String?
        var note: String?
    }

    /// `POST /shortlist/:id`: status and private note.
    @Sendable
    func update(request: Request) async throws -> Response {
        let entry = try await ownEntry(request)
        let entryID = try entry.requireID()
        let input = try request.content.decode(UpdateInput.self)
        let status = input.status.flatMap(ShortlistStatus.init(rawValue:))
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems = FormProblems()
        if status == nil {
            problems.add("status-\(entryID.uuidString)", "Please choose where you are up to with this practitioner.")
        } else if note.count > ShortlistEntry.maximumNoteLength {
            problems.add("note-\(entryID.uuidString)", "Please keep your note to 2,000 characters. You have \(note.count); nothing was saved yet.")
        }
        guard problems.isEmpty, let status else {
            return try await render(request, problems: problems, typed: (entryID, status, note), status: .unprocessableEntity)
        }
        entry.status = status
        entry.note = note
        try await entry.save(on: request.db)
        return request.redirect(to: SiteURL.shortlist.with("done", "saved"))
    }

    /// `POST /shortlist/:id/remove`.
    @Sendable
    func remove(request: Request) async throws -> Response {
        try await ownEntry(request).delete(on: request.db)
        return request.redirect(to: SiteURL.shortlist.with("done", "removed"))
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
        let export = try await PersonalDataExport.make(for: account, savedGuides: request.savedGuides)
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
