import Foundation

/// What one search reads: an immutable base catalogue, built from the whole directory now and
/// then, plus a small overlay catalogue of the practitioners who changed since. The base's
/// copies of those practitioners are hidden, so each practitioner is in exactly one of the two
/// (or in neither, once delisted). A search runs over both and merges them into one order.
///
/// Both parts are built before the index is published and never change afterwards, so a search
/// can never see half of a change. The store (`SearchIndexStore`) makes a new index for each
/// batch of changes, at a cost in proportion to the overlay, not to the directory.
struct SearchIndex: Sendable {
    let base: SearchCatalogue
    /// Base slots whose practitioner changed or left since the base was built.
    let hidden: SlotSet
    let hiddenCount: Int
    let overlay: SearchCatalogue

    init(base: SearchCatalogue, hidden: SlotSet? = nil, overlay: SearchCatalogue? = nil) {
        self.base = base
        self.hidden = hidden ?? SlotSet(size: 0)
        var count = 0
        self.hidden.forEach { _ in count += 1 }
        hiddenCount = count
        self.overlay = overlay ?? .of([], taxonomy: base.taxonomy)
    }

    /// Topics and approaches change rarely, and rebuild the base when they do.
    var taxonomy: CatalogueTaxonomy { base.taxonomy }

    /// How many practitioners search can find.
    var listingCount: Int { base.ids.count - hiddenCount + overlay.ids.count }

    /// Every listed practitioner's id, in no particular order (for tests and checks).
    var listedIDs: [UUID] {
        base.ids.indices.filter { !hidden.contains(SearchCatalogue.Slot($0)) }.map { base.ids[$0] } + overlay.ids
    }

    struct Found: Sendable {
        let total: Int
        /// In result order, each with its distance when the search used one.
        let practitioners: [(practitioner: PractitionerSummary, distanceMiles: Double?)]
    }

    /// Runs `search` over the base and the overlay and merges their results into one page. With
    /// nothing changed since the base was built (the usual case), it is the base's search alone.
    func run(_ search: PractitionerSearch) -> Found {
        guard hiddenCount > 0 || !overlay.ids.isEmpty else {
            let page = search.run(in: base)
            return Found(total: page.total, practitioners: page.hits.map { (base.summary(at: $0.slot), $0.distanceMiles) })
        }
        var fromBase = search
        fromBase.hidden = hidden
        fromBase.startsAtFirstResult = true
        var fromOverlay = search
        fromOverlay.startsAtFirstResult = true
        let (basePage, overlayPage) = (fromBase.run(in: base), fromOverlay.run(in: overlay))

        // Each part's hits are in the search's order; so is the merge. The last tie-break is the
        // id, as within one catalogue (whose slots are in id order).
        var merged: [(hit: SearchResultPage.Hit, catalogue: SearchCatalogue)] = []
        var (nextBase, nextOverlay) = (basePage.hits.startIndex, overlayPage.hits.startIndex)
        let needed = search.criteria.page * search.criteria.perPage
        while merged.count < needed, nextBase < basePage.hits.endIndex || nextOverlay < overlayPage.hits.endIndex {
            let takesBase: Bool
            if nextOverlay == overlayPage.hits.endIndex {
                takesBase = true
            } else if nextBase == basePage.hits.endIndex {
                takesBase = false
            } else {
                takesBase = Self.comesFirst(basePage.hits[nextBase], overlayPage.hits[nextOverlay])
            }
            if takesBase {
                merged.append((basePage.hits[nextBase], base))
                nextBase += 1
            } else {
                merged.append((overlayPage.hits[nextOverlay], overlay))
                nextOverlay += 1
            }
        }
        let skipped = (search.criteria.page - 1) * search.criteria.perPage
        return Found(
            total: basePage.total + overlayPage.total,
            practitioners: merged.dropFirst(skipped).map { ($0.catalogue.summary(at: $0.hit.slot), $0.hit.distanceMiles) })
    }

    private static func comesFirst(_ left: SearchResultPage.Hit, _ right: SearchResultPage.Hit) -> Bool {
        if left.primary != right.primary { return left.primary < right.primary }
        if left.shuffle != right.shuffle { return left.shuffle < right.shuffle }
        return left.practitionerID.uuidString < right.practitionerID.uuidString
    }
}
