/// The emails about an account: confirming an address, resetting and changing a password,
/// changing an address. Each carries only links and the account's own details.
struct ConfirmEmailMessage: Email {
    var template: String { "confirm-email" }
    let link: String
    var subject: String { "Please confirm your email for Rapport" }
}

struct AlreadyRegisteredMessage: Email {
    var template: String { "already-registered" }
    let loginLink: String
    let resetLink: String
    var subject: String { "Someone tried to register with your email" }
}

struct ResetPasswordMessage: Email {
    var template: String { "reset-password" }
    let link: String
    var subject: String { "Reset your Rapport password" }
}

struct PasswordChangedMessage: Email {
    var template: String { "password-changed" }
    let resetLink: String
    var subject: String { "Your Rapport password was changed" }
}

struct ConfirmNewEmailMessage: Email {
    var template: String { "confirm-new-email" }
    let link: String
    var subject: String { "Confirm your new email for Rapport" }
}

struct EmailChangeRequestedMessage: Email {
    var template: String { "email-change-requested" }
    let resetLink: String
    var subject: String { "A change of email was requested on Rapport" }
}

struct EmailChangedMessage: Email {
    var template: String { "email-changed" }
    let newEmail: String
    let resetLink: String
    var subject: String { "Your Rapport email address was changed" }
}
