import Fluent
import Vapor

/// The admin side: the verification queue, reviewing one practitioner with their documents,
/// approving, rejecting, suspending and restoring, reports from the public, and the audit log.
/// Every action writes an audit entry in the same transaction.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", use: queue)
        routes.get("admin", "practitioners", ":id", use: review)
        routes.post("admin", "practitioners", ":id", ":decision", use: decide)
        routes.get("admin", "documents", ":id", use: document)
        routes.post("admin", "reports", ":id", "resolve", use: resolveReport)
        routes.get("admin", "audit-log", use: auditLog)
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
        }
        let waiting: [Waiting]
        let credentialChanges: [Waiting]
        let reports: [Report]
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
                      submitted: practitioner.submittedAt.map(Self.describe) ?? "", href: AdminURL.practitioner(try practitioner.requireID()))
            },
            credentialChanges: try changes.map { practitioner in
                .init(name: practitioner.displayName, kindLabel: practitioner.kind.label,
                      submitted: practitioner.credentialsChangeSentAt.map(Self.describe) ?? "", href: AdminURL.practitioner(try practitioner.requireID()))
            },
            reports: try reports.map { report in
                .init(id: try report.requireID().uuidString, practitionerName: report.practitioner.displayName,
                      practitionerHref: AdminURL.practitioner(try report.practitioner.requireID()),
                      reason: reasonLabels[report.reason] ?? report.reason, details: report.details, received: Self.describe(report.createdAt))
            },
            auditLogHref: AdminURL.auditLog)
        return try await request.renderPage("admin/queue", title: "Admin", FormPage(csrfToken: try await request.csrfToken(), fields: view))
    }

    struct ReviewView: Encodable, Sendable {
        struct Document: Encodable, Sendable {
            let name: String
            let size: String
            let href: String
        }
        let id: String
        let profile: ProfilePage
        let email: String
        let status: String
        let visibility: String
        let insuranceConfirmed: Bool
        let documents: [Document]
        let isPending: Bool
        let isSuspended: Bool
        let proposed: ProposedCredentials?
    }

    struct ProposedCredentials: Encodable, Sendable {
        let displayName: String?
        let professionalBody: String
        let registrationNumber: String
        let qualifications: String
    }

    /// `GET /admin/practitioners/:id`: everything submitted, as the public would see it, plus
    /// what only admins see.
    @Sendable
    func review(request: Request) async throws -> Response {
        _ = try request.requireAdmin()
        let practitioner = try await Self.practitioner(request)
        let id = try practitioner.requireID()
        let documents = try await CredentialDocument.listed(for: id, on: request.db)
        let owner = try await Account.find(practitioner.accountID, on: request.db)
        let view = ReviewView(
            id: id.uuidString,
            profile: ProfilePage(practitioner, today: LondonCalendar.today(), publicURL: request.application.settings.publicURL),
            email: owner?.email ?? "(no account)", status: practitioner.verificationStatus.rawValue,
            visibility: practitioner.visibility.rawValue, insuranceConfirmed: practitioner.insuranceConfirmed,
            documents: try documents.map {
                .init(name: $0.fileName, size: $0.sizeText,
                      href: AdminURL.document(try $0.requireID()))
            },
            isPending: practitioner.verificationStatus == .pending, isSuspended: practitioner.visibility == .suspended,
            proposed: practitioner.credentialsChangeSentAt == nil ? nil : ProposedCredentials(
                displayName: practitioner.pendingDisplayName,
                professionalBody: practitioner.pendingProfessionalBody ?? "(none)", registrationNumber: practitioner.pendingRegistrationNumber ?? "(none)",
                qualifications: practitioner.pendingQualifications ?? ""))
        return try await request.renderPage("admin/review", title: "Review \(practitioner.displayName)", FormPage(csrfToken: try await request.csrfToken(), fields: view))
    }

    struct DecisionInput: Content {
        var reason: String?
    }

    /// `POST /admin/practitioners/:id/(approve|reject|suspend|restore)`.
    @Sendable
    func decide(request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let practitioner = try await Self.practitioner(request)
        let id = try practitioner.requireID()
        guard practitioner.accountID != admin.id else {
            SecurityLog.record("admin refused a decision on their own profile", request: request, account: admin.id)
            throw Abort(.forbidden, reason: "You can't make decisions about your own profile. Please ask another admin to look at it.")
        }
        let wasListed = practitioner.isPubliclyListed
        let reason = (try request.content.decode(DecisionInput.self).reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let decision = request.parameters.get("decision").flatMap(Decision.init(rawValue:)) else { throw Abort(.notFound) }
        if decision.needsReason && reason.count < 10 {
            throw Abort(.unprocessableEntity, reason: "Please give a reason of at least a few words: the practitioner will read it.")
        }
        let owner = try await Account.find(practitioner.accountID, on: request.db)
        let profileLink = request.publicLink(PractitionerURL.dashboard)
        try await request.db.transaction { database in
            switch decision {
            case .approve:
                practitioner.verificationStatus = .verified
                practitioner.verifiedBy = admin.id
                practitioner.verifiedAt = Date()
                practitioner.verificationReason = nil
            case .reject:
                practitioner.verificationStatus = .rejected
                practitioner.verificationReason = reason
            case .suspend:
                practitioner.visibility = .suspended
                practitioner.visibilityReason = reason
            case .restore:
                practitioner.visibility = .visible
                practitioner.visibilityReason = nil
            case .approveCredentials:
                guard practitioner.credentialsChangeSentAt != nil else { throw Abort(.conflict, reason: "There is no credentials change waiting.") }
                if let name = practitioner.pendingDisplayName { practitioner.displayName = name }
                practitioner.professionalBody = practitioner.pendingProfessionalBody
                practitioner.registrationNumber = practitioner.pendingRegistrationNumber
                practitioner.qualifications = practitioner.pendingQualifications ?? practitioner.qualifications
                practitioner.clearPendingCredentials()
            case .rejectCredentials:
                guard practitioner.credentialsChangeSentAt != nil else { throw Abort(.conflict, reason: "There is no credentials change waiting.") }
                practitioner.clearPendingCredentials()
            }
            try await practitioner.save(on: database)
            try await SearchCatalogueVersion.bump(ifListedBefore: wasListed, orAfter: practitioner, on: database)
            try await AuditEntry.record(decision.auditAction, by: admin, practitioner: id, detail: reason.isEmpty ? practitioner.displayName : "\(practitioner.displayName): \(reason)", on: database)
            if let owner {
                let body = try await request.emailText("practitioner-\(decision.rawValue)", ["name": practitioner.displayName, "reason": reason, "link": profileLink])
                try await Mailer.enqueue(.init(to: owner.email, subject: decision.emailSubject, body: body), on: database)
            }
        }
        return request.redirect(to: [.suspend, .restore].contains(decision) ? AdminURL.practitioner(id) : AdminURL.queue)
    }

    enum Decision: String {
        case approve, reject, suspend, restore
        case approveCredentials = "approve-credentials"
        case rejectCredentials = "reject-credentials"

        var needsReason: Bool { self == .reject || self == .suspend || self == .rejectCredentials }
        var auditAction: String {
            switch self {
            case .approve: "approved practitioner"
            case .reject: "rejected practitioner"
            case .suspend: "suspended profile"
            case .restore: "restored profile"
            case .approveCredentials: "approved credentials change"
            case .rejectCredentials: "rejected credentials change"
            }
        }
        var emailSubject: String {
            switch self {
            case .approve: "Your Rapport profile is live"
            case .reject: "About your Rapport profile"
            case .suspend: "Your Rapport profile has been suspended"
            case .restore: "Your Rapport profile is back"
            case .approveCredentials: "Your new credentials are on your Rapport profile"
            case .rejectCredentials: "About your new credentials on Rapport"
            }
        }
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
        return request.redirect(to: AdminURL.queue)
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
                  practitionerHref: $0.practitionerID.map(AdminURL.practitioner))
        })
        return try await request.renderPage("admin/audit-log", title: "Audit log", view)
    }

    private static func practitioner(_ request: Request) async throws -> Practitioner {
        guard let id = request.parameters.get("id", as: UUID.self),
              let practitioner = try await Practitioner.withEverythingShown(id: id, on: request.db) else { throw Abort(.notFound) }
        return practitioner
    }

    static func describe(_ date: Date) -> String {
        date.formatted(Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: LondonCalendar.timeZone).locale(Locale(identifier: "en_GB")))
    }
}

enum AdminURL {
    static let queue = "/admin"
    static let auditLog = "/admin/audit-log"
    static func practitioner(_ id: UUID) -> String { "/admin/practitioners/\(id.uuidString)" }
    static func document(_ id: UUID) -> String { "/admin/documents/\(id.uuidString)" }
}
