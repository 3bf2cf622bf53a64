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
