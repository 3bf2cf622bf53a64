/// The site's fixed paths for templates, as `#(site.login)`: every template gets them, so no
/// template writes a path of its own. Paths with a value (a profile, an admin decision) come
/// from the page's view model instead. Built from `SiteURL`, once.
struct SiteLinks: Encodable, Sendable {
    static let shared = SiteLinks()

    let home = SiteURL.home.path
    let urgentHelp = SiteURL.urgentHelp.path
    let privacy = SiteURL.privacy.path
    let about = SiteURL.about.path
    let howRapportWorks = SiteURL.howRapportWorks.path
    let terms = SiteURL.terms.path
    let accessibility = SiteURL.accessibility.path
    let contact = SiteURL.contact.path
    let needHelpWith = SiteURL.needHelpWith.path
    let approaches = SiteURL.approaches.path
    let whichApproach = SiteURL.whichApproach.path
    let whichApproachRules = SiteURL.whichApproachRules.path
    let therapists = SiteURL.therapists.path
    let coaches = SiteURL.coaches.path
    let find = SiteURL.find.path
    let login = SiteURL.login.path
    let loginCode = SiteURL.loginCode.path
    let logout = SiteURL.logout.path
    let register = SiteURL.register.path
    let forgotPassword = SiteURL.forgotPassword.path
    let resetPassword = SiteURL.resetPassword.path
    let account = SiteURL.account.path
    let changeEmail = SiteURL.changeEmail.path
    let confirmEmailChange = SiteURL.confirmEmailChange.path
    let changePassword = SiteURL.changePassword.path
    let signOutEverywhere = SiteURL.signOutEverywhere.path
    let resendConfirmation = SiteURL.resendConfirmation.path
    let deleteAccount = SiteURL.deleteAccount.path
    let twoStep = SiteURL.twoStep.path
    let admins = SiteURL.admins.path
    let personalData = SiteURL.personalData.path
    let shortlist = SiteURL.shortlist.path
    let join = SiteURL.join.path
    let benefits = SiteURL.benefits.path
    let dashboard = SiteURL.dashboard.path
    let dashboardArticles = SiteURL.dashboardArticles.path
    let firstConversations = SiteURL.firstConversations.path
    let newArticle = SiteURL.newArticle.path
    let articles = SiteURL.articles.path
    let articlesFeed = SiteURL.articlesFeed.path
    let dashboardProfile = SiteURL.dashboardProfile.path
    let credentials = SiteURL.credentials.path
    let submit = SiteURL.submit.path
    let preview = SiteURL.preview.path
    let availability = SiteURL.availability.path
    let visibility = SiteURL.visibility.path
    let admin = SiteURL.admin.path
    let auditLog = SiteURL.auditLog.path
    let inbox = SiteURL.inbox.path
    let getInTouchWithSeveral = SiteURL.getInTouchWithSeveral.path
}
