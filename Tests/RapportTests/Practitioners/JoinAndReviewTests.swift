import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// Joining as a practitioner, an admin's review, and what each side may and may not do.
@Suite("Joining and review")
struct JoinAndReviewTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)

    /// A complete, valid profile form.
    static func profileFields(name: String = "Sam Okafor", kind: PractitionerKind = .therapist) -> [(String, String)] {
        [
            ("display_name", name), ("pronouns", "he/him"),
            ("headline", "Helping couples and families talk again"),
            ("about", String(repeating: "I work with people whose relationships have become hard to bear. ", count: 3)),
            ("topics[]", "relationship-problems"), ("topics[]", "family-issues"),
            ("approaches[]", kind == .coach ? "relationship-coaching" : "interpersonal-therapy"),
            ("formats[]", "in_person"), ("formats[]", "online"),
            ("places", "Harrogate"), ("fee_min", "50"), ("fee_max", "70"), ("concessions", "yes"),
            ("free_first_minutes", "20"), ("languages", "English, Welsh"), ("works_with[]", "couples"), ("gender", "male"),
        ]
    }

    /// Signs up a member, joins, fills every step and sends the profile for review.
    static func joinAndSubmit(_ app: Application, name: String = "Sam Okafor", kind: PractitionerKind = .therapist) async throws -> (TestBrowser, Practitioner) {
        let browser = try await TestAccounts.browser(app, role: .member)
        try await browser.get("/join")
        #expect(try await browser.post("/join", ["kind": kind.rawValue]).headers.first(name: .location) == "/dashboard/profile")
        try await browser.get("/dashboard/profile")
        #expect(try await browser.post("/dashboard/profile", pairs: profileFields(name: name, kind: kind)).headers.first(name: .location) == "/dashboard/credentials")
        try await browser.get("/dashboard/credentials")
        let credentials = try await browser.postMultipart(
            "/dashboard/credentials",
            ["professional_body": "BACP", "registration_number": "123456", "qualifications": "MSc Counselling Psychology", "insurance": "yes"],
            file: ("document", "certificate.pdf", "application/pdf", pdf))
        #expect(credentials.headers.first(name: .location) == "/dashboard/submit", "\(credentials.body.string)")
        try await browser.get("/dashboard/submit")
        #expect(try await browser.post("/dashboard/submit", [:]).headers.first(name: .location) == "/dashboard?saved=submitted")
        let practitioner = try #require(try await Practitioner.query(on: app.db).filter(\.$displayName == name).first())
        return (browser, practitioner)
    }

    @Test(arguments: TestDatabase.all)
    func aTherapistJoinsAnAdminApprovesAndTheProfileIsFound(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (practitionerBrowser, practitioner) = try await Self.joinAndSubmit(app)
            #expect(practitioner.verificationStatus == .pending)
            #expect(practitioner.slug == "sam-okafor")
            // Hidden from the public until verified, but previewable by its owner.
            #expect(try await TestBrowser(app).get("/practitioners/sam-okafor").status == .notFound)
            #expect(try await app.apiSearch("q=Okafor").total == 0)
            let preview = try await practitionerBrowser.get("/dashboard/preview")
            #expect(preview.status == .ok && preview.body.string.contains("Helping couples and families talk again"))

            let admin = try await TestAccounts.browser(app, role: .admin)
            let queue = try await admin.get("/admin")
            #expect(queue.body.string.contains("Sam Okafor"))
            let reviewPath = "/admin/practitioners/\(try practitioner.requireID().uuidString)"
            let review = try await admin.get(reviewPath)
            #expect(review.body.string.contains("BACP") && review.body.string.contains("certificate.pdf"))
            #expect(try await admin.post(reviewPath + "/approve", [:]).status == .seeOther)

            #expect(try await TestBrowser(app).get("/practitioners/sam-okafor").status == .ok)
            let found = try await app.apiSearch("q=Okafor&near=Harrogate")
            #expect(found.slugs == ["sam-okafor"])
            let owner = try #require(try await Account.find(practitioner.accountID, on: app.db))
            #expect(try await app.email(to: owner.email, about: "is live") != nil)
            #expect(try await AuditEntry.query(on: app.db).all().map(\.action) == ["approved practitioner"])
            #expect(owner.role == .practitioner)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRejectionReasonReachesThePractitionerByEmailAndOnTheDashboard(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (browser, practitioner) = try await Self.joinAndSubmit(app, name: "Rowan Blake", kind: .coach)
            let admin = try await TestAccounts.browser(app, role: .admin)
            let path = "/admin/practitioners/\(try practitioner.requireID().uuidString)"
            try await admin.get(path)
            // A rejection needs a reason the practitioner can act on.
            #expect(try await admin.post(path + "/reject", ["reason": "no"]).status == .unprocessableEntity)
            try await admin.get(path)
            let reason = "We could not find your ICF membership; please check the number."
            #expect(try await admin.post(path + "/reject", ["reason": reason]).status == .seeOther)
            let owner = try #require(try await Account.find(practitioner.accountID, on: app.db))
            let mail = try #require(try await app.email(to: owner.email, about: "About your Rapport profile"))
            #expect(mail.body.contains(reason))
            let dashboard = try await browser.get("/dashboard")
            #expect(dashboard.body.string.contains("ICF membership"))
            #expect(try await AuditEntry.query(on: app.db).all().map(\.action) == ["rejected practitioner"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func badProfileInputIsExplainedAndNothingTypedIsLost(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = try await TestAccounts.browser(app, role: .member)
            try await browser.get("/join")
            try await browser.post("/join", ["kind": "therapist"])
            try await browser.get("/dashboard/profile")
            var fields = Self.profileFields().filter { $0.0 != "topics[]" && $0.0 != "places" && $0.0 != "fee_max" }
            fields += [("places", "Harrogat"), ("fee_max", "20")]
            let response = try await browser.post("/dashboard/profile", pairs: fields)
            #expect(response.status == .unprocessableEntity)
            let page = response.body.string
            #expect(page.contains("Please choose between 1 and 12 things you help with."))
            #expect(page.contains("Did you mean Harrogate?"))
            #expect(page.contains("Your highest fee should be at least your lowest."))
            #expect(page.contains("Helping couples and families talk again"), "what was typed is kept")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFileThatOnlyClaimsToBeAPDFIsRefused(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = try await TestAccounts.browser(app, role: .member)
            try await browser.get("/join")
            try await browser.post("/join", ["kind": "therapist"])
            try await browser.get("/dashboard/credentials")
            let response = try await browser.postMultipart(
                "/dashboard/credentials",
                ["professional_body": "UKCP", "registration_number": "987", "qualifications": "Diploma in Psychotherapy", "insurance": "yes"],
                file: ("document", "certificate.pdf", "application/pdf", Data("MZ\u{90}\0 this is not a PDF".utf8)))
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("not a PDF, JPEG or PNG"))
            #expect(response.body.string.contains("Diploma in Psychotherapy"), "the other fields are kept")
            #expect(try await CredentialDocument.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func othersCannotSeeCredentialsOrActAsAdmins(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (_, practitioner) = try await Self.joinAndSubmit(app)
            let document = try #require(try await CredentialDocument.query(on: app.db).first())
            let other = try await TestAccounts.browser(app, role: .practitioner)
            let id = try practitioner.requireID().uuidString
            #expect(try await other.get("/admin/practitioners/\(id)").status == .forbidden)
            #expect(try await other.get("/admin/documents/\(try document.requireID().uuidString)").status == .forbidden)
            try await other.get("/account")
            #expect(try await other.post("/admin/practitioners/\(id)/approve", [:]).status == .forbidden)
            // Their own dashboard pages only ever reach their own profile: they have none yet.
            #expect(try await other.get("/dashboard/profile").headers.first(name: .location) == "/join")
            #expect(try await Practitioner.find(practitioner.id, on: app.db)?.verificationStatus == .pending)

            let admin = try await TestAccounts.browser(app, role: .admin)
            let download = try await admin.get("/admin/documents/\(try document.requireID().uuidString)")
            #expect(download.status == .ok && download.headers.contentType?.subType == "pdf")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            #expect(try await AuditEntry.query(on: app.db).all().map(\.action) == ["opened document"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func theAuditLogCannotBeChangedOrEmptied(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let admin = try await TestAccounts.make(app, email: "admin@example.org", role: .admin)
            try await AuditEntry.record("approved practitioner", by: admin, practitioner: nil, detail: "Test", on: app.db)
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE admin_audit_log SET detail = 'changed'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM admin_audit_log").run() }
            #expect(try await AuditEntry.query(on: app.db).all().map(\.detail) == ["Test"])
            let browser = try await TestAccounts.browser(app, role: .admin)
            #expect(try await browser.get("/admin/audit-log").body.string.contains("approved practitioner"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func submittingNeedsAConfirmedEmailAndACompleteProfile(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let account = try await TestAccounts.make(app, email: "new@example.org", role: .member, confirmed: false)
            let browser = try await TestAccounts.browser(app, account: account)
            try await browser.get("/join")
            try await browser.post("/join", ["kind": "therapist"])
            try await browser.get("/dashboard/submit")
            let refused = try await browser.post("/dashboard/submit", [:])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Please confirm your email address"))
            #expect(refused.body.string.contains("Your profile"))
            #expect(try await Practitioner.query(on: app.db).first()?.verificationStatus == .unverified)
        }
    }

    @Test(arguments: TestDatabase.all)
    func availabilityAndHidingTakeEffectInSearchAtOnce(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (browser, practitioner) = try await Self.joinAndSubmit(app)
            let admin = try await TestAccounts.browser(app, role: .admin)
            let path = "/admin/practitioners/\(try practitioner.requireID().uuidString)"
            try await admin.get(path)
            try await admin.post(path + "/approve", [:])

            try await browser.get("/dashboard")
            try await browser.post("/dashboard/availability", ["accepting": "no"])
            #expect(try await app.apiSearch("q=Okafor").total == 0, "not accepting: gone from the default search")
            #expect(try await app.apiSearch("q=Okafor&accepting=any").total == 1)
            try await browser.get("/dashboard")
            try await browser.post("/dashboard/visibility", ["visible": "no"])
            #expect(try await app.apiSearch("q=Okafor&accepting=any").total == 0)
            #expect(try await TestBrowser(app).get("/practitioners/sam-okafor").status == .notFound)

            // A suspension by an admin cannot be undone by the practitioner.
            try await admin.get(path)
            try await admin.post(path + "/suspend", ["reason": "Several worrying reports are being looked into."])
            try await browser.get("/dashboard")
            #expect(try await browser.post("/dashboard/visibility", ["visible": "yes"]).status == .unprocessableEntity)
            #expect(try await Practitioner.find(practitioner.id, on: app.db)?.visibility == .suspended)
        }
    }

    @Test(arguments: TestDatabase.all)
    func joiningSignedOutCreatesAnAccountAndComesBackToJoining(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let browser = TestBrowser(app)
            let join = try await browser.get("/join")
            #expect(join.body.string.contains(#"href="/register?next=%2Fjoin""#))
            try await browser.get("/register?next=%2Fjoin")
            try await browser.post("/register", ["email": "joiner@example.org", "password": TestAccounts.password, "next": "/join"])
            let mail = try #require(try await app.email(to: "joiner@example.org", about: "confirm"))
            let confirmation = try #require(link(in: mail, path: "/account/confirm-email"))
            #expect(confirmation.contains("next=%2Fjoin"))
            let confirmed = try await browser.get(confirmation)
            #expect(confirmed.body.string.contains(#"href="/login?next=%2Fjoin">Continue where you were"#))
            // Somewhere else is never a place to continue to.
            try await browser.get("/register?next=https%3A%2F%2Fevil.example")
            try await browser.post("/register", ["email": "other@example.org", "password": TestAccounts.password, "next": "//evil.example"])
            let other = try #require(try await app.email(to: "other@example.org", about: "confirm"))
            #expect(!(link(in: other, path: "/account/confirm-email") ?? "").contains("next="))
        }
    }

    @Test(arguments: TestDatabase.all)
    func everyAdminActionIsInTheAuditLog(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (_, practitioner) = try await Self.joinAndSubmit(app)
            let admin = try await TestAccounts.browser(app, role: .admin)
            let path = "/admin/practitioners/\(try practitioner.requireID().uuidString)"
            try await admin.get(path)
            try await admin.post(path + "/approve", [:])
            try await admin.post(path + "/suspend", ["reason": "A report is being looked into."])
            try await admin.post(path + "/restore", [:])
            let report = ProfileReport()
            report.$practitioner.id = try practitioner.requireID()
            report.reason = "other"
            report.details = ""
            report.createdAt = Date()
            try await report.create(on: app.db)
            try await admin.post("/admin/reports/\(try report.requireID().uuidString)/resolve", [:])
            let document = try #require(try await CredentialDocument.query(on: app.db).first())
            try await admin.get("/admin/documents/\(try document.requireID().uuidString)")
            let actions = try await AuditEntry.query(on: app.db).sort(\.$createdAt).all().map(\.action)
            #expect(actions == ["approved practitioner", "suspended profile", "restored profile", "resolved report", "opened document"])
            let log = try await admin.get("/admin/audit-log").body.string
            #expect(log.contains("A report is being looked into."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anyoneCanReportAProfileAndAdminsSeeIt(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            try await PractitionerFixture.make(on: app, name: "Ada Example")
            let visitor = TestBrowser(app)
            #expect(try await visitor.get("/practitioners/ada-example").body.string.contains("/practitioners/ada-example/report"))
            try await visitor.get("/practitioners/ada-example/report")
            #expect(try await visitor.post("/practitioners/ada-example/report", ["details": "x"]).status == .unprocessableEntity)
            let sent = try await visitor.post("/practitioners/ada-example/report", ["reason": "credentials", "details": "Their number is not on the register."])
            #expect(sent.body.string.contains("Thank you"))
            let admin = try await TestAccounts.browser(app, role: .admin)
            let queue = try await admin.get("/admin")
            #expect(queue.body.string.contains("Their number is not on the register."))
            let report = try #require(try await ProfileReport.query(on: app.db).first())
            #expect(try await admin.post("/admin/reports/\(try report.requireID().uuidString)/resolve", [:]).status == .seeOther)
            #expect(try await ProfileReport.query(on: app.db).filter(\.$resolvedAt == nil).count() == 0)
        }
    }
}
