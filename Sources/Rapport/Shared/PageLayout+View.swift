/// The base layout around every page: header with the crisis link, navigation, footer.
///
/// Written with `HTML` rather than Leaf: it is on every page, and Leaf's cost for it alone was
/// about a tenth of a busy search page (see the README). Display only; `PageLayout` decides.
extension PageLayout {
    func html(body: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        \(metaDescription.map { description -> HTML in "<meta name=\"description\" content=\"\(description)\">" })
        <link rel="canonical" href="\(canonicalURL)">
        <meta property="og:type" content="website">
        <meta property="og:site_name" content="Rapport">
        <meta property="og:locale" content="en_GB">
        <meta property="og:title" content="\(pageTitle)">
        <meta property="og:url" content="\(canonicalURL)">
        \(metaDescription.map { description -> HTML in "<meta property=\"og:description\" content=\"\(description)\">" })
        \(HTML(joining: feeds.map { feed -> HTML in "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(feed.title)\" href=\"\(feed.href)\">" }))
        <link rel="stylesheet" href="\(stylesheetHref)">
        <script src="\(scriptHref)" defer></script>
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        \(HTML.when(showsExitThisPage, Self.exitThisPage))
        <header class="site-header">
          \(HTML.when(showsDemoBanner, "<p class=\"demo-banner\">Demo: these practitioners are fictional. Please don't contact them for real help.</p>"))
          <div class="wrap header-inner">
            <a class="brand" href="\(homeHref)">Rapport</a>
            <nav class="site-nav" aria-label="Main">
              <ul>
                \(navigation.map { link -> HTML in "<li><a href=\"\(link.href)\"\(HTML.when(link.isCurrent, " aria-current=\"page\""))>\(link.label)</a></li>\n" })
              </ul>
            </nav>
            \(accountLinks)
            <a class="urgent-link" href="\(urgentHelpHref)">Need urgent help?</a>
          </div>
          \(HTML.when(needsEmailConfirmation, "<p class=\"confirm-banner\">Please confirm your email address: we've sent you a link. Until then you can look around, but you can't publish anything. <a href=\"\(accountHref)\">Send a new link</a></p>"))
        </header>
        <main id="main" class="wrap" tabindex="-1">
        \(body)
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <nav aria-label="Footer">
              <ul>
                \(footerLinks.map { link -> HTML in "<li><a href=\"\(link.href)\">\(link.label)</a></li>\n" })
              </ul>
            </nav>
            <p>If you are in danger right now, call 999. For anything else urgent, you can call Samaritans free on 116 123, day or night.</p>
            <p class="small">Rapport lists practitioners; it does not give therapy or medical advice itself.</p>
          </div>
        </footer>
        </body>
        </html>

        """
    }

    /// "Exit this page": a link that works without JavaScript, to a neutral site; with it, the
    /// page is replaced (so Back does not return here) and pressing Shift three times does the
    /// same. One component, for every page that may need it.
    static let exitThisPage: HTML = """
        <aside class="exit-this-page" aria-label="Exit this page" data-exit-this-page>\
        <a class="exit-this-page__button" href="https://www.bbc.co.uk/weather" rel="nofollow noreferrer">\
        Exit this page<span class="visually-hidden">: goes straight to the BBC weather site</span></a>\
        <p class="exit-this-page__hint" hidden>Or press Shift three times.</p></aside>
        """

    private var accountLinks: HTML? {
        guard isSignedIn else { return nil }
        return """
            <div class="account-links"><a href="\(accountHref)">Your account</a>
                  <form method="post" action="\(logoutHref)" class="inline-form"><input type="hidden" name="csrf_token" value="\(csrfToken)">\
            <button type="submit" class="link-button">Log out</button></form></div>
            """
    }
}
