import Fluent
import Vapor

/// The admin side: the queue (verifications, changes to check, articles, reports from the public),
/// documents, and the audit log. Reviewing one practitioner is `PractitionerReviewController`.
/// Every action writes an audit entry in the same transaction.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.admin.pathComponents, use: queue)
        routes.get(SiteURL.adminDocument(id: SiteURL.id).pathComponents, use: document)
        routes.post(SiteURL.resolveReport(id: SiteURL.id).pathComponents, use: resolveReport)
        routes.get(SiteURL.auditLog.pathComponents, use: auditLog)
    }

    struct QueueView: Encodable, Sendable {
        struct Waiting: Encodable, Sendable {
            let name: String
            let kindLabel: String
            let submitted: String
            let href: String
        }
        struct Report: Encodable, Sendable {
            let id: String
            let practitionerName: String
            let practitionerHref: String
            let reason: String
            let details: String
            let received: String
            let resolveHref: String
        }
        struct ReportedEnquiry: Encodable, Sendable {
            let href: String
            let practitionerName: String
            let reported: String
        }
        struct WaitingArticle: Encodable, Sendable {
            let title: String
            let authorName: String
            let submitted: String
            let href: String
            let isEditOfPublished: Bool
        }
        let waiting: [Waiting]
        let credentialChanges: [Waiting]
        let articles: [WaitingArticle]
        let reports: [Report]
        let reportedEnquiries: [ReportedEnquiry]
        let auditLogHref: String
    }

    /// `GET /admin`.
    @Sendable
    func queue(request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let waiting = try await Practitioner.query(on: request.db).filter(\.$verificationStatus == .pending).sort(\.$submittedAt).all()
        let changes = try await Practitioner.query(on: request.db).filter(\.$credentialsChangeSentAt != nil).sort(\.$credentialsChangeSentAt).all()
        let reports = try await ProfileReport.query(on: request.db).filter(\.$resolvedAt == nil).sort(\.$createdAt).with(\.$practitioner).all()
        let reasonLabels = Dictionary(uniqueKeysWithValues: ProfileReport.reasons.map { ($0.value, $0.label) })
        let view = QueueView(
            waiting: try waiting.map { practitioner in
                .init(name: practitioner.displayName, kindLabel: practitioner.kind.label,
                      submitted: practitioner.submittedAt.map(Self.describe) ?? "", href: SiteURL.adminPractitioner(id: (try practitioner.requireID()).uuidString).path)
            },
            credentialChanges: try changes.map { practitioner in
                .init(name: practitioner.displayName, kindLabel: practitioner.kind.label,
                      submitted: practitioner.credentialsChangeSentAt.map(Self.describe) ?? "", href: SiteURL.adminPractitioner(id: (try practitioner.requireID()).uuidString).path)
            },
            articles: try await request.articles.waitingForReview().map {
                .init(title: $0.title, authorName: $0.authorName, submitted: Self.describe($0.submitted), href: $0.href, isEditOfPublished: $0.isEditOfPublished)
            },
            reports: try reports.map { report in
                .init(id: try report.requireID().uuidString, practitionerName: report.practitioner.displayName,
                      practitionerHref: SiteURL.adminPractitioner(id: (try report.practitioner.requireID()).uuidString).path,
                      reason: reasonLabels[report.reason] ?? report.reason, details: report.details, received: Self.describe(report.createdAt),
                      resolveHref: SiteURL.resolveReport(id: try report.requireID().uuidString).path)
            },
            reportedEnquiries: try await request.enquiries.reportedForReview().map { .init(href: $0.href, practitionerName: $0.practitionerName, reported: $0.reported) },
            auditLogHref: SiteURL.auditLog.path)
        return try await request.renderPage("admin/queue", title: "Admin", FormPage(csrfToken: try await request.csrfToken(), fields: view))
    }

    /// `GET /admin/documents/:id`: the file as a download, never shown inline, and recorded.
    @Sendable
    func document(request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        guard let id = request.parameters.get("id", as: UUID.self), let document = try await CredentialDocument.find(id, on: request.db) else {
            throw Abort(.notFound)
        }
        try await AuditEntry.record("opened document", by: admin, practitioner: document.$practitioner.id, detail: document.fileName, on: request.db)
        let response = Response(status: .ok, body: .init(data: document.bytes))
        response.headers.contentType = HTTPMediaType(type: document.contentType.split(separator: "/").first.map(String.init) ?? "application",
                                                     subType: document.contentType.split(separator: "/").last.map(String.init) ?? "octet-stream")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(document.fileName)\"")
        return response
    }

    /// `POST /admin/reports/:id/resolve`.
    @Sendable
    func resolveReport(request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        guard let id = request.parameters.get("id", as: UUID.self), let report = try await ProfileReport.find(id, on: request.db) else {
            throw Abort(.notFound)
        }
        try await request.db.transaction { database in
            report.resolvedAt = Date()
            report.resolvedBy = admin.id
            try await report.save(on: database)
            try await AuditEntry.record("resolved report", by: admin, practitioner: report.$practitioner.id, detail: report.reason, on: database)
        }
        return request.redirect(to: SiteURL.admin.path)
    }

    struct AuditLogView: Encodable, Sendable {
        struct Entry: Encodable, Sendable {
            let when: String
            let admin: String
            let action: String
            let detail: String
            let practitionerHref: String?
        }
        let entries: [Entry]
    }

    /// `GET /admin/audit-log`: the latest 500 entries, newest first. Read only, by design.
    @Sendable
    func auditLog(request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let entries = try await AuditEntry.query(on: request.db).sort(\.$createdAt, .descending).limit(500).all()
        let view = AuditLogView(entries: entries.map {
            .init(when: Self.describe($0.createdAt), admin: $0.adminEmail, action: $0.action, detail: $0.detail,
                  practitionerHref: $0.practitionerID.map { SiteURL.adminPractitioner(id: $0.uuidString).path })
        })
        return try await request.renderPage("admin/audit-log", title: "Audit log", view)
    }

    static func describe(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: LondonCalendar.timeZone).locale(Locale(identifier: "en_GB")))
    }
}
