import Fluent
import Vapor

/// The one way an admin ever reads an enquiry: after its practitioner reported it as abusive.
/// Each opening is written to the enquiry access log and the admin audit log.
struct ReportedEnquiryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.reportedEnquiry(id: SiteURL.id).pathComponents, use: show)
        routes.post(SiteURL.resolveReportedEnquiry(id: SiteURL.id).pathComponents, use: resolve)
    }

    struct ReportedView: Encodable, Sendable {
        let practitionerName: String
        let reportedOn: String
        let reason: String
        let message: String
        let conversation: [EnquiryPageView.Message]
        let resolveAction: String
        let isResolved: Bool
    }

    /// `GET /admin/enquiries/:id`: a reported enquiry, and nothing else (404 otherwise).
    @Sendable
    func show(request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let copy = try await Self.reported(request)
        let service = request.enquiries
        let id = try copy.requireID()
        try await request.db.transaction { database in
            try await EnquiryAccess.record(id, by: admin, on: database)
            try await AuditEntry.record("read a reported enquiry", by: admin, practitioner: copy.$practitioner.id, detail: "enquiry \(id.uuidString)", on: database)
        }
        let keys = request.application.dataKeys
        let view = ReportedView(
            practitionerName: copy.practitioner.displayName, reportedOn: copy.reportedAt.map(LondonCalendar.dateAndTime) ?? "",
            reason: try copy.sealedReportReason.map { try keys.open($0, for: .enquiryReport) } ?? "",
            message: try service.open(copy.request).message,
            conversation: try await service.conversation(copy).map {
                .init(fromPractitioner: $0.author == .practitioner, text: $0.text, when: LondonCalendar.dateAndTime($0.at))
            },
            resolveAction: SiteURL.resolveReportedEnquiry(id: id.uuidString).path, isResolved: copy.reportResolvedAt != nil)
        return try await request.renderPage("enquiries/reported", title: "A reported enquiry", FormPage(csrfToken: try await request.csrfToken(), fields: view))
    }

    /// `POST /admin/enquiries/:id/resolve`.
    @Sendable
    func resolve(request: Request) async throws -> Response {
        let admin = try request.requireAdmin()
        let copy = try await Self.reported(request)
        try await request.db.transaction { database in
            copy.reportResolvedAt = Date()
            try await copy.save(on: database)
            try await AuditEntry.record("resolved a reported enquiry", by: admin, practitioner: copy.$practitioner.id, detail: "enquiry \(try copy.requireID().uuidString)", on: database)
        }
        return request.redirect(to: SiteURL.admin)
    }

    private static func reported(_ request: Request) async throws -> Enquiry {
        guard let id = request.parameters.get("id", as: UUID.self),
            let copy = try await Enquiry.query(on: request.db).filter(\.$id == id).filter(\.$reportedAt != nil)
                .with(\.$request).with(\.$practitioner).first()
        else { throw Abort(.notFound) }
        return copy
    }
}

extension EnquiryService {
    /// Reported enquiries an admin has not yet dealt with, for the admin queue: when, and for
    /// whom, never what.
    func reportedForReview() async throws -> [(href: String, practitionerName: String, reported: String)] {
        try await Enquiry.query(on: database).filter(\.$reportedAt != nil).filter(\.$reportResolvedAt == nil)
            .with(\.$practitioner).sort(\.$reportedAt).all().map {
                (SiteURL.reportedEnquiry(id: try $0.requireID().uuidString).path, $0.practitioner.displayName,
                 $0.reportedAt.map(LondonCalendar.dateAndTime) ?? "")
            }
    }
}
