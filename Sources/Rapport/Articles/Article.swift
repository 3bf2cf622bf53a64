import Fluent
import Foundation

/// A practitioner's article. The draft fields are what the author is writing; the published
/// ones are what readers see, and stay up while an edit waits for review.
final class Article: Model, @unchecked Sendable {
    static let schema = "articles"

    enum Status: String, Codable, CaseIterable, Sendable {
        case draft
        case inReview = "in_review"
        case returned
        case published
        case unpublished
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "practitioner_id") var practitioner: Practitioner
    /// The address, fixed at first publication so links keep working.
    @Field(key: "slug") var slug: String
    @Field(key: "status") var status: Status
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "markdown") var markdown: String
    /// Slugs between commas (`,anxiety,grief,`), so one tag is found with `~~ ",anxiety,"`.
    @Field(key: "topics") var topics: String
    @Field(key: "approaches") var approaches: String
    @Field(key: "includes_invitation") var includesInvitation: Bool
    @OptionalField(key: "return_note") var returnNote: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    @OptionalField(key: "published_title") var publishedTitle: String?
    @OptionalField(key: "published_summary") var publishedSummary: String?
    @OptionalField(key: "published_markdown") var publishedMarkdown: String?
    @OptionalField(key: "published_topics") var publishedTopics: String?
    @OptionalField(key: "published_approaches") var publishedApproaches: String?
    @OptionalField(key: "published_invitation") var publishedInvitation: Bool?
    @OptionalField(key: "first_published_at") var firstPublishedAt: Date?
    @OptionalField(key: "last_published_at") var lastPublishedAt: Date?
    @OptionalField(key: "unpublished_reason") var unpublishedReason: String?

    init() {}

    var topicSlugs: [String] { Self.slugs(topics) }
    var approachSlugs: [String] { Self.slugs(approaches) }
    var publishedTopicSlugs: [String] { Self.slugs(publishedTopics ?? "") }
    var publishedApproachSlugs: [String] { Self.slugs(publishedApproaches ?? "") }

    /// Has an approved version readers may see (while its author is listed). Unpublishing
    /// clears it, so a later draft can never bring it back without review.
    var hasPublishedVersion: Bool { publishedMarkdown != nil }

    /// Has changes since the approved version that readers do not see yet.
    var hasUnpublishedChanges: Bool {
        hasPublishedVersion && (title != publishedTitle || summary != publishedSummary || markdown != publishedMarkdown
            || topics != publishedTopics || approaches != publishedApproaches || includesInvitation != publishedInvitation)
    }

    static func tagList(_ slugs: [String]) -> String { slugs.isEmpty ? "" : "," + slugs.joined(separator: ",") + "," }
    static func slugs(_ list: String) -> [String] { list.split(separator: ",").map(String.init) }
    static func tagPattern(_ slug: String) -> String { "," + slug + "," }

    /// Copies the draft into the version readers see.
    func publishDraft(now: Date) {
        publishedTitle = title
        publishedSummary = summary
        publishedMarkdown = markdown
        publishedTopics = topics
        publishedApproaches = approaches
        publishedInvitation = includesInvitation
        firstPublishedAt = firstPublishedAt ?? now
        lastPublishedAt = now
        status = .published
        returnNote = nil
        unpublishedReason = nil
    }

    /// Takes the article out of public view; the draft stays with its author.
    func unpublish(reason: String?) {
        publishedTitle = nil
        publishedSummary = nil
        publishedMarkdown = nil
        publishedTopics = nil
        publishedApproaches = nil
        publishedInvitation = nil
        status = .unpublished
        unpublishedReason = reason
    }
}
