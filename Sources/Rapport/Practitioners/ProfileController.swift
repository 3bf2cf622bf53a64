import Fluent
import Vapor

/// `GET /practitioners/{slug}`: a practitioner's public profile. Anything not verified and
/// visible is a 404, so a hidden profile cannot be told apart from one that never existed.
struct ProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.practitioner(slug: SiteURL.slug).pathComponents, use: show)
    }

    private func listed(_ request: Request) async throws -> Practitioner {
        guard let slug = request.parameters.get("slug"),
            let practitioner = try await Practitioner.publicProfile(slug: slug, on: request.db)
        else { throw Abort(.notFound) }
        return practitioner
    }

    /// `GET /practitioners/{slug}`.
    @Sendable
    func show(request: Request) async throws -> Response {
        let practitioner = try await listed(request)
        var page = ProfilePage(practitioner, today: LondonCalendar.today(), publicURL: request.application.settings.publicURL)
        try await ProfileViewDay.count(practitioner.requireID(), on: request.db)
        // Only signed-in people get a form token: a visitor reading a profile gets no cookie.
        if request.account != nil { page.shortlistToken = try await request.csrfToken() }
        page.takesEnquiries = ListingPolicy.takesEnquiries(practitioner)
        let record = try await request.enquiries.replyRecord(for: practitioner)
        if record.isShownPublicly { page.replyRecord = [record.usually, record.replies].compactMap { $0 } }
        page.articles = try await request.articles.byAuthor(practitioner.requireID()).reversed().map {
            let day = LondonCalendar.dayString($0.published)
            return .init(title: $0.title, href: $0.href, published: LondonCalendar.longDisplay(ofDay: day), publishedISO: day)
        }
        page.getInTouchHref = Self.getInTouchLink(for: practitioner, cameFrom: request.headers.first(name: .referer))
        if page.takesEnquiries, let settings = try await request.bookings.bookable(practitioner) {
            // The next few free times: each link holds its time while the form is filled in.
            page.nextTimes = try await request.bookings.offers(for: practitioner, settings: settings, limit: 6).map {
                .init(label: LondonWallClock.label($0.slot), instant: ISO8601DateFormatter().string(from: $0.start),
                      href: SiteURL.getInTouch(slug: practitioner.slug).with("slot", $0.slot.id))
            }
            page.callHow = settings.how == .video ? "by video" : "by phone"
        }
        return try await request.renderPage(
            "practitioners/profile", title: "\(practitioner.displayName), \(practitioner.kind.label.lowercased())",
            description: practitioner.headline, page)
    }
}

/// Everything structured about a practitioner, shaped for `practitioners/profile.leaf`.
struct ProfilePage: Encodable, Sendable {
    struct Linked: Encodable, Sendable {
        let name: String
        let href: String
    }
    struct NextTime: Encodable, Sendable {
        let label: String
        let instant: String
        let href: String
    }
    struct WrittenArticle: Encodable, Sendable {
        let title: String
        let href: String
        let published: String
        let publishedISO: String
    }

    let name: String
    let pronouns: String?
    let kindLabel: String
    let isCoach: Bool
    let headline: String
    let aboutParagraphs: [String]
    let topics: [Linked]
    let approaches: [Linked]
    let formats: [String]
    let places: [String]
    let feeRange: String
    let concessions: Bool
    let freeFirstConversation: String?
    let languages: [String]
    let worksWith: [String]
    let gender: String?
    let qualifications: [String]
    let professionalBody: String?
    let registrationNumber: String?
    let isVerified: Bool
    let isAccepting: Bool
    let availability: String
    let availabilityConfirmedOn: String
    var getInTouchHref: String
    /// False while the practitioner is marked "not taking enquiries right now".
    var takesEnquiries = true
    /// "Usually replies within 2 days", "Replies to 90% of enquiries", once there is enough to say.
    var replyRecord: [String] = []
    /// Their published articles, newest first.
    var articles: [WrittenArticle] = []
    /// The next free first conversation times, for practitioners who publish hours.
    var nextTimes: [NextTime] = []
    var callHow: String?
    let structuredData: String
    /// Shown above a practitioner's own preview; nil on the public page.
    var previewNotice: String?
    /// "Report this profile".
    var reportHref: String
    let slug: String
    /// Signed-in people can save the practitioner to their shortlist; others are offered a login.
    var shortlistToken: String?
    var shortlistLoginHref: String
    let shortlistAction = SiteURL.shortlist.path

    init(_ practitioner: Practitioner, today: String, publicURL: URL) {
        name = practitioner.displayName
        pronouns = practitioner.pronouns
        kindLabel = practitioner.kind.label
        isCoach = practitioner.kind == .coach
        headline = practitioner.headline
        aboutParagraphs = practitioner.about.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        topics = practitioner.topics.sorted { $0.name < $1.name }.map { Linked(name: $0.name, href: SiteURL.topic(slug: $0.slug).path) }
        approaches = practitioner.approaches.sorted { $0.name < $1.name }.map {
            Linked(name: $0.name, href: SiteURL.approach(slug: $0.slug).path)
        }
        formats = practitioner.formats.map(\.label)
        places = practitioner.locations.map { location in
            location.postcodeDistrict.map { "\(location.placeLabel) (\($0))" } ?? location.placeLabel
        }.sorted()
        feeRange = PractitionerWording.feeRange(minPence: practitioner.feeMinPence, maxPence: practitioner.feeMaxPence)
        concessions = practitioner.concessions
        freeFirstConversation =
            practitioner.freeFirstConversation
            ? practitioner.freeFirstConversationMinutes.map { "A free \($0)-minute first conversation" } ?? "A free first conversation"
            : nil
        languages = practitioner.languages.map(\.language).sorted()
        worksWith = practitioner.clientGroups.map(\.label)
        gender = practitioner.gender?.label
        qualifications = practitioner.qualifications.split(separator: "\n").map(String.init)
        professionalBody = practitioner.professionalBody
        registrationNumber = practitioner.registrationNumber
        isVerified = practitioner.verificationStatus == .verified
        isAccepting = practitioner.acceptingNewClients
        availability = PractitionerWording.availability(
            accepting: practitioner.acceptingNewClients, confirmedOn: practitioner.availabilityConfirmedOn, today: today)
        availabilityConfirmedOn = LondonCalendar.longDisplay(ofDay: practitioner.availabilityConfirmedOn)
        getInTouchHref = SiteURL.getInTouch(slug: practitioner.slug).path
        structuredData = ProfileStructuredData(practitioner, publicURL: publicURL).scriptSafeJSON
        previewNotice = nil
        reportHref = SiteURL.report(slug: practitioner.slug).path
        slug = practitioner.slug
        shortlistToken = nil
        shortlistLoginHref = SiteURL.login(next: SiteURL.practitioner(slug: practitioner.slug).path)
    }
}

extension ProfileController {
    /// "Get in touch", carrying the topic and format of the search the person came from (read
    /// from the same-site referrer), so the form starts with them ticked.
    static func getInTouchLink(for practitioner: Practitioner, cameFrom referrer: String?) -> String {
        let base = SiteURL.getInTouch(slug: practitioner.slug)
        guard let referrer, let components = URLComponents(string: referrer), let items = components.queryItems else { return base.path }
        let topic = items.first { $0.name == "topic" }?.value.flatMap { slug in practitioner.topics.contains { $0.slug == slug } ? slug : nil }
        let format = items.first { $0.name == "format" }?.value.flatMap(SessionFormat.init(rawValue:))
        var link = base.path
        if let topic { link = SiteURL.getInTouch(slug: practitioner.slug).with("topic", topic) }
        if let format { link += (link.contains("?") ? "&" : "?") + "format=" + format.rawValue }
        return link
    }
}
