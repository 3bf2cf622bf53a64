import Foundation

/// One article in a list: on `/articles`, topic pages and the author's profile.
struct ArticleListItem: Encodable, Sendable {
    let title: String
    let href: String
    let summary: String
    let authorName: String
    let authorHref: String
    let published: String
    let publishedISO: String
    let readingMinutes: Int

    init(_ listing: ArticleService.Listing) {
        title = listing.title
        href = listing.href
        summary = listing.summary
        authorName = listing.author.displayName
        authorHref = SiteURL.practitioner(slug: listing.author.slug).path
        published = LondonCalendar.longDisplay(ofDay: LondonCalendar.dayString(listing.published))
        publishedISO = LondonCalendar.dayString(listing.published)
        readingMinutes = ArticleForm.readingMinutes(listing.markdown)
    }
}

/// An article as its page shows it: who wrote it and how to reach them first, then the dates,
/// the words, the way on to more by the same author, related reading and the crisis box.
struct ArticlePage: Encodable, Sendable {
    struct Author: Encodable, Sendable {
        let name: String
        let initials: String
        let kindLabel: String
        let isVerified: Bool
        let place: String?
        let profileHref: String
        let getInTouchHref: String?
        let freeFirstConversation: String?
    }
    struct Chip: Encodable, Sendable {
        let name: String
        let href: String
    }

    let title: String
    let summary: String
    let author: Author
    let published: String
    let publishedISO: String
    let updated: String?
    let updatedISO: String
    let readingMinutes: Int
    let topics: [Chip]
    let approaches: [Chip]
    let html: String
    let invitation: ArticleInvitation?
    let previous: ArticleListItem?
    let next: ArticleListItem?
    let hasSequence: Bool
    let related: [ArticleListItem]
    let structuredData: String

    init(_ listing: ArticleService.Listing, author practitioner: Practitioner, byAuthor: [ArticleService.Listing],
         related: [ArticleService.Listing], names: (topics: [String: String], approaches: [String: String]), publicLink: (String) -> String) {
        title = listing.title
        summary = listing.summary
        let takesEnquiries = ListingPolicy.takesEnquiries(practitioner)
        let initials = practitioner.displayName.split(separator: " ").prefix(2).compactMap(\.first).map(String.init).joined()
        author = Author(
            name: practitioner.displayName, initials: initials, kindLabel: practitioner.kind.label,
            isVerified: practitioner.verificationStatus == .verified, place: practitioner.$locations.value?.first?.placeLabel,
            profileHref: SiteURL.practitioner(slug: practitioner.slug).path,
            getInTouchHref: takesEnquiries ? SiteURL.getInTouch(slug: practitioner.slug).path : nil,
            freeFirstConversation: takesEnquiries && practitioner.freeFirstConversation
                ? practitioner.freeFirstConversationMinutes.map { "Ask for a free \($0)-minute first conversation" } ?? "Ask for a free first conversation"
                : nil)
        let publishedDay = LondonCalendar.dayString(listing.published)
        let updatedDay = LondonCalendar.dayString(listing.updated)
        published = LondonCalendar.longDisplay(ofDay: publishedDay)
        publishedISO = publishedDay
        updated = updatedDay != publishedDay ? LondonCalendar.longDisplay(ofDay: updatedDay) : nil
        updatedISO = updatedDay
        readingMinutes = ArticleForm.readingMinutes(listing.markdown)
        topics = listing.topics.compactMap { slug in names.topics[slug].map { Chip(name: $0, href: SiteURL.topic(slug: slug).path) } }
        approaches = listing.approaches.compactMap { slug in names.approaches[slug].map { Chip(name: $0, href: SiteURL.approach(slug: slug).path) } }
        html = ArticleForm.renderer.html(listing.markdown)
        invitation = (listing.article.publishedInvitation ?? false) && takesEnquiries ? ArticleInvitation(author: practitioner) : nil
        let position = byAuthor.firstIndex { $0.article.id == listing.article.id }
        previous = position.flatMap { $0 > 0 ? ArticleListItem(byAuthor[$0 - 1]) : nil }
        next = position.flatMap { $0 + 1 < byAuthor.count ? ArticleListItem(byAuthor[$0 + 1]) : nil }
        hasSequence = previous != nil || next != nil
        self.related = related.map(ArticleListItem.init)
        structuredData = StructuredData.scriptSafeJSON(ArticleStructuredData(
            headline: listing.title, description: listing.summary, datePublished: publishedDay, dateModified: updatedDay,
            author: .init(name: practitioner.displayName, url: publicLink(SiteURL.practitioner(slug: practitioner.slug).path)),
            url: publicLink(listing.href), keywords: (listing.topics.compactMap { names.topics[$0] }).joined(separator: ", ")))
    }
}

/// schema.org's `Article`, for search engines.
struct ArticleStructuredData: Encodable {
    struct Person: Encodable {
        let type = "Person"
        let name: String
        let url: String
        enum CodingKeys: String, CodingKey { case type = "@type", name, url }
    }
    struct Organization: Encodable {
        let type = "Organization"
        let name = "Rapport"
        enum CodingKeys: String, CodingKey { case type = "@type", name }
    }
    let context = "https://schema.org"
    let type = "Article"
    let headline: String
    let description: String
    let datePublished: String
    let dateModified: String
    let author: Person
    let publisher = Organization()
    let url: String
    let keywords: String
    let inLanguage = "en-GB"

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type", headline, description, datePublished, dateModified, author, publisher, url, keywords, inLanguage
    }
}
