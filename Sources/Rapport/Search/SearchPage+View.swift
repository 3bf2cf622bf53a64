/// The search page's markup: display only, everything worked out in `SearchPage`. It is written
/// with `HTML` rather than Leaf because it is the busiest page on the site and Leaf took about
/// five milliseconds to render it (see the README). The layout around it is `HTML` too
/// (`PageLayout+View.swift`).
extension SearchPage {
    var body: HTML {
        """
        <h1>\(heading)</h1>
        <div class="search-layout">
        <aside class="filters" aria-labelledby="filters-heading">
          <h2 id="filters-heading">Narrow your search</h2>
          \(filterForm)
        </aside>

        <section class="results" aria-labelledby="results-heading">
          <h2 id="results-heading" class="visually-hidden">Results</h2>
          \(noticeList)
          \(placeQuestionBox)
          \(hasSearched ? results : nil)
          <details class="ordering-note">
            <summary>How results are ordered</summary>
            <p>Nobody can pay to be placed higher. By default, practitioners who have confirmed in the last 60 days that they are \
        taking new clients come first, and those who haven't come after them. If you typed words, closer matches come first within \
        each group. Practitioners who would otherwise tie are shuffled, and the shuffle changes every day so the same few people \
        aren't always at the top.</p>
            <p>You can also order by distance, by lowest fee, or by who confirmed their availability most recently.</p>
          </details>
        </section>
        </div>

        """
    }

    private var filterForm: HTML {
        """
        <form id="filters" method="get" action="\(formAction)">
            <div class="field"><label for="f-q">Words</label>
              <input id="f-q" name="q" type="text" maxlength="200" value="\(words)"></div>
            <div class="field"><label for="f-near">Near</label>
              <input id="f-near" name="near" type="text" maxlength="100" value="\(near)" aria-describedby="f-near-hint">
              <p class="hint" id="f-near-hint">A UK town or city.</p></div>
            <div class="field"><label for="f-radius">Within (miles)</label>
              <input id="f-radius" name="radius_miles" type="number" min="1" max="100" inputmode="numeric" value="\(radiusMiles)"></div>
            <div class="field"><label for="f-format">Sessions</label>
              \(Self.select(id: "f-format", name: "format", anyLabel: "Any way", formatOptions))</div>
            <div class="field"><label for="f-topic">Help with</label>
              \(Self.select(id: "f-topic", name: "topic", anyLabel: "Anything", topicOptions))</div>
            <div class="field"><label for="f-approach">Approach</label>
              \(Self.select(id: "f-approach", name: "approach", anyLabel: "Any approach", approachOptions))</div>
            <div class="field"><label for="f-fee">Highest fee (£ a session)</label>
              <input id="f-fee" name="max_fee" type="number" min="1" max="1000" inputmode="numeric" value="\(maxFee)"></div>
            <div class="field field--check"><input id="f-concessions" name="concessions" type="checkbox" value="true"\
        \(HTML.when(requiresConcessions, " checked"))>
              <label for="f-concessions">Lower fees on low incomes</label></div>
            <div class="field field--check"><input id="f-free" name="free_first" type="checkbox" value="true"\
        \(HTML.when(requiresFreeFirst, " checked"))>
              <label for="f-free">Free first conversation</label></div>
            <div class="field"><label for="f-language">Language</label>
              <input id="f-language" name="language" type="text" maxlength="40" value="\(language)" placeholder="For example: Welsh"></div>
            <div class="field"><label for="f-gender">Practitioner's gender</label>
              \(Self.select(id: "f-gender", name: "gender", anyLabel: "No preference", genderOptions))</div>
            <div class="field"><label for="f-works">Works with</label>
              \(Self.select(id: "f-works", name: "works_with", anyLabel: "Anyone", worksWithOptions))</div>
            <div class="field field--check"><input id="f-accepting" name="accepting" type="checkbox" value="any"\
        \(HTML.when(includesNotAccepting, " checked"))>
              <label for="f-accepting">Include those not taking new clients</label></div>
            <div class="field"><label for="f-sort">Order</label>
              \(Self.select(id: "f-sort", name: "sort", anyLabel: nil, sortOptions))</div>
            <button type="submit">Update results</button>
          </form>
        """
    }

    /// `anyLabel`: the first, empty choice, when the filter can be left unset.
    private static func select(id: String, name: String, anyLabel: String?, _ options: [Option]) -> HTML {
        let first: HTML? = anyLabel.map { "<option value=\"\">\($0)</option>" }
        let choices = options.map { option -> HTML in
            "<option value=\"\(option.value)\"\(HTML.when(option.isSelected, " selected"))>\(option.label)</option>"
        }
        return "<select id=\"\(id)\" name=\"\(name)\">\(first)\(choices)</select>"
    }

    private var noticeList: HTML? {
        guard !notices.isEmpty else { return nil }
        return "<div class=\"notice\" role=\"status\"><ul>\(notices.map { notice -> HTML in "<li>\(notice)</li>" })</ul></div>"
    }

    private var placeQuestionBox: HTML? {
        guard let placeQuestion else { return nil }
        let choices: HTML? =
            placeChoices.isEmpty
            ? nil
            : "<ul class=\"chip-list\">\(placeChoices.map { choice -> HTML in "<li><a class=\"chip\" href=\"\(choice.href)\">\(choice.label)</a></li>" })</ul>"
        return """
            <div class="notice notice--question" role="status">
                <p>\(placeQuestion)</p>
                \(choices)
              </div>
            """
    }

    private var results: HTML {
        """
        <p class="result-count" role="status">\(resultCount)</p>
          \(filterChips)
          \(total > 0 ? cardList : emptyState)
        """
    }

    private var filterChips: HTML? {
        guard !activeFilters.isEmpty else { return nil }
        let chips = activeFilters.map { filter -> HTML in
            "<li><a class=\"chip chip--remove\" href=\"\(filter.href)\">\(filter.label)<span class=\"visually-hidden\"> (remove this filter)</span></a></li>"
        }
        let clearAll: HTML? = clearAllHref.map { "<li><a href=\"\($0)\">Clear all</a></li>" }
        return """
            <ul class="active-filters" aria-label="Filters in use">
                \(chips)
                \(clearAll)
              </ul>
            """
    }

    private var cardList: HTML {
        let items = cards.map { card -> HTML in
            let divider: HTML? =
                card.startsStaleGroup
                ? "<li class=\"stale-divider\">These practitioners haven't confirmed their availability in the last 60 days, so we list them after those who have.</li>"
                : nil
            return "\(divider)\(card.html(shortlistToken: shortlistToken))"
        }
        let previous: HTML? = previousHref.map { "<a href=\"\($0)\" rel=\"prev\">Previous page</a>" }
        let next: HTML? = nextHref.map { "<a href=\"\($0)\" rel=\"next\">Next page</a>" }
        return """
            <ul class="card-list">
                \(items)
              </ul>
              <form id="\(PractitionerCard.writeToSeveralForm)" method="get" action="\(Self.writeToSeveralAction)" class="write-to-several">
                <p>Tick up to three practitioners, then write your message once: each gets their own copy.</p>
                <button type="submit" class="secondary">Write one message to the ones I've ticked</button>
              </form>
              <nav class="pagination" aria-label="Pages of results">
                \(previous)
                <span>Page \(pageNumber) of \(pageCount)</span>
                \(next)
              </nav>
            """
    }

    static let writeToSeveralAction = SiteURL.getInTouchWithSeveral.path

    private var emptyState: HTML {
        let ideas: HTML =
            suggestions.isEmpty
            ? "<p>Try removing a filter above.</p>"
            : "<p>Try one of these:</p><ul>\(suggestions.map { suggestion -> HTML in "<li><a href=\"\(suggestion.href)\">\(suggestion.label)</a></li>" })</ul>"
        return """
            <div class="empty-state">
                <p><strong>No one matches all of that just now.</strong> That doesn't mean there's no help for you.</p>
                \(ideas)
              </div>
            """
    }
}
