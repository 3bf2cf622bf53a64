import Fluent
import Vapor

/// Reviewing one practitioner: everything they sent, shown with the same profile the public
/// sees, and the decisions (approve, reject, suspend, restore, and changes to name or
/// credentials). Every decision writes an audit entry in the same transaction.
struct PractitionerReviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.adminPractitioner(id: SiteURL.id).pathComponents, use: review)
        routes.post(SiteURL.adminDecision(id: SiteURL.id, decision: SiteURL.decision).pathComponents, use: decide)
    }

    struct ReviewView: Encodable, Sendable {
        struct Document: Encodable, Sendable {
            let name: String
            let size: String
            let href: String
        }
        /// Where each decision's form posts.
        struct DecisionLinks: Encodable, Sendable {
            let approve, reject, suspend, restore, approveChanges, rejectChanges: String

            init(_ id: String) {
                func link(_ decision: AdminDecision) -> String { SiteURL.adminDecision(id: id, decision: decision.rawValue).path }
                (approve, reject, suspend, restore) = (link(.approve), link(.reject), link(.suspend), link(.restore))
                (approveChanges, rejectChanges) = (link(.approveChanges), link(.rejectChanges))
            }
        }
        /// A reason typed before a problem, kept in its own box.
        struct TypedReasons: Encodable, Sendable {
            var reject = ""
            var suspend = ""
            var credentials = ""
        }
        let links: DecisionLinks
        let profile: ProfilePage
        let email: String
        let status: String
        let visibility: String
        let insuranceConfirmed: Bool
        let documents: [Document]
        let isPending: Bool
        let isSuspended: Bool
        let isOwnProfile: Bool
        let proposed: ProposedChanges?
        let reasons: TypedReasons
    }

    struct ProposedChanges: Encodable, Sendable {
        let displayName: String?
        let professionalBody: String
        let registrationNumber: String
        let qualifications: String
    }

    /// `GET /admin/practitioners/:id`: everything submitted, as the public would see it, plus
    /// what only admins see.
    @Sendable
    func review(request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        return try await render(request, try await Self.practitioner(request), admin: admin, problems: FormProblems(), reasons: .init())
    }

    private func render(
        _ request: Request, _ practitioner: Practitioner, admin: Account, problems: FormProblems, reasons: ReviewView.TypedReasons,
        status: HTTPStatus = .ok
    ) async throws -> Response {
        let id = try practitioner.requireID()
        let documents = try await CredentialDocument.listed(for: id, on: request.db)
        let owner = try await Account.find(practitioner.accountID, on: request.db)
        let view = ReviewView(
            links: .init(id.uuidString),
            profile: ProfilePage(practitioner, today: LondonCalendar.today(), publicURL: request.application.settings.publicURL),
            email: owner?.email ?? "(no account)", status: practitioner.verificationStatus.rawValue,
            visibility: practitioner.visibility.rawValue, insuranceConfirmed: practitioner.insuranceConfirmed,
            documents: try documents.map {
                .init(name: $0.fileName, size: $0.sizeText, href: SiteURL.adminDocument(id: try $0.requireID().uuidString).path)
            },
            isPending: practitioner.verificationStatus == .pending, isSuspended: practitioner.visibility == .suspended,
            isOwnProfile: practitioner.accountID == admin.id,
            proposed: practitioner.credentialsChangeSentAt == nil ? nil : ProposedChanges(
                displayName: practitioner.pendingDisplayName,
                professionalBody: practitioner.pendingProfessionalBody ?? "(none)", registrationNumber: practitioner.pendingRegistrationNumber ?? "(none)",
                qualifications: practitioner.pendingQualifications ?? ""),
            reasons: reasons)
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("admin/review", title: "Review \(practitioner.displayName)", page, status: status)
    }

    struct DecisionInput: Content {
        var reason: String?
    }

    /// `POST /admin/practitioners/:id/:decision`. A missing reason, or a decision that no longer
    /// fits (another admin got there first), shows the review page again with the problem.
    @Sendable
    func decide(request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let practitioner = try await Self.practitioner(request)
        let id = try practitioner.requireID()
        guard let decision = request.parameters.get("decision").flatMap(AdminDecision.init(rawValue:)) else { throw Abort(.notFound) }
        guard practitioner.accountID != admin.id else {
            SecurityLog.record("admin refused a decision on their own profile", request: request, account: admin.id)
            throw Abort(.forbidden, reason: "You can't make decisions about your own profile. Please ask another admin to look at it.")
        }
        let reason = (try request.content.decode(DecisionInput.self).reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems = FormProblems()
        if decision.needsReason && reason.count < 10 {
            problems.add(decision.reasonField, "Please give a reason of at least a few words: the practitioner will read it.")
        } else if let problem = decision.problem(for: practitioner) {
            problems.add(decision.reasonField, problem)
        }
        guard problems.isEmpty else {
            var reasons = ReviewView.TypedReasons()
            switch decision {
            case .reject: reasons.reject = reason
            case .suspend: reasons.suspend = reason
            default: reasons.credentials = reason
            }
            return try await render(request, practitioner, admin: admin, problems: problems, reasons: reasons, status: .unprocessableEntity)
        }
        let owner = try await Account.find(practitioner.accountID, on: request.db)
        try await request.db.transaction { database in
            decision.apply(to: practitioner, by: admin, reason: reason)
            try await practitioner.save(on: database)
            let detail = reason.isEmpty ? practitioner.displayName : "\(practitioner.displayName): \(reason)"
            try await AuditEntry.record(decision.auditAction, by: admin, practitioner: id, detail: detail, on: database)
            if let owner {
                let message = AdminDecisionMessage(decision: decision, name: practitioner.displayName, reason: reason, link: request.publicLink(.dashboard))
                try await Mailer.enqueue(message, to: owner.email, app: request.application, on: database)
            }
        }
        return request.redirect(to: [.suspend, .restore].contains(decision) ? SiteURL.adminPractitioner(id: id.uuidString) : SiteURL.admin)
    }

    private static func practitioner(_ request: Request) async throws -> Practitioner {
        guard let id = request.parameters.get("id", as: UUID.self),
            let practitioner = try await Practitioner.withEverythingShown(id: id, on: request.db)
        else { throw Abort(.notFound) }
        return practitioner
    }
}
