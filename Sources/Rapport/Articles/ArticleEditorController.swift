import Fluent
import Vapor

/// "Articles" on the dashboard: a verified practitioner's drafts, what waits for review, what
/// came back with a note, and what is live. Saving and previewing keep every word; sending for
/// review checks everything at once.
struct ArticleEditorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.dashboardArticles.pathComponents, use: list)
        routes.get(SiteURL.newArticle.pathComponents, use: new)
        routes.post(SiteURL.newArticle.pathComponents, use: create)
        routes.get(SiteURL.editArticle(id: SiteURL.id).pathComponents, use: edit)
        routes.post(SiteURL.editArticle(id: SiteURL.id).pathComponents, use: update)
        routes.post(SiteURL.unpublishArticle(id: SiteURL.id).pathComponents, use: unpublish)
        routes.post(SiteURL.deleteArticle(id: SiteURL.id).pathComponents, use: delete)
    }

    /// `GET /dashboard/articles`.
    @Sendable
    func list(request: Request) async throws -> Response {
        let author = try await request.requireOwnProfile()
        let articles = try await Article.query(on: request.db).filter(\.$practitioner.$id == author.requireID()).sort(\.$updatedAt, .descending).all()
        let notice: String? = switch request.queryValues["done"] {
            case "submitted": "Thank you. Your article is with our reviewers. We will email you when they have read it."
            case "deleted": "Your draft has been deleted."
            case "unpublished": "Your article has been taken down. Its draft is still here if you want to change it and send it again."
            default: nil
        }
        let view = ArticleDashboardView(articles: articles, canWrite: Self.canWrite(author))
        return try await request.renderPage("articles/dashboard", title: "Your articles", FormPage(csrfToken: try await request.csrfToken(), notice: notice, fields: view))
    }

    /// `GET /dashboard/articles/new`.
    @Sendable
    func new(request: Request) async throws -> Response {
        let author = try await Self.requireWriter(request)
        return try await render(request, author: author, article: nil, input: nil, problems: FormProblems(), showsPreview: false)
    }

    /// `POST /dashboard/articles/new`: the first save makes the draft; then it has its own page.
    @Sendable
    func create(request: Request) async throws -> Response {
        let author = try await Self.requireWriter(request)
        let article = Article()
        article.$practitioner.id = try author.requireID()
        article.slug = "draft-" + UUID().uuidString.lowercased()
        article.status = .draft
        article.createdAt = Date()
        return try await save(request, author: author, article: article)
    }

    /// `GET /dashboard/articles/:id` (`?preview=1` shows the preview under the editor).
    @Sendable
    func edit(request: Request) async throws -> Response {
        let (author, article) = try await Self.ownArticle(request)
        let notice: String? = request.queryValues["done"] == "saved" ? "Your draft has been saved." : nil
        return try await render(request, author: author, article: article, input: nil, problems: FormProblems(),
                                showsPreview: request.queryValues["preview"] == "1", notice: notice)
    }

    /// `POST /dashboard/articles/:id`.
    @Sendable
    func update(request: Request) async throws -> Response {
        let (author, article) = try await Self.ownArticle(request)
        return try await save(request, author: author, article: article)
    }

    /// Saves whatever was typed, then previews, shows the editor again, or sends it for review.
    private func save(_ request: Request, author: Practitioner, article: Article) async throws -> Response {
        let input = try request.content.decode(ArticleForm.Input.self)
        let taxonomy = try await ArticleTaxonomy.load(request.db)
        let draft = ArticleForm.draft(input, topics: Set(taxonomy.topics.map(\.slug)), approaches: Set(taxonomy.approaches.map(\.slug)))
        let wasInReview = article.status == .inReview
        article.title = draft.title
        article.summary = draft.summary
        article.markdown = draft.markdown
        article.topics = Article.tagList(draft.topics)
        article.approaches = Article.tagList(draft.approaches)
        article.includesInvitation = draft.includesInvitation
        article.updatedAt = Date()
        // A change to something waiting for review takes it back out: the reviewer must read
        // what would go live.
        if wasInReview || article.status == .unpublished { article.status = .draft }
        let action = input.action ?? "save"
        guard action == "submit" else {
            try await article.save(on: request.db)
            let path = SiteURL.editArticle(id: try article.requireID().uuidString)
            return request.redirect(to: action == "preview" ? path.with("preview", "1") + "#preview" : path.with("done", "saved"))
        }
        let problems = ArticleForm.problems(for: draft, ownWork: input.ownWork == "yes")
        guard problems.isEmpty else {
            try await article.save(on: request.db)
            return try await render(request, author: author, article: article, input: input, problems: problems, showsPreview: false,
                                    status: .unprocessableEntity)
        }
        article.status = .inReview
        article.submittedAt = Date()
        try await article.save(on: request.db)
        return request.redirect(to: SiteURL.dashboardArticles.with("done", "submitted"))
    }

    /// `POST /dashboard/articles/:id/unpublish`: the author takes their own article down.
    @Sendable
    func unpublish(request: Request) async throws -> Response {
        let (_, article) = try await Self.ownArticle(request)
        guard article.hasPublishedVersion else { return request.redirect(to: SiteURL.dashboardArticles.path) }
        article.unpublish(reason: nil)
        article.updatedAt = Date()
        try await article.save(on: request.db)
        return request.redirect(to: SiteURL.dashboardArticles.with("done", "unpublished"))
    }

    /// `POST /dashboard/articles/:id/delete`: only something never published, so no live link breaks.
    @Sendable
    func delete(request: Request) async throws -> Response {
        let (_, article) = try await Self.ownArticle(request)
        guard article.firstPublishedAt == nil else {
            throw Abort(.conflict, reason: "This article has been published, so it can be taken down but not deleted.")
        }
        try await article.delete(on: request.db)
        return request.redirect(to: SiteURL.dashboardArticles.with("done", "deleted"))
    }

    private func render(_ request: Request, author: Practitioner, article: Article?, input: ArticleForm.Input?, problems: FormProblems,
                        showsPreview: Bool, notice: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let taxonomy = try await ArticleTaxonomy.load(request.db)
        let view = ArticleEditorView(author: author, article: article, input: input, taxonomy: taxonomy, showsPreview: showsPreview)
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, notice: notice, fields: view)
        return try await request.renderPage("articles/editor", title: article == nil ? "Write an article" : "Edit your article", page, status: status)
    }

    /// Writing is for verified practitioners: their words appear beside a checked profile.
    static func canWrite(_ practitioner: Practitioner) -> Bool {
        practitioner.verificationStatus == .verified
    }

    static func requireWriter(_ request: Request) async throws -> Practitioner {
        let author = try await request.requireOwnProfile()
        guard canWrite(author) else {
            throw Abort(.forbidden, reason: "You can write articles once our team has verified your profile.")
        }
        return author
    }

    /// The signed-in author's own article; anyone else's is "not found", never "forbidden", so
    /// nobody learns that it exists.
    static func ownArticle(_ request: Request) async throws -> (Practitioner, Article) {
        let author = try await requireWriter(request)
        guard let id = request.parameters.get("id", as: UUID.self), let article = try await Article.find(id, on: request.db),
            article.$practitioner.id == author.id
        else { throw Abort(.notFound) }
        return (author, article)
    }
}

/// The topics and approaches an article may be tagged with, A to Z.
struct ArticleTaxonomy: Sendable {
    let topics: [Topic]
    let approaches: [Approach]

    static func load(_ database: any Database) async throws -> ArticleTaxonomy {
        ArticleTaxonomy(topics: try await Topic.query(on: database).sort(\.$name).all(),
                        approaches: try await Approach.query(on: database).sort(\.$name).all())
    }
}
