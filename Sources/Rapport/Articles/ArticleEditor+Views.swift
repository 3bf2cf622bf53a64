import Foundation

/// What the author's list of articles shows, grouped as the dashboard names them.
struct ArticleDashboardView: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let title: String
        let editHref: String
        let updated: String
        let returnNote: String?
        let publicHref: String?
        let hasUnpublishedChanges: Bool
        let reason: String?
    }

    let canWrite: Bool
    let drafts: [Item]
    let inReview: [Item]
    let returned: [Item]
    let published: [Item]
    let unpublished: [Item]

    init(articles: [Article], canWrite: Bool) {
        self.canWrite = canWrite
        func items(_ keep: (Article) -> Bool) -> [Item] {
            articles.filter(keep).compactMap { article in
                guard let id = article.id?.uuidString else { return nil }
                return Item(
                    title: article.title.isEmpty ? "Untitled draft" : article.title, editHref: SiteURL.editArticle(id: id).path,
                    updated: LondonCalendar.dateAndTime(article.updatedAt), returnNote: article.returnNote,
                    publicHref: article.hasPublishedVersion ? SiteURL.article(slug: article.slug).path : nil,
                    hasUnpublishedChanges: article.hasUnpublishedChanges, reason: article.unpublishedReason)
            }
        }
        // A live article appears under "Published" whatever happens to its next version, and
        // also under the state of that version when it differs.
        published = items { $0.hasPublishedVersion }
        drafts = items { ($0.status == .draft || $0.status == .published) && (!$0.hasPublishedVersion || $0.hasUnpublishedChanges) }
        inReview = items { $0.status == .inReview }
        returned = items { $0.status == .returned }
        unpublished = items { $0.status == .unpublished }
    }
}

/// The editor: the fields as typed, the tag choices, the counts, and the server-rendered preview.
struct ArticleEditorView: Encodable, Sendable {
    let isNew: Bool
    let action: String
    let title: String
    let summary: String
    let markdown: String
    let topics: [ProfileForm.Choice]
    let approaches: [ProfileForm.Choice]
    let includesInvitation: Bool
    let ownWork: Bool
    let wordCount: Int
    let readingMinutes: Int
    let minimumWords: Int
    let maximumWords: String
    let statusText: String?
    let returnNote: String?
    let publicHref: String?
    let showsPreview: Bool
    let previewHTML: String
    let invitation: ArticleInvitation
    let deleteAction: String?
    let unpublishAction: String?
    let listHref: String

    init(author: Practitioner, article: Article?, input: ArticleForm.Input?, taxonomy: ArticleTaxonomy, showsPreview: Bool) {
        let id = article?.id?.uuidString
        isNew = id == nil
        action = id.map { SiteURL.editArticle(id: $0).path } ?? SiteURL.newArticle.path
        title = input?.title ?? article?.title ?? ""
        summary = input?.summary ?? article?.summary ?? ""
        markdown = input?.markdown ?? article?.markdown ?? ""
        let chosenTopics = Set(input?.topics ?? article?.topicSlugs ?? [])
        let chosenApproaches = Set(input?.approaches ?? article?.approachSlugs ?? [])
        topics = taxonomy.topics.map { .init(value: $0.slug, label: $0.name, checked: chosenTopics.contains($0.slug)) }
        approaches = taxonomy.approaches.map { .init(value: $0.slug, label: $0.name, checked: chosenApproaches.contains($0.slug)) }
        includesInvitation = input.map { $0.includesInvitation == "yes" } ?? article?.includesInvitation ?? true
        ownWork = input?.ownWork == "yes"
        wordCount = ArticleForm.wordCount(markdown)
        readingMinutes = ArticleForm.readingMinutes(markdown)
        minimumWords = ArticleForm.minimumWords
        maximumWords = ArticleForm.maximumWords.formatted()
        statusText = article.map(Self.statusText)
        returnNote = article?.status == .returned ? article?.returnNote : nil
        publicHref = article.flatMap { $0.hasPublishedVersion ? SiteURL.article(slug: $0.slug).path : nil }
        self.showsPreview = showsPreview
        previewHTML = showsPreview ? ArticleForm.renderer.html(markdown) : ""
        invitation = ArticleInvitation(author: author)
        deleteAction = article.flatMap { $0.firstPublishedAt == nil ? id.map { SiteURL.deleteArticle(id: $0).path } : nil }
        unpublishAction = article.flatMap { $0.hasPublishedVersion ? id.map { SiteURL.unpublishArticle(id: $0).path } : nil }
        listHref = SiteURL.dashboardArticles.path
    }

    static func statusText(_ article: Article) -> String {
        switch article.status {
        case .draft: article.hasPublishedVersion
            ? "Published. You are changing it: readers see the approved version until our reviewers approve the new one."
            : "A draft. Only you can see it."
        case .inReview: article.hasPublishedVersion
            ? "Your changes are with our reviewers. Readers see the approved version until then. Saving a change takes it back out of review."
            : "With our reviewers. Saving a change takes it back out of review until you send it again."
        case .returned: "Returned with a note from our reviewers. Make the changes and send it again."
        case .published: article.hasUnpublishedChanges
            ? "Published, with changes you have not sent for review yet."
            : "Published. If you change it, the new version is checked before it replaces this one."
        case .unpublished: "Taken down, so readers cannot see it. You can change it and send it for review again."
        }
    }
}

/// The block an article may end with: an invitation to the author's free first conversation,
/// or to get in touch, filled from their profile so it is always true.
struct ArticleInvitation: Encodable, Sendable {
    let heading: String
    let text: String
    let linkLabel: String
    let href: String

    init(author: Practitioner) {
        let firstName = author.displayName.split(separator: " ").first.map(String.init) ?? author.displayName
        href = SiteURL.getInTouch(slug: author.slug).path
        if author.freeFirstConversation {
            let length = author.freeFirstConversationMinutes.map { "free \($0)-minute" } ?? "free"
            heading = "Would it help to talk?"
            text = "\(author.displayName) offers a \(length) first conversation. It is a chance to say what is going on, ask questions and see if working together feels right. You don't have to go on afterwards."
            linkLabel = "Ask \(firstName) for a free first conversation"
        } else {
            heading = "Would it help to talk?"
            text = "If something here sounds familiar, you can send \(author.displayName) a short message. You don't need an account, and you can say as much or as little as you like."
            linkLabel = "Get in touch with \(firstName)"
        }
    }
}
