import Fluent
import Vapor

/// "Which approach might suit me?": a short set of questions, and an answer that shows its
/// reasons. The answers travel only in the bodies of POSTs: no row, no log line, no cookie
/// beyond the form's CSRF one, and never a URL. Saving them is a separate, signed-in choice.
struct GuideController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.whichApproach.pathComponents, use: questions)
        routes.post(SiteURL.whichApproach.pathComponents, use: answer)
        routes.get(SiteURL.whichApproachRules.pathComponents, use: rules)
        routes.post(SiteURL.saveGuide.pathComponents, use: save)
        routes.get(SiteURL.savedGuides.pathComponents, use: savedList)
        routes.get(SiteURL.savedGuide(id: SiteURL.id).pathComponents, use: savedOne)
        routes.post(SiteURL.deleteSavedGuide(id: SiteURL.id).pathComponents, use: deleteSaved)
    }

    static let questionsTitle = "Which approach might suit me?"

    /// `GET /which-approach`: the questions, blank.
    @Sendable
    func questions(request: Request) async throws -> Response {
        try await showQuestions(request, GuideForm.Input(), problems: FormProblems())
    }

    /// `POST /which-approach`: the suggestions, or (`step=edit`, or a problem) the questions again
    /// with everything as it was chosen.
    @Sendable
    func answer(request: Request) async throws -> Response {
        let input = try request.content.decode(GuideForm.Input.self)
        if input.step == "edit" { return try await showQuestions(request, input, problems: FormProblems()) }
        let checked = GuideForm.check(input, gazetteer: request.application.gazetteer)
        guard checked.problems.isEmpty else {
            return try await showQuestions(request, input, problems: checked.problems, status: .unprocessableEntity)
        }
        return try await showResult(request, checked.answers, near: checked.near, draft: input.draft)
    }

    /// `GET /which-approach/how-it-works`: every rule, in plain words, made from `ApproachRules`.
    @Sendable
    func rules(request: Request) async throws -> Response {
        let view = GuideRulesView(approachNames: try await Self.approachNames(on: request.db))
        return try await request.renderPage(
            "guide/how-it-works", title: "How “Which approach might suit me?” works",
            description: "Every rule the guide uses to suggest an approach, and why.", view)
    }

    /// `POST /which-approach/save`: keeps these answers in the signed-in person's account.
    @Sendable
    func save(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        let checked = GuideForm.check(try request.content.decode(GuideForm.Input.self), gazetteer: request.application.gazetteer)
        guard checked.problems.isEmpty else {
            return try await showQuestions(request, try request.content.decode(GuideForm.Input.self), problems: checked.problems, status: .unprocessableEntity)
        }
        guard try await request.savedGuides.count(for: account) < SavedGuides.mostPerAccount else {
            return request.redirect(to: SiteURL.savedGuides.with("done", "full"))
        }
        let saved = try await request.savedGuides.save(checked.answers, for: account)
        return request.redirect(to: SiteURL.savedGuide(id: try saved.requireID().uuidString).with("done", "saved"))
    }

    /// `GET /which-approach/saved`: the answers this person has kept.
    @Sendable
    func savedList(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        let saved = try await request.savedGuides.all(for: account)
        let notices = ["deleted": "Deleted. Those answers are gone.", "full": "You have saved \(SavedGuides.mostPerAccount) sets of answers, which is as many as we keep. Please delete one first."]
        let view = SavedGuidesView(
            entries: saved.map { entry in
                .init(savedOn: LondonCalendar.longDisplay(ofDay: LondonCalendar.dayString(entry.savedAt)),
                      suggested: ListFormat.and(ApproachGuide.suggest(for: entry.answers).map { ApproachGuide.name(of: $0.approach) }),
                      href: SiteURL.savedGuide(id: entry.id.uuidString).path, deleteAction: SiteURL.deleteSavedGuide(id: entry.id.uuidString).path)
            },
            notice: request.queryValues["done"].flatMap { notices[$0] })
        let page = FormPage(csrfToken: try await request.csrfToken(), fields: view)
        return try await request.renderPage("guide/saved", title: "Your saved answers", page)
    }

    /// `GET /which-approach/saved/:id`: one kept set of answers, worked out again with today's
    /// rules and practitioners.
    @Sendable
    func savedOne(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        guard let id = request.parameters.get("id", as: UUID.self), let saved = try await request.savedGuides.one(id, for: account) else {
            throw Abort(.notFound)
        }
        var near: Place?
        if case .found(let place) = request.application.gazetteer.resolve(saved.answers.place) { near = place }
        let notice = request.queryValues["done"] == "saved" ? "Saved to your account. Only you can see it, and you can delete it at any time." : nil
        return try await showResult(request, saved.answers, near: near, saved: saved, notice: notice)
    }

    /// `POST /which-approach/saved/:id/delete`.
    @Sendable
    func deleteSaved(request: Request) async throws -> Response {
        let account = try request.requireAccount()
        guard let id = request.parameters.get("id", as: UUID.self), try await request.savedGuides.delete(id, for: account) else {
            throw Abort(.notFound)
        }
        return request.redirect(to: SiteURL.savedGuides.with("done", "deleted"))
    }

    // MARK: - Pages

    private func showQuestions(_ request: Request, _ input: GuideForm.Input, problems: FormProblems, status: HTTPStatus = .ok) async throws -> Response {
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: GuideQuestionsView(input))
        return try await request.renderPage(
            "guide/questions", title: Self.questionsTitle,
            description: "Seven short questions that suggest which kinds of therapy or coaching may suit you, with the reasons. Nothing you type is kept.",
            page, status: status, exitThisPage: true)
    }

    private func showResult(
        _ request: Request, _ answers: GuideAnswers, near: Place?, draft: String? = nil, saved: SavedGuides.Opened? = nil, notice: String? = nil
    ) async throws -> Response {
        let suggestions = ApproachGuide.suggest(for: answers)
        let approaches = try await Approach.query(on: request.db).filter(\.$slug ~~ suggestions.map(\.approach)).all()
        let matches = try await GuideMatches.find(for: answers, near: near, approaches: suggestions.map(\.approach), on: request)
        let view = GuideResultView(
            leadsWithCrisisHelp: answers.needsCrisisHelp,
            suggestions: suggestions.compactMap { suggestion in
                guard let approach = approaches.first(where: { $0.slug == suggestion.approach }) else { return nil }
                let found = matches[suggestion.approach] ?? .init(practitioners: [], moreHref: SiteURL.find.path)
                return .init(name: approach.name, summary: approach.summary, href: SiteURL.approach(slug: approach.slug).path,
                             reasons: suggestion.reasons, practitioners: found.practitioners, moreHref: found.moreHref)
            },
            draft: Self.changedDraft(draft) ?? GuideDraft.write(from: answers, suggesting: suggestions.map(\.approach)),
            topicSlug: answers.who?.topicSlug, format: answers.format?.rawValue,
            answers: answers.hiddenFields, canSave: request.account != nil && saved == nil,
            savedOn: saved.map { LondonCalendar.longDisplay(ofDay: LondonCalendar.dayString($0.savedAt)) },
            deleteAction: saved.map { SiteURL.deleteSavedGuide(id: $0.id.uuidString).path })
        let page = FormPage(csrfToken: try await request.csrfToken(), notice: notice, fields: view)
        return try await request.renderPage("guide/result", title: "Approaches that may suit you", page, exitThisPage: true)
    }

    /// Their own version of the first message, if they changed it (and kept something).
    private static func changedDraft(_ draft: String?) -> String? {
        guard let draft, !draft.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return String(draft.prefix(EnquiryForm.maximumMessageLength))
    }

    static func approachNames(on database: any Database) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await Approach.query(on: database).all().map { ($0.slug, $0.name) })
    }
}

/// The list of kept answers.
struct SavedGuidesView: Encodable, Sendable {
    struct Entry: Encodable, Sendable {
        let savedOn: String
        let suggested: String
        let href: String
        let deleteAction: String
    }
    let entries: [Entry]
    let notice: String?
    let whichApproachHref = SiteURL.whichApproach.path
}
