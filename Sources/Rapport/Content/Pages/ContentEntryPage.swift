import Foundation

/// A topic or approach page as its template shows it: the written explanation, its review
/// dates and sources, related pages, a search for practitioners near the reader, three of them,
/// and the crisis box.
struct ContentEntryPage: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        let name: String
        let href: String
    }
    struct Source: Encodable, Sendable {
        let title: String
        let url: String
    }
    /// A practitioner's article on the topic.
    struct ArticleLink: Encodable, Sendable {
        let title: String
        let href: String
        let authorName: String
        let summary: String
    }

    let name: String
    let summary: String
    let isCoaching: Bool
    let articleHTML: String
    let lastReviewed: String
    let lastReviewedISO: String
    let nextReview: String
    let sources: [Source]
    let relatedTopics: [Link]
    let relatedApproaches: [Link]
    /// The cards' markup, made by `PractitionerCard.html` like every result list's.
    let cards: String
    let practitionersShown: Int
    let totalPractitioners: Int
    let listHref: String
    /// The place box submits to `/find` with this filter kept.
    let searchAction: String
    let searchParameter: String
    let searchValue: String
    let structuredData: String
    var articles: [ArticleLink] = []
    var moreArticlesHref: String?

    init(page: ContentPage, names: (topics: [String: String], approaches: [String: String]), cards: String, shown: Int, total: Int,
         searchParameter: String, publicURL: URL, path: String) {
        name = page.name
        summary = page.summary
        isCoaching = page.audience == .coaching
        articleHTML = page.html
        lastReviewed = LondonCalendar.longDisplay(ofDay: page.lastReviewed)
        lastReviewedISO = page.lastReviewed
        nextReview = LondonCalendar.longDisplay(ofDay: page.nextReview)
        sources = page.sources.map { Source(title: $0.title, url: $0.url) }
        relatedTopics = page.relatedTopics.compactMap { slug in names.topics[slug].map { Link(name: $0, href: SiteURL.topic(slug: slug).path) } }
        relatedApproaches = page.relatedApproaches.compactMap { slug in names.approaches[slug].map { Link(name: $0, href: SiteURL.approach(slug: slug).path) } }
        self.cards = cards
        practitionersShown = shown
        totalPractitioners = total
        listHref = SiteURL.find.with(searchParameter, page.slug)
        searchAction = SiteURL.find.path
        self.searchParameter = searchParameter
        searchValue = page.slug
        structuredData = StructuredData.scriptSafeJSON(MedicalWebPage(
            name: page.name, description: page.summary, lastReviewed: page.lastReviewed,
            url: publicURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + path))
    }
}

/// schema.org's page about health, with the date a person last checked it.
struct MedicalWebPage: Encodable {
    let context = "https://schema.org"
    let type = "MedicalWebPage"
    let name: String
    let description: String
    let lastReviewed: String
    let url: String
    let audience = "https://schema.org/Patient"
    let inLanguage = "en-GB"

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type", name, description, lastReviewed, url, audience, inLanguage
    }
}
