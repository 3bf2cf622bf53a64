import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import Rapport

/// Getting in touch, as a person and a practitioner would: nothing lost, nothing leaked.
@Suite("Enquiries")
struct EnquiryFlowTests {
    /// Send, confirm, the practitioner reads and replies, the sender reads, answers and deletes.
    @Test(arguments: TestDatabase.all)
    func aPersonAndAPractitionerTalkAndThePersonDeletesItAll(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (practitioner, practitionerBrowser) = try await EnquiryWorld.practitioner(app, name: "Sam Okafor")
            let person = TestBrowser(app, from: "198.51.100.30")
            let form = try await person.get("/practitioners/sam-okafor/get-in-touch?topic=relationship-problems")
            #expect(form.status == .ok && form.text.contains("If you need help now") && form.text.contains("Exit this page"))
            #expect(form.text.contains("value=\"relationship-problems\" checked"), "the topic from the search is ticked")

            // The consent box left unticked: the form comes back with everything kept.
            let unticked = try await person.post("/practitioners/sam-okafor/get-in-touch", pairs: EnquiryWorld.fields(from: form.text, consent: false))
            #expect(unticked.status == .unprocessableEntity && unticked.text.contains("There is a problem"))
            #expect(unticked.text.contains(EnquiryWorld.canary) && unticked.text.contains("value=\"robin@example.org\""))
            #expect(try await EnquiryRequest.query(on: app.db).count() == 0)

            let token = TestBrowser.formToken(in: unticked.text)
            let sent = try await person.post("/practitioners/sam-okafor/get-in-touch", pairs: EnquiryWorld.fields(from: unticked.text))
            #expect(sent.status == .ok && sent.text.contains("Your message has been sent"))
            // Sent again (the back button, a double click): still one enquiry.
            let again = try await person.post("/practitioners/sam-okafor/get-in-touch", pairs: EnquiryWorld.fields(from: unticked.text), token: .some(token))
            #expect(again.status == .ok && again.text.contains("Your message has been sent"))
            #expect(try await EnquiryRequest.query(on: app.db).count() == 1)

            // Both emails: a link each, never the message.
            let owner = try #require(try await Account.find(practitioner.accountID, on: app.db))
            let notice = try #require(try await app.email(to: owner.email, about: "new enquiry"))
            let confirmation = try #require(try await app.email(to: "robin@example.org", about: "has been sent"))
            for mail in [notice, confirmation] {
                #expect(!mail.body.contains(EnquiryWorld.canary) && !mail.body.contains("arguing") && !mail.body.contains("Robin"))
            }
            let privateLink = try #require(link(in: confirmation, path: "/enquiries/"))
            let inboxLink = try #require(link(in: notice, path: "/dashboard/enquiries/"))

            // The practitioner: the inbox, the enquiry (logged), a reply.
            #expect(try await practitionerBrowser.get("/dashboard/enquiries").text.contains("New (1)"))
            let opened = try await practitionerBrowser.get(inboxLink)
            #expect(opened.status == .ok && opened.text.contains(EnquiryWorld.canary) && opened.text.contains("robin@example.org"))
            let about = try #require(opened.text.range(of: "Their message")), who = try #require(opened.text.range(of: "Who sent it"))
            #expect(about.lowerBound < who.lowerBound, "the need before the person")
            #expect(try await EnquiryAccess.query(on: app.db).count() == 1)
            let replied = try await practitionerBrowser.post(inboxLink + "/reply", ["message": "Thank you for writing, Robin. I have space on Tuesdays."])
            #expect(replied.status == .seeOther)
            let replyMail = try #require(try await app.email(to: "robin@example.org", about: "has replied"))
            #expect(!replyMail.body.contains("Tuesdays") && link(in: replyMail, path: "/enquiries/") == privateLink)

            // The sender: the private page shows the reply, they answer, then delete everything.
            let page = try await person.get(privateLink)
            #expect(page.status == .ok && page.text.contains("I have space on Tuesdays") && page.headers.first(name: .cacheControl) == "no-store")
            let copyID = try #require(try await Enquiry.query(on: app.db).first()?.id?.uuidString)
            let answered = try await person.post(privateLink + "/\(copyID)/reply", ["message": "Tuesday evening would suit me."])
            #expect(answered.status == .seeOther)
            #expect(try await app.email(to: owner.email, about: "new message") != nil)
            #expect(try await practitionerBrowser.get(inboxLink).text.contains("Tuesday evening would suit me."))
            try await person.get(privateLink)
            #expect(try await person.post(privateLink + "/delete", [:]).text.contains("has been deleted"))
            #expect(try await EnquiryRequest.query(on: app.db).count() == 0)
            #expect(try await Enquiry.query(on: app.db).count() == 0)
            #expect(try await EnquiryMessage.query(on: app.db).count() == 0)
            #expect(try await person.get(privateLink).status == .notFound)
            #expect(try await practitionerBrowser.get(inboxLink).status == .notFound)
        }
    }

    /// What they wrote is sealed: no column holds it, or their name, email or phone, in plain text.
    @Test(arguments: TestDatabase.all)
    func whatAPersonWritesIsStoredOnlySealed(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            _ = try await EnquiryWorld.practitioner(app, name: "Sam Okafor")
            let person = TestBrowser(app)
            let form = try await person.get("/practitioners/sam-okafor/get-in-touch")
            var fields = EnquiryWorld.fields(from: form.text)
            fields.append(("phone", "07700 900123"))
            try await person.post("/practitioners/sam-okafor/get-in-touch", pairs: fields)
            let sql = try #require(app.db as? any SQLDatabase)
            for table in ["enquiry_requests", "enquiries", "mail_outbox"] {
                for row in try await sql.raw("SELECT * FROM \(ident: table)").all() {
                    for column in row.allColumns {
                        let text = (try? row.decode(column: column, as: String.self)) ?? ""
                        for secret in [EnquiryWorld.canary, "robin@example.org", "Robin", "07700"] {
                            #expect(!text.contains(secret), "\(table).\(column) holds \(secret)")
                        }
                    }
                }
            }
        }
    }

    /// One message, up to three people: a copy each, each told how many (never who).
    @Test(arguments: TestDatabase.all)
    func oneMessageGoesToUpToThreePractitionersAndNoMore(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            var practitioners: [Practitioner] = []
            for name in ["Sam Okafor", "Ada Example", "Priya Shah", "Tom Byrne"] {
                practitioners.append(try await EnquiryWorld.practitioner(app, name: name).0)
            }
            let person = TestBrowser(app)
            let form = try await person.get("/get-in-touch?to=sam-okafor&to=ada-example&to=priya-shah&to=tom-byrne")
            #expect(EnquiryWorld.hiddenAll("to[]", in: form.text) == ["sam-okafor", "ada-example", "priya-shah"], "three at most")
            let sent = try await person.post("/get-in-touch", pairs: EnquiryWorld.fields(from: form.text))
            #expect(sent.status == .ok && sent.text.contains("Sam Okafor, Ada Example and Priya Shah"))
            #expect(try await Enquiry.query(on: app.db).count() == 3)
            let copy = try #require(try await Enquiry.query(on: app.db).with(\.$practitioner).all().first { $0.practitioner.slug == "ada-example" })
            let adaAccount = try #require(try await Account.find(copy.practitioner.accountID, on: app.db))
            let ada = try await TestAccounts.browser(app, account: adaAccount)
            let page = try await ada.get("/dashboard/enquiries/\(try copy.requireID().uuidString)")
            #expect(page.text.contains("3 practitioners (you are one)") && !page.text.contains("Sam Okafor") && !page.text.contains("Priya"))

            // The same words to a fourth practitioner the same day: refused kindly.
            let again = TestBrowser(app)
            let fourth = try await again.get("/practitioners/tom-byrne/get-in-touch")
            let refused = try await again.post("/practitioners/tom-byrne/get-in-touch", pairs: EnquiryWorld.fields(from: fourth.text))
            #expect(refused.status == .unprocessableEntity && refused.text.contains("up to three people at once"))
            #expect(try await Enquiry.query(on: app.db).count() == 3)
        }
    }

    /// Crisis words lead the confirmation with crisis help, and mark the copy in the inbox.
    @Test(arguments: TestDatabase.all)
    func crisisWordsLeadWithCrisisHelpAndAreMarkedForPromptAttention(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (_, practitioner) = try await EnquiryWorld.practitioner(app, name: "Sam Okafor")
            let person = TestBrowser(app)
            let form = try await person.get("/practitioners/sam-okafor/get-in-touch")
            let sent = try await person.post(
                "/practitioners/sam-okafor/get-in-touch",
                pairs: EnquiryWorld.fields(from: form.text, message: "Some nights I think everyone would be better off without me."))
            let crisis = try #require(sent.text.range(of: "Please get help now")), heading = try #require(sent.text.range(of: "<h1>Your message has been sent"))
            #expect(crisis.lowerBound < heading.lowerBound)
            #expect(try await EnquiryRequest.query(on: app.db).first()?.hasCrisisWords == true)
            #expect(try await practitioner.get("/dashboard/enquiries").text.contains("Please read soon"))
        }
    }

    /// Only its practitioner reads an enquiry; everyone else gets exactly what a missing one gives.
    @Test(arguments: TestDatabase.all)
    func nobodyElseCanReadAnEnquiry(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            _ = try await EnquiryWorld.practitioner(app, name: "Sam Okafor")
            let person = TestBrowser(app)
            let form = try await person.get("/practitioners/sam-okafor/get-in-touch")
            try await person.post("/practitioners/sam-okafor/get-in-touch", pairs: EnquiryWorld.fields(from: form.text))
            let id = try #require(try await Enquiry.query(on: app.db).first()?.id?.uuidString)
            let others = [
                try await EnquiryWorld.practitioner(app, name: "Other Person").1,
                try await TestAccounts.browser(app, role: .member), try await TestAccounts.browser(app, role: .admin),
            ]
            for other in others {
                #expect(try await other.get("/dashboard/enquiries/\(id)").status == .notFound)
                #expect(try await other.get("/admin/enquiries/\(id)").status != .ok, "admins only after a report")
            }
            let anonymous = try await TestBrowser(app).get("/dashboard/enquiries/\(id)")
            let missing = try await TestBrowser(app).get("/dashboard/enquiries/\(UUID().uuidString)")
            #expect(anonymous.status == missing.status && anonymous.headers.first(name: .location)?.hasPrefix("/login") == true)
            // A tampered private link gets a kind page, and no hint.
            let tampered = try await TestBrowser(app).get("/enquiries/\(SecretToken.make())")
            #expect(tampered.status == .notFound && tampered.text.contains("We can&#39;t find that message"))
            #expect(try await EnquiryAccess.query(on: app.db).count() == 0)
        }
    }
}
