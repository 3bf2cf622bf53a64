/// The emails about enquiries. None ever holds what anyone wrote, not even the sender's name:
/// only that there is something to read, and a link to it.
struct NewEnquiryMessage: Email {
    var template: String { "new-enquiry" }
    let practitionerName: String
    let link: String
    var subject: String { "You have a new enquiry on Rapport" }
}

struct EnquirySentMessage: Email {
    var template: String { "enquiry-sent" }
    /// "Sam Okafor", or "Sam Okafor, Ada Example and Priya Shah".
    let recipients: String
    let link: String
    let replyWithinDays: Int
    var subject: String { "Your message on Rapport has been sent" }
}

struct EnquiryReplyMessage: Email {
    var template: String { "enquiry-reply" }
    let practitionerName: String
    let link: String
    var subject: String { "\(practitionerName) has replied to you on Rapport" }
}

struct SenderAnsweredMessage: Email {
    var template: String { "enquiry-answered" }
    let practitionerName: String
    let link: String
    var subject: String { "A new message in an enquiry on Rapport" }
}

struct EnquiryReminderMessage: Email {
    var template: String { "enquiry-reminder" }
    let practitionerName: String
    let days: Int
    let link: String
    var subject: String { "An enquiry is waiting for your reply" }
}

struct NoReplyYetMessage: Email {
    var template: String { "enquiry-no-reply" }
    let practitionerName: String
    let link: String
    var subject: String { "No reply yet from \(practitionerName)" }
}
