import Fluent
import Vapor

/// The practitioner's profile form, used when joining and when editing later: one set of
/// fields, one set of checks, one way to save them.
struct ProfileForm {
    /// What the browser sends. Everything is optional text, so a bad value becomes a message
    /// on the form rather than a decoding error.
    struct Input: Content {
        var displayName: String?
        var pronouns: String?
        var headline: String?
        var about: String?
        var topics: [String]?
        var approaches: [String]?
        var formats: [String]?
        var places: String?
        var feeMin: String?
        var feeMax: String?
        var concessions: String?
        var freeFirstMinutes: String?
        var languages: String?
        var gender: String?
        var worksWith: [String]?

        enum CodingKeys: String, CodingKey {
            case displayName = "display_name", pronouns, headline, about, topics, approaches, formats, places
            case feeMin = "fee_min", feeMax = "fee_max", concessions, freeFirstMinutes = "free_first_minutes"
            case languages, gender, worksWith = "works_with"
        }
    }

    /// A checkbox or option on the form.
    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        let checked: Bool
    }

    /// What the template shows: the values as typed, and every option with its state.
    struct View: Encodable, Sendable {
        let isCoach: Bool
        /// Verified: a new name waits for an admin.
        let nameChangesNeedReview: Bool
        let displayName: String
        let pronouns: String
        let headline: String
        let about: String
        let topics: [Choice]
        let approaches: [Choice]
        let formats: [Choice]
        let places: String
        let feeMin: String
        let feeMax: String
        let concessions: Bool
        let freeFirstMinutes: String
        let languages: String
        let genders: [Choice]
        let worksWith: [Choice]
    }

    static let maximumPlaces = 3

    /// The form filled from a saved profile (`topics`, `approaches`, `locations` and `languages`
    /// loaded).
    static func input(from practitioner: Practitioner) -> Input {
        let hasFees = practitioner.feeMaxPence > 0
        return Input(
            displayName: practitioner.pendingDisplayName ?? practitioner.displayName, pronouns: practitioner.pronouns, headline: practitioner.headline,
            about: practitioner.about, topics: practitioner.topics.map(\.slug), approaches: practitioner.approaches.map(\.slug),
            formats: practitioner.formats.map(\.rawValue), places: practitioner.locations.map(\.placeLabel).joined(separator: "\n"),
            feeMin: hasFees ? String(practitioner.feeMinPence / 100) : "", feeMax: hasFees ? String(practitioner.feeMaxPence / 100) : "",
            concessions: practitioner.concessions ? "yes" : nil,
            freeFirstMinutes: practitioner.freeFirstConversationMinutes.map(String.init) ?? "",
            languages: practitioner.languages.map(\.language).sorted().joined(separator: ", "),
            gender: practitioner.gender?.rawValue, worksWith: practitioner.clientGroups.map(\.rawValue))
    }

    static func view(_ input: Input, kind: PractitionerKind, topics: [Topic], approaches: [Approach], nameChangesNeedReview: Bool = false) -> View {
        func choices(_ options: [(String, String)], chosen: [String]?) -> [Choice] {
            options.map { Choice(value: $0.0, label: $0.1, checked: chosen?.contains($0.0) ?? false) }
        }
        let audience: ApproachAudience = kind == .coach ? .coaching : .therapy
        return View(
            isCoach: kind == .coach, nameChangesNeedReview: nameChangesNeedReview,
            displayName: input.displayName ?? "", pronouns: input.pronouns ?? "", headline: input.headline ?? "",
            about: input.about ?? "",
            topics: choices(topics.map { ($0.slug, $0.name) }, chosen: input.topics),
            approaches: choices(approaches.filter { $0.audience == audience }.map { ($0.slug, $0.name) }, chosen: input.approaches),
            formats: choices(SessionFormat.allCases.map { ($0.rawValue, $0.label) }, chosen: input.formats),
            places: input.places ?? "", feeMin: input.feeMin ?? "", feeMax: input.feeMax ?? "",
            concessions: input.concessions == "yes", freeFirstMinutes: input.freeFirstMinutes ?? "",
            languages: input.languages ?? "English",
            genders: choices(Gender.allCases.map { ($0.rawValue, $0.label) }, chosen: input.gender.map { [$0] }),
            worksWith: choices(ClientGroup.allCases.map { ($0.rawValue, $0.label) }, chosen: input.worksWith))
    }

    /// A checked profile, ready to save.
    struct Checked {
        let displayName: String
        let pronouns: String?
        let headline: String
        let about: String
        let topics: [Topic]
        let approaches: [Approach]
        let formats: Set<SessionFormat>
        let places: [Place]
        let feeMinPence: Int
        let feeMaxPence: Int
        let concessions: Bool
        let freeFirstMinutes: Int?
        let languages: [String]
        let gender: Gender?
        let worksWith: Set<ClientGroup>
    }

    /// Checks every field and returns either the profile or every problem at once.
    static func check(_ input: Input, kind: PractitionerKind, topics: [Topic], approaches: [Approach], gazetteer: Gazetteer)
        -> Result<Checked, FormProblemList>
    {
        var problems = FormProblems()
        func text(_ value: String?) -> String { (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let name = text(input.displayName)
        problems.require((2...80).contains(name.count), "display_name", "Please give the name clients will know you by (2 to 80 characters).")
        let headline = text(input.headline)
        problems.require((10...140).contains(headline.count), "headline", "Please write a headline of 10 to 140 characters, such as what you help people with.")
        let about = text(input.about)
        problems.require((100...4000).contains(about.count), "about", "Please tell people about how you work in 100 to 4,000 characters. You have \(about.count).")

        let chosenTopics = topics.filter { (input.topics ?? []).contains($0.slug) }
        problems.require((1...12).contains(chosenTopics.count), "topics", "Please choose between 1 and 12 things you help with.")
        let audience: ApproachAudience = kind == .coach ? .coaching : .therapy
        let chosenApproaches = approaches.filter { $0.audience == audience && (input.approaches ?? []).contains($0.slug) }
        problems.require((1...8).contains(chosenApproaches.count), "approaches", "Please choose between 1 and 8 approaches you use.")

        let formats = Set((input.formats ?? []).compactMap(SessionFormat.init(rawValue:)))
        problems.require(!formats.isEmpty, "formats", "Please choose at least one way you see clients.")

        var places: [Place] = []
        let placeLines = text(input.places).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if placeLines.count > maximumPlaces {
            problems.add("places", "Please list at most \(maximumPlaces) places.")
        } else {
            for line in placeLines {
                switch gazetteer.resolve(line) {
                case .found(let place): places.append(place)
                case .ambiguous(let candidates):
                    problems.add("places", "\u{201C}\(line)\u{201D} could be \(candidates.prefix(4).map(\.label).joined(separator: " or ")). Please write the one you mean.")
                case .unknown(let suggestions):
                    let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.prefix(3).map(\.label).joined(separator: " or "))?"
                    problems.add("places", "We could not find \u{201C}\(line)\u{201D} among UK towns and cities.\(hint)")
                }
            }
        }
        if formats.contains(.inPerson) && placeLines.isEmpty {
            problems.add("places", "Please give the town or city where you see people in person.")
        }

        let feeMin = Int(text(input.feeMin))
        let feeMax = Int(text(input.feeMax))
        if let feeMin, let feeMax, (0...1000).contains(feeMin), (0...1000).contains(feeMax) {
            problems.require(feeMin <= feeMax, "fee_max", "Your highest fee should be at least your lowest.")
        } else {
            problems.add(feeMin.map { (0...1000).contains($0) } == true ? "fee_max" : "fee_min",
                         "Please give your lowest and highest fee per session in whole pounds, from 0 to 1,000.")
        }
        let minutesText = text(input.freeFirstMinutes)
        let minutes = minutesText.isEmpty ? nil : Int(minutesText)
        problems.require(minutesText.isEmpty || (minutes.map(BookingService.lengths.contains) ?? false), "free_first_minutes",
                         "A free first conversation lasts 10, 15, 20 or 30 minutes; leave it empty if you don't offer one.")

        let languages = text(input.languages).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        problems.require((1...8).contains(languages.count) && languages.allSatisfy { (2...40).contains($0.count) && $0.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" } },
                         "languages", "Please list up to 8 languages you work in, separated by commas, like \u{201C}English, Welsh\u{201D}.")
        let worksWith = Set((input.worksWith ?? []).compactMap(ClientGroup.init(rawValue:)))
        problems.require(!worksWith.isEmpty, "works_with", "Please choose who you work with.")
        let gender = input.gender.flatMap(Gender.init(rawValue:))

        guard problems.isEmpty, let feeMin, let feeMax else { return .failure(FormProblemList(problems: problems)) }
        let pronouns = text(input.pronouns)
        return .success(Checked(
            displayName: name, pronouns: pronouns.isEmpty ? nil : String(pronouns.prefix(30)), headline: headline, about: about,
            topics: chosenTopics, approaches: chosenApproaches, formats: formats, places: places,
            feeMinPence: feeMin * 100, feeMaxPence: feeMax * 100, concessions: input.concessions == "yes",
            freeFirstMinutes: minutes, languages: Array(Set(languages.map(\.localizedCapitalized))).sorted(),
            gender: gender, worksWith: worksWith))
    }

    /// Saves a checked profile and everything attached to it, in the caller's transaction, and
    /// tells search about the change.
    static func save(_ checked: Checked, to practitioner: Practitioner, on database: any Database) async throws {
        if practitioner.verificationStatus == .verified {
            // A verified name keeps its badge only once an admin has seen the new one.
            if checked.displayName != practitioner.displayName {
                practitioner.pendingDisplayName = checked.displayName
                practitioner.credentialsChangeSentAt = practitioner.credentialsChangeSentAt ?? Date()
            } else {
                practitioner.pendingDisplayName = nil
            }
        } else {
            practitioner.displayName = checked.displayName
        }
        practitioner.pronouns = checked.pronouns
        practitioner.headline = checked.headline
        practitioner.about = checked.about
        practitioner.offersInPerson = checked.formats.contains(.inPerson)
        practitioner.offersOnline = checked.formats.contains(.online)
        practitioner.offersPhone = checked.formats.contains(.phone)
        practitioner.feeMinPence = checked.feeMinPence
        practitioner.feeMaxPence = checked.feeMaxPence
        practitioner.concessions = checked.concessions
        practitioner.freeFirstConversation = checked.freeFirstMinutes != nil
        practitioner.freeFirstConversationMinutes = checked.freeFirstMinutes
        practitioner.gender = checked.gender
        practitioner.worksWithIndividuals = checked.worksWith.contains(.individuals)
        practitioner.worksWithCouples = checked.worksWith.contains(.couples)
        practitioner.worksWithFamilies = checked.worksWith.contains(.families)
        practitioner.worksWithYoungPeople = checked.worksWith.contains(.youngPeople)
        if practitioner.verificationStatus != .verified {
            // A profile keeps its address once public, so links to it keep working.
            practitioner.slug = try await PractitionerSlug.unused(for: checked.displayName, owner: practitioner.id, on: database)
        }
        try await practitioner.save(on: database)
        let id = try practitioner.requireID()

        try await PractitionerLocation.query(on: database).filter(\.$practitioner.$id == id).delete()
        for place in checked.places {
            let location = PractitionerLocation()
            location.$practitioner.id = id
            location.placeLabel = place.label
            location.latitude = place.latitude
            location.longitude = place.longitude
            let vector = place.unitVector
            location.unitX = vector.x
            location.unitY = vector.y
            location.unitZ = vector.z
            try await location.create(on: database)
        }
        try await PractitionerLanguage.query(on: database).filter(\.$practitioner.$id == id).delete()
        for name in checked.languages {
            let language = PractitionerLanguage()
            language.$practitioner.id = id
            language.language = name
            try await language.create(on: database)
        }
        try await practitioner.$topics.detachAll(on: database)
        try await practitioner.$topics.attach(checked.topics, on: database)
        try await practitioner.$approaches.detachAll(on: database)
        try await practitioner.$approaches.attach(checked.approaches, on: database)
    }
}

/// Form problems as an error value, so `check` can return them in a `Result`.
struct FormProblemList: Error {
    let problems: FormProblems
}

/// Readable, unique profile addresses: "/practitioners/sam-okafor", then "sam-okafor-2"…
enum PractitionerSlug {
    static func unused(for name: String, owner: UUID?, on database: any Database) async throws -> String {
        let stem = Slug.make(from: name, fallback: "practitioner")
        for number in 1...50 {
            let candidate = number == 1 ? stem : "\(stem)-\(number)"
            let taken = try await Practitioner.query(on: database).filter(\.$slug == candidate).first()
            if taken == nil || taken?.id == owner { return candidate }
        }
        return "\(stem)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
