/// A result card's markup: display only, everything worked out in `PractitionerCard`. Written
/// with `HTML` rather than Leaf because a results page shows twenty of them (see the README).
extension PractitionerCard {
    static let shortlistAction = SiteURL.shortlist.path
    /// The form (elsewhere on the page) that writes one message to the cards ticked.
    static let writeToSeveralForm = "write-to-several"

    /// `shortlistToken`: for signed-in people, the form token that lets the card save to their
    /// shortlist.
    /// `picksForOneMessage`: a box to tick this practitioner for one message to several, on
    /// pages that have the form it belongs to (results pages).
    func html(shortlistToken: String?, picksForOneMessage: Bool = true) -> HTML {
        let approachList: HTML? = approaches.isEmpty ? nil : "<dt>Approaches</dt><dd>\(approaches.joined(separator: ", "))</dd>"
        let placeList: HTML? =
            places.isEmpty ? nil : "<dt>Based in</dt><dd>\(places.joined(separator: "; "))\(distance.map { " (\($0))" } ?? "")</dd>"
        let saveForm: HTML? = shortlistToken.map { token in
            """
            <form method="post" action="\(Self.shortlistAction)" class="inline-form"><input type="hidden" name="csrf_token" value="\(token)">\
            <input type="hidden" name="slug" value="\(slug)"><button type="submit" class="secondary" aria-label="Save \(name) to my shortlist">\
            Save to my shortlist</button></form>
            """
        }
        return """
            <li class="card">
              <div class="card-top">
                <h3 class="card-name"><a href="\(href)">\(name)</a></h3>
                <p class="card-meta"><span class="kind">\(kindLabel)</span>\
            \(HTML.when(isVerified, " <span class=\"badge badge--verified\">Credentials checked</span>"))\
            \(HTML.when(offersFreeFirstConversation, " <span class=\"badge badge--free\">Free first conversation</span>"))</p>
              </div>
              <p class="card-headline">\(headline)</p>
              <dl class="facts">
                \(approachList)
                <dt>Fees</dt><dd>\(feeRange)</dd>
                <dt>Sessions</dt><dd>\(formats.joined(separator: ", "))</dd>
                \(placeList)
              </dl>
              <p class="availability\(HTML.when(!isAccepting, " availability--closed"))">\(availability)</p>
              \(HTML.when(picksForOneMessage, pick))
              \(saveForm)
            </li>

            """
    }

    private var pick: HTML {
        """
        <p class="pick"><input type="checkbox" id="pick-\(slug)" name="to" value="\(slug)" form="\(Self.writeToSeveralForm)">\
        <label for="pick-\(slug)">Add \(name) to one message</label></p>
        """
    }
}
