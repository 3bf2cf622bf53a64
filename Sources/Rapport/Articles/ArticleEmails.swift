/// What authors hear about their articles. Each links to the dashboard, never to the draft's
/// words, so nothing unpublished sits in an inbox.
struct ArticleReturnedMessage: Email {
    var template: String { "article-returned" }
    let authorName: String
    let title: String
    let note: String
    let link: String
    var subject: String { "Your article needs a few changes" }
}

struct ArticlePublishedMessage: Email {
    var template: String { "article-published" }
    let authorName: String
    let title: String
    let link: String
    var subject: String { "Your article is live on Rapport" }
}

struct ArticleUnpublishedMessage: Email {
    var template: String { "article-unpublished" }
    let authorName: String
    let title: String
    let reason: String
    let link: String
    var subject: String { "We have taken down one of your articles" }
}
