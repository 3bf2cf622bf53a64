import Fluent
import Foundation
import Testing
import Vapor

@testable import Rapport

/// Every enquiry gets a reply, or the sender hears why not, with a clock the tests control.
@Suite("The reply promise")
struct EnquiryPromiseTests {
    static func send(_ app: Application, to slug: String, message: String) async throws {
        let person = TestBrowser(app)
        let form = try await person.get("/practitioners/\(slug)/get-in-touch")
        let sent = try await person.post("/practitioners/\(slug)/get-in-touch", pairs: EnquiryWorld.fields(from: form.text, message: message))
        #expect(sent.status == .ok)
    }

    @Test(arguments: TestDatabase.all)
    func remindersAtTwoAndFiveDaysTheSenderToldAtSevenAndThreeUnansweredPause(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (practitioner, browser) = try await EnquiryWorld.practitioner(app, name: "Sam Okafor")
            _ = try await EnquiryWorld.practitioner(app, name: "Ada Example")
            for index in 1...3 { try await Self.send(app, to: "sam-okafor", message: "Enquiry number \(index) about arguments.") }
            let owner = try #require(try await Account.find(practitioner.accountID, on: app.db))
            let start = Date()
            func reminders() async throws -> Int { try await app.emails(to: owner.email).filter { $0.subject.contains("waiting for your reply") }.count }

            try await EnquiryJobs.keepPromises(app, on: app.db, now: start.addingTimeInterval(1 * 86_400))
            #expect(try await reminders() == 0, "not yet at one day")
            try await EnquiryJobs.keepPromises(app, on: app.db, now: start.addingTimeInterval(2 * 86_400 + 60))
            #expect(try await reminders() == 3)
            try await EnquiryJobs.keepPromises(app, on: app.db, now: start.addingTimeInterval(3 * 86_400))
            #expect(try await reminders() == 3, "one reminder per step")
            try await EnquiryJobs.keepPromises(app, on: app.db, now: start.addingTimeInterval(5 * 86_400 + 60))
            #expect(try await reminders() == 6)
            #expect(try await app.emails(to: "robin@example.org").filter { $0.subject.contains("No reply yet") }.isEmpty)

            try await EnquiryJobs.keepPromises(app, on: app.db, now: start.addingTimeInterval(7 * 86_400 + 60))
            let told = try await app.emails(to: "robin@example.org").filter { $0.subject.contains("No reply yet") }
            #expect(told.count == 3 && told.allSatisfy { !$0.body.contains("arguments") })
            #expect(try await Practitioner.find(practitioner.id, on: app.db)?.enquiriesPausedAt != nil)
            let profile = try await TestBrowser(app).get("/practitioners/sam-okafor")
            #expect(profile.text.contains("Not taking enquiries right now") && !profile.text.contains(">Get in touch</a>"))
            let closedForm = try await TestBrowser(app).get("/practitioners/sam-okafor/get-in-touch")
            #expect(closedForm.text.contains("isn't taking enquiries right now") && !closedForm.text.contains("name=\"message\""))
            // The sender's private page offers others who may help.
            let privateLink = try #require(link(in: told.first, path: "/enquiries/"))
            #expect(try await TestBrowser(app).get(privateLink).text.contains("Ada Example"))

            // One reply ends the pause.
            let id = try #require(try await Enquiry.query(on: app.db).first()?.id?.uuidString)
            try await browser.get("/dashboard/enquiries/\(id)")
            try await browser.post("/dashboard/enquiries/\(id)/replied-elsewhere", [:])
            #expect(try await Practitioner.find(practitioner.id, on: app.db)?.enquiriesPausedAt == nil)
        }
    }

    /// "Usually replies within N days" and "Replies to N%" show once there are 3 in 90 days.
    @Test(arguments: TestDatabase.all)
    func aReplyRecordShowsOnceThereAreThreeEnquiries(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            let (_, browser) = try await EnquiryWorld.practitioner(app, name: "Sam Okafor")
            for index in 1...2 { try await Self.send(app, to: "sam-okafor", message: "Question \(index).") }
            #expect(!(try await TestBrowser(app).get("/practitioners/sam-okafor").text.contains("Usually replies")))
            try await Self.send(app, to: "sam-okafor", message: "Question 3.")
            let copies = try await Enquiry.query(on: app.db).all()
            for copy in copies.prefix(2) {
                let id = try copy.requireID().uuidString
                try await browser.get("/dashboard/enquiries/\(id)")
                try await browser.post("/dashboard/enquiries/\(id)/reply", ["message": "Thank you, I'd be glad to talk."])
            }
            let profile = try await TestBrowser(app).get("/practitioners/sam-okafor").text
            #expect(profile.contains("Usually replies within a day") && profile.contains("Replies to 67% of enquiries"))
        }
    }

    /// Kept 12 months after the last message, then gone, copies, replies and all.
    @Test(arguments: TestDatabase.all)
    func enquiriesAreDeletedAYearAfterTheLastMessage(database: TestDatabase) async throws {
        try await withRapport(database) { app in
            _ = try await EnquiryWorld.practitioner(app, name: "Sam Okafor")
            try await Self.send(app, to: "sam-okafor", message: "An old question.")
            let now = Date()
            #expect(try await EnquiryJobs.purge(app, on: app.db, now: now.addingTimeInterval(364 * 86_400)) == 0)
            #expect(try await EnquiryJobs.purge(app, on: app.db, now: now.addingTimeInterval(366 * 86_400)) == 1)
            #expect(try await EnquiryRequest.query(on: app.db).count() == 0)
            #expect(try await Enquiry.query(on: app.db).count() == 0)
        }
    }

    /// Rotating the data key re-seals enquiries and their keyed hashes; the old key can go.
    @Test func rotationCoversEnquiriesAndTheirLookups() async throws {
        let old = Data(repeating: 21, count: 32), new = Data(repeating: 22, count: 32)
        try await withRapport(.sqlite, settings: { $0.dataKeySource = .keys(current: old, previous: []) }) { app in
            _ = try await EnquiryWorld.practitioner(app, name: "Sam Okafor")
            try await Self.send(app, to: "sam-okafor", message: "Sealed under the old key.")
            app.dataKeys = try DataKeySource.keys(current: new, previous: [old]).ring(logger: app.logger)
            _ = try await DataKeyRotation.rotate(app.db, keys: app.dataKeys)
            app.dataKeys = try DataKeySource.keys(current: new, previous: []).ring(logger: app.logger)
            let request = try #require(try await EnquiryRequest.query(on: app.db).first())
            #expect(try EnquiryService(app: app, database: app.db).open(request).message == "Sealed under the old key.")
            #expect(request.emailLookup == app.dataKeys.lookupHash("robin@example.org", purpose: EnquiryLookup.senderPurpose))
        }
    }
}
