/// Every path of the site in one place, so links never drift from routes.
enum SiteURL: Sendable {
    case home
    case urgentHelp
    case privacy
    case needHelpWith
    case topic(slug: String)
    case approaches
    case approach(slug: String)
    case therapists
    case coaches
    case find
    case practitioner(slug: String)
    case healthCheck
    case stylesheet

    var path: String {
        switch self {
        case .home: "/"
        case .urgentHelp: "/urgent-help"
        case .privacy: "/privacy"
        case .needHelpWith: "/need-help-with"
        case .topic(let slug): "/need-help-with/\(slug)"
        case .approaches: "/approaches"
        case .approach(let slug): "/approaches/\(slug)"
        case .therapists: "/therapists"
        case .coaches: "/coaches"
        case .find: "/find"
        case .practitioner(let slug): "/practitioners/\(slug)"
        case .healthCheck: "/healthz"
        case .stylesheet: "/styles/site.css"
        }
    }
}

/// The account pages' paths.
enum AccountURL {
    static let login = "/login"
    static let loginCode = "/login/code"
    static let logout = "/logout"
    static let register = "/register"
    static let checkEmail = "/register/check-email"
    static let confirmEmail = "/account/confirm-email"
    static let forgotPassword = "/forgot-password"
    static let resetPassword = "/reset-password"
    static let account = "/account"
    static let changeEmail = "/account/email"
    static let confirmEmailChange = "/account/confirm-new-email"
    static let changePassword = "/account/password"
    static let signOutEverywhere = "/account/sign-out-everywhere"
    static let twoStep = "/account/two-step"
    static let deleteAccount = "/account/delete"
    static let resendConfirmation = "/account/resend-confirmation"
    static let admins = "/account/admins"
}
