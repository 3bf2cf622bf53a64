import Fluent
import Vapor

/// The practitioner's home: where their profile stands, one-click availability, showing or
/// hiding the profile, and a preview exactly as the public sees it.
struct DashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.dashboard.pathComponents, use: show)
        routes.post(SiteURL.availability.pathComponents, use: confirmAvailability)
        routes.post(SiteURL.visibility.pathComponents, use: setVisibility)
        routes.get(SiteURL.preview.pathComponents, use: preview)
    }

    struct DashboardView: Encodable, Sendable {
        let name: String
        let kindLabel: String
        let status: String
        let statusText: String
        let rejectionReason: String?
        let isVerified: Bool
        let isVisible: Bool
        let isSuspended: Bool
        let isAccepting: Bool
        let availability: String
        let profileHref: String
        let credentialsHref: String
        let submitHref: String
        let previewHref: String
        let publicHref: String?
        let savedNotice: String?
        let weeklyViews: [WeekViews]
        let pendingCredentials: Bool
        let inboxHref: String
        let enquiriesWaiting: Int
        let enquiriesPaused: Bool
        let replyRecord: ReplyRecord
    }

    struct WeekViews: Encodable, Sendable {
        let weekEnding: String
        let views: Int
    }

    /// `GET /dashboard`.
    @Sendable
    func show(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        if practitioner.isInJoinFlow && practitioner.headline.isEmpty { return request.redirect(to: SiteURL.dashboardProfile.path) }
        return try await render(request, practitioner, problems: FormProblems())
    }

    private func render(_ request: Request, _ practitioner: Practitioner, problems: FormProblems, status: HTTPStatus = .ok) async throws -> Response {
        let today = LondonCalendar.today()
        let statusText: String =
            switch practitioner.verificationStatus {
            case .unverified: "Not yet sent for review. Finish the steps and send it when you are ready."
            case .pending: "With our reviewers. We will email you when they have looked at it."
            case .verified: practitioner.visibility == .suspended
                ? "Suspended by our team, so it is not shown to anyone. We have emailed you about why."
                : practitioner.visibility == .hidden ? "Verified, and hidden by you: nobody can find it until you show it again."
                : practitioner.isHiddenForUnconfirmedAvailability() ? "Hidden, because your availability has not been confirmed for over 120 days. Confirm it below and your profile is back at once."
                : "Verified and live."
            case .rejected: "Not approved. Please read the reason below, make the changes and send it again."
            }
        let saved: [String: String] = [
            "profile": "Your profile is saved.",
            "profile-name-sent": "Your profile is saved. Your new name is with our reviewers; your profile shows the current one until it is checked.",
            "credentials": "Your credentials are saved.",
            "submitted": "Thank you. Your profile is with our reviewers, and we will email you when they have looked at it.",
            "availability": "Thank you: your availability is confirmed for today.", "visibility": "Saved.",
            "credentials-sent": "Thank you. Your new credentials are with our reviewers; your profile shows the current ones until they are checked.",
        ]
        let view = DashboardView(
            name: practitioner.displayName, kindLabel: practitioner.kind.label,
            status: practitioner.verificationStatus.rawValue, statusText: statusText,
            rejectionReason: practitioner.verificationStatus == .rejected ? practitioner.verificationReason : nil,
            isVerified: practitioner.verificationStatus == .verified, isVisible: practitioner.visibility == .visible,
            isSuspended: practitioner.visibility == .suspended, isAccepting: practitioner.acceptingNewClients,
            availability: PractitionerWording.availability(accepting: practitioner.acceptingNewClients, confirmedOn: practitioner.availabilityConfirmedOn, today: today),
            profileHref: SiteURL.dashboardProfile.path, credentialsHref: SiteURL.credentials.path, submitHref: SiteURL.submit.path,
            previewHref: SiteURL.preview.path,
            publicHref: practitioner.isPubliclyListed ? SiteURL.practitioner(slug: practitioner.slug).path : nil,
            savedNotice: (try? request.query.get(String.self, at: "saved")).flatMap { saved[$0] },
            weeklyViews: try await ProfileViewDay.weekly(practitioner.requireID(), weeks: 8, on: request.db, today: today).map {
                WeekViews(weekEnding: LondonCalendar.longDisplay(ofDay: $0.weekEnding), views: $0.views)
            },
            pendingCredentials: practitioner.credentialsChangeSentAt != nil,
            inboxHref: SiteURL.inbox.path,
            enquiriesWaiting: try await Enquiry.query(on: request.db).filter(\.$practitioner.$id == practitioner.requireID())
                .filter(\.$firstRepliedAt == nil).filter(\.$closedAt == nil).count(),
            enquiriesPaused: practitioner.enquiriesPausedAt != nil,
            replyRecord: try await request.enquiries.replyRecord(for: practitioner))
        let page = FormPage(csrfToken: try await request.csrfToken(), problems: problems, fields: view)
        return try await request.renderPage("practitioners/dashboard", title: "Your dashboard", page, status: status)
    }

    struct AvailabilityInput: Content {
        var accepting: String?
    }

    /// `POST /dashboard/availability`: "Yes, I'm still accepting new clients" or "Not accepting",
    /// either way confirmed today.
    @Sendable
    func confirmAvailability(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        let accepting = try request.content.decode(AvailabilityInput.self).accepting
        guard accepting == "yes" || accepting == "no" else {
            var problems = FormProblems()
            problems.add("availability-title", "Please choose whether you are accepting new clients.")
            return try await render(request, practitioner, problems: problems, status: .unprocessableEntity)
        }
        practitioner.acceptingNewClients = accepting == "yes"
        practitioner.availabilityConfirmedOn = LondonCalendar.today()
        // Confirming availability also ends "not taking enquiries right now".
        practitioner.enquiriesPausedAt = nil
        try await request.db.transaction { database in
            try await practitioner.save(on: database)
        }
        return request.redirect(to: SiteURL.dashboard.with("saved", "availability"))
    }

    struct VisibilityInput: Content {
        var visible: String?
    }

    /// `POST /dashboard/visibility`: a practitioner may hide or show their own profile, but
    /// never lift a suspension.
    @Sendable
    func setVisibility(request: Request) async throws -> Response {
        let practitioner = try await request.requireOwnProfile()
        let visible = try request.content.decode(VisibilityInput.self).visible
        var problems = FormProblems()
        if practitioner.visibility == .suspended {
            problems.add("status-title", "Your profile is suspended by our team, so it stays hidden for now. Please reply to our email about it.")
        } else if visible != "yes" && visible != "no" {
            problems.add("visibility-title", "Please choose whether to show your profile.")
        }
        guard problems.isEmpty else { return try await render(request, practitioner, problems: problems, status: .unprocessableEntity) }
        practitioner.visibility = visible == "yes" ? .visible : .hidden
        try await request.db.transaction { database in
            try await practitioner.save(on: database)
        }
        return request.redirect(to: SiteURL.dashboard.with("saved", "visibility"))
    }

    /// `GET /dashboard/preview`: the public profile page, whatever the profile's status.
    @Sendable
    func preview(request: Request) async throws -> Response {
        let own = try await request.requireOwnProfile()
        guard let practitioner = try await Practitioner.withEverythingShown(id: own.requireID(), on: request.db) else { throw Abort(.notFound) }
        var page = ProfilePage(practitioner, today: LondonCalendar.today(), publicURL: request.application.settings.publicURL)
        page.previewNotice = practitioner.isPubliclyListed
            ? "This is your live profile, exactly as the public sees it."
            : "A preview: this is how your profile will look once it is verified and shown. Nobody else can see it yet."
        return try await request.renderPage("practitioners/profile", title: practitioner.displayName, page)
    }
}
