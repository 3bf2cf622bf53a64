import Fluent
import Foundation
import Vapor
import Yams

/// The demo site's articles (`Resources/Content/demo-articles/`), written for Rapport and
/// published under fictional demo practitioners with dates spread over the past year, so the
/// list, the feeds and "Previous" and "Next" have something to show. The demo practitioner
/// account writes some of them, so its dashboard shows published articles too.
enum DemoArticles {
    struct FrontMatter: Decodable {
        let title: String
        let summary: String
        let topics: [String]
        let approaches: [String]?
        let authorKind: PractitionerKind
        let publishedDaysAgo: Int
        let freeFirstConversation: Bool?

        enum CodingKeys: String, CodingKey {
            case title, summary, topics, approaches, authorKind = "author_kind", publishedDaysAgo = "published_days_ago"
            case freeFirstConversation = "free_first_conversation"
        }
    }

    /// Adds the articles once, to a fresh demo database.
    static func prepare(_ app: Application, now: Date = Date()) async throws {
        guard try await Article.query(on: app.db).count() == 0 else { return }
        let directory = app.directory.resourcesDirectory + "Content/demo-articles/"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        var written: [(FrontMatter, String, String)] = []
        for file in files {
            func problem(_ text: String) -> ConfigurationError { ConfigurationError(variable: "Demo article \(file)", problem: text) }
            guard let text = try? String(contentsOfFile: directory + file, encoding: .utf8) else { throw problem("cannot be read") }
            let (yaml, body) = try ContentLibrary.split(text, problem: problem)
            written.append((try YAMLDecoder().decode(FrontMatter.self, from: yaml), body, String(file.dropLast(3))))
        }
        // Two authors of each kind, the demo account's practitioner first, so each writes
        // several and "Previous" and "Next" have somewhere to go.
        let demoAccountID = try await Account.query(on: app.db).filter(\.$email == DemoInbox.email).first()?.id
        var authors: [PractitionerKind: [Practitioner]] = [:]
        for kind in PractitionerKind.allCases {
            let listed = try await Practitioner.publiclyListed(on: app.db).filter(\.$isDemo == true).filter(\.$kind == kind)
                .sort(\.$displayName).limit(20).all()
            let ordered = listed.filter { $0.accountID != nil && $0.accountID == demoAccountID } + listed.filter { $0.accountID == nil || $0.accountID != demoAccountID }
            authors[kind] = Array(ordered.prefix(2))
        }
        let knownTopics = Set(try await Topic.query(on: app.db).all().map(\.slug))
        let knownApproaches = Set(try await Approach.query(on: app.db).all().map(\.slug))
        var turn: [PractitionerKind: Int] = [:]
        for (matter, body, slug) in written.sorted(by: { $0.0.publishedDaysAgo > $1.0.publishedDaysAgo }) {
            guard let pool = authors[matter.authorKind], !pool.isEmpty else { continue }
            let author = pool[turn[matter.authorKind, default: 0] % pool.count]
            turn[matter.authorKind, default: 0] += 1
            if matter.freeFirstConversation == true, !author.freeFirstConversation {
                author.freeFirstConversation = true
                author.freeFirstConversationMinutes = author.freeFirstConversationMinutes ?? 20
                try await author.save(on: app.db)
            }
            let published = now.addingTimeInterval(-Double(matter.publishedDaysAgo) * 86_400)
            let article = Article()
            article.$practitioner.id = try author.requireID()
            article.slug = slug
            article.title = matter.title
            article.summary = matter.summary
            article.markdown = body.trimmingCharacters(in: .whitespacesAndNewlines)
            article.topics = Article.tagList(matter.topics.filter(knownTopics.contains))
            article.approaches = Article.tagList((matter.approaches ?? []).filter(knownApproaches.contains))
            article.includesInvitation = matter.freeFirstConversation ?? false
            article.createdAt = published
            article.updatedAt = published
            article.submittedAt = published
            article.publishDraft(now: published)
            try await article.create(on: app.db)
        }
        app.logger.notice("Demo articles: \(written.count) published.")
    }
}
