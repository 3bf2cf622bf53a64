import Fluent
import Vapor

/// An admin reads an article as it would go live, with the checks' warnings beside it, and
/// approves it, returns it with a note, or takes a published one down. Every decision goes to
/// the audit log in the same transaction, and the author hears by email through the outbox.
struct ArticleReviewController: RouteCollection {
    enum Decision: String, CaseIterable {
        case approve, `return`, unpublish
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.adminArticle(id: SiteURL.id).pathComponents, use: review)
        routes.post(SiteURL.adminArticleDecision(id: SiteURL.id, decision: SiteURL.decision).pathComponents, use: decide)
    }

    struct ReviewView: Encodable, Sendable {
        struct Typed: Encodable, Sendable {
            var note = ""
            var reason = ""
        }
        let title: String
        let summary: String
        let authorName: String
        let authorHref: String
        let topics: [String]
        let approaches: [String]
        let wordCount: Int
        let readingMinutes: Int
        let html: String
        let invitation: ArticleInvitation?
        let warnings: [ArticleChecks.Warning]
        let isInReview: Bool
        let isEditOfPublished: Bool
        let publicHref: String?
        let approveAction: String
        let returnAction: String
        let unpublishAction: String
        let typed: Typed
    }

    struct DecisionInput: Content {
        var note: String?
        var reason: String?
        var overrideWarnings: String?

        enum CodingKeys: String, CodingKey {
            case note, reason, overrideWarnings = "override_warnings"
        }
    }

    /// `GET /admin/articles/:id`.
    @Sendable
    func review(request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        return try await render(request, try await Self.article(request), problems: FormProblems(), typed: .init())
    }

    /// `POST /admin/articles/:id/{approve|return|unpublish}`.
    @Sendable
    func decide(request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let article = try await Self.article(request)
        guard let decision = request.parameters.get("decision").flatMap(Decision.init(rawValue:)) else { throw Abort(.notFound) }
        let input = try request.content.decode(DecisionInput.self)
        let note = ArticleForm.text(input.note)
        let reason = ArticleForm.text(input.reason)
        let typed = ReviewView.Typed(note: input.note ?? "", reason: input.reason ?? "")
        var problems = FormProblems()
        switch decision {
        case .approve:
            guard article.status == .inReview else { throw Abort(.conflict, reason: "This article is not waiting for review any more.") }
            if !ArticleChecks.warnings(in: article.title + "\n" + article.summary + "\n" + article.markdown).isEmpty {
                problems.require(input.overrideWarnings == "yes", "override_warnings", "Please confirm you have read the warnings and the article is fine to publish.")
            }
        case .return:
            guard article.status == .inReview else { throw Abort(.conflict, reason: "This article is not waiting for review any more.") }
            problems.require((10...2000).contains(note.count), "note", "Please write a note of 10 to 2,000 characters saying what to change. The author will see it.")
        case .unpublish:
            guard article.hasPublishedVersion else { throw Abort(.conflict, reason: "This article is not published.") }
            problems.require((10...2000).contains(reason.count), "reason", "Please give a reason of 10 to 2,000 characters. The author will see it.")
        }
        guard problems.isEmpty else { return try await render(request, article, problems: problems, typed: typed, status: .unprocessableEntity) }

        let author = try await Practitioner.find(article.$practitioner.id, on: request.db)
        let authorEmail = try await Account.find(author?.accountID, on: request.db)?.email
        let link = request.publicLink(SiteURL.editArticle(id: try article.requireID().uuidString))
        let app = request.application
        try await request.db.transaction { database in
            let now = Date()
            switch decision {
            case .approve:
                if article.firstPublishedAt == nil { article.slug = try await Self.uniqueSlug(for: article.title, on: database) }
                article.publishDraft(now: now)
                let warnings = ArticleChecks.warnings(in: article.title + "\n" + article.summary + "\n" + article.markdown).count
                try await AuditEntry.record("approved article", by: admin, practitioner: article.$practitioner.id,
                                            detail: article.title + (warnings > 0 ? " (\(warnings) warnings overridden)" : ""), on: database)
                if let authorEmail, let author {
                    try await Mailer.enqueue(ArticlePublishedMessage(authorName: author.displayName, title: article.title,
                                                                     link: app.publicLink(SiteURL.article(slug: article.slug))),
                                             to: authorEmail, app: app, on: database)
                }
            case .return:
                article.status = .returned
                article.returnNote = note
                try await AuditEntry.record("returned article", by: admin, practitioner: article.$practitioner.id, detail: article.title + ": " + note, on: database)
                if let authorEmail, let author {
                    try await Mailer.enqueue(ArticleReturnedMessage(authorName: author.displayName, title: article.title, note: note, link: link),
                                             to: authorEmail, app: app, on: database)
                }
            case .unpublish:
                let title = article.publishedTitle ?? article.title
                article.unpublish(reason: reason)
                try await AuditEntry.record("unpublished article", by: admin, practitioner: article.$practitioner.id, detail: title + ": " + reason, on: database)
                if let authorEmail, let author {
                    try await Mailer.enqueue(ArticleUnpublishedMessage(authorName: author.displayName, title: title, reason: reason, link: link),
                                             to: authorEmail, app: app, on: database)
                }
            }
            article.updatedAt = now
            try await article.save(on: database)
        }
        return request.redirect(to: SiteURL.admin.path)
    }

    private func render(_ request: Request, _ article: Article, problems: FormProblems, typed: ReviewView.Typed, status: HTTPStatus = .ok) async throws -> Response {
        let id = try article.requireID().uuidString
        let author = try await Practitioner.find(article.$practitioner.id, on: request.db)
        let taxonomy = try await ArticleTaxonomy.load(request.db)
        let topicNames = Dictionary(uniqueKeysWithValues: taxonomy.topics.map { ($0.slug, $0.name) })
        let approachNames = Dictionary(uniqueKeysWithValues: taxonomy.approaches.map { ($0.slug, $0.name) })
        func link(_ decision: Decision) -> String { SiteURL.adminArticleDecision(id: id, decision: decision.rawValue).path }
        let view = ReviewView(
            title: article.title, summary: article.summary, authorName: author?.displayName ?? "(deleted)",
            authorHref: SiteURL.adminPractitioner(id: article.$practitioner.id.uuidString).path,
            topics: article.topicSlugs.compactMap { topicNames[$0] }, approaches: article.approachSlugs.compactMap { approachNames[$0] },
            wordCount: ArticleForm.wordCount(article.markdown), readingMinutes: ArticleForm.readingMinutes(article.markdown),
            html: ArticleForm.renderer.html(article.markdown),
            invitation: article.includesInvitation ? author.map(ArticleInvitation.init) : nil,
            warnings: ArticleChecks.warnings(in: article.title + "\n" + article.summary + "\n" + article.markdown),
            isInReview: article.status == .inReview, isEditOfPublished: article.hasPublishedVersion,
            publicHref: article.hasPublishedVersion ? SiteURL.article(slug: article.slug).path : nil,
            approveAction: link(.approve), returnAction: link(.return), unpublishAction: link(.unpublish), typed: typed)
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("articles/review", title: "Review an article", page, status: status)
    }

    private static func article(_ request: Request) async throws -> Article {
        guard let id = request.parameters.get("id", as: UUID.self), let article = try await Article.find(id, on: request.db) else {
            throw Abort(.notFound)
        }
        return article
    }

    /// The article's address, from its title, made unique; fixed from then on.
    static func uniqueSlug(for title: String, on database: any Database) async throws -> String {
        let base = Slug.make(from: title, fallback: "article")
        var candidate = base
        var number = 2
        // "feed.xml" is the feed's own address under /articles.
        func isTaken(_ slug: String) async throws -> Bool {
            if slug == "feed-xml" { return true }
            return try await Article.query(on: database).filter(\.$slug == slug).count() > 0
        }
        while try await isTaken(candidate) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        return candidate
    }
}
