import Foundation

/// Makes realistic, varied, fictional practitioners: the same ones for the same seed, day and
/// starting number, with dates relative to that day.
struct DemoGenerator {
    struct Choice: Sendable {
        let id: UUID
        let name: String
    }

    struct Location {
        let place: Place
    }

    /// One practitioner and everything attached to it, ready to insert.
    struct Record {
        var id: UUID
        var kind: PractitionerKind
        var displayName: String
        var slug: String
        var pronouns: String?
        var headline: String
        var about: String
        var qualifications: String
        var professionalBody: String?
        var registrationNumber: String?
        var offersInPerson: Bool
        var offersOnline: Bool
        var offersPhone: Bool
        var feeMinPence: Int
        var feeMaxPence: Int
        var concessions: Bool
        var freeFirstConversationMinutes: Int?
        var gender: Gender?
        var worksWith: Set<ClientGroup>
        var acceptingNewClients: Bool
        var availabilityConfirmedOn: String
        var shuffleSeed: Int
        var places: [Place]
        var languages: [String]
        var topicIDs: [UUID]
        var approachIDs: [UUID]
    }

    private var random: SeededRandom
    private let today: String
    private var nextNumber: Int
    private let placePicker: WeightedPicker<Int>
    private let places: [Place]
    private let topics: [Choice]
    private let relationshipTopics: [Choice]
    private let therapyApproaches: [Choice]
    private let coachingApproaches: [Choice]
    private let languagePicker: WeightedPicker<String>
    private var nearbyPlaces: [Int: [Int]] = [:]

    init(
        seed: UInt64, today: String, firstNumber: Int, places: [Place], topics: [(choice: Choice, slug: String)],
        approaches: [(choice: Choice, audience: ApproachAudience)]
    ) {
        precondition(!places.isEmpty && !topics.isEmpty, "The gazetteer and topics must be loaded first")
        let dayNumber = UInt64(LondonCalendar.daysBetween("2000-01-01", and: today) ?? 0)
        random = SeededRandom(mixing: [seed, dayNumber, UInt64(firstNumber)])
        self.today = today
        nextNumber = firstNumber
        self.places = places
        // Larger towns have more practitioners, without London swallowing the whole map.
        placePicker = WeightedPicker(places.indices.map { ($0, pow(Double(max(places[$0].population, 3_000)), 0.85)) })
        self.topics = topics.map(\.choice)
        let relationshipSlugs: Set = ["interpersonal-relationships", "relationship-problems", "family-issues", "communication-problems"]
        relationshipTopics = topics.filter { relationshipSlugs.contains($0.slug) }.map(\.choice)
        therapyApproaches = approaches.filter { $0.audience == .therapy }.map(\.choice)
        coachingApproaches = approaches.filter { $0.audience == .coaching }.map(\.choice)
        languagePicker = WeightedPicker(DemoFragments.otherLanguages.map { ($0.language, Double($0.weight)) })
    }

    mutating func next() -> Record {
        nextNumber += 1
        let kind: PractitionerKind = random.chance(0.75) ? .therapist : .coach
        let gender = pickGender()
        let givenName =
            switch gender {
            case .female: random.pick(DemoFragments.femaleGivenNames)
            case .male: random.pick(DemoFragments.maleGivenNames)
            case .nonBinary, nil: random.pick(DemoFragments.neutralGivenNames)
            }
        let displayName = "\(givenName) \(random.pick(DemoFragments.familyNames))"

        var offersInPerson = random.chance(kind == .therapist ? 0.78 : 0.4)
        let offersOnline = random.chance(0.85) || !offersInPerson
        let offersPhone = random.chance(0.45)
        if !offersInPerson && !offersOnline { offersInPerson = true }

        let home = places[placePicker.pick(using: &random)]
        var practicePlaces = [home]
        if offersInPerson, random.chance(0.2) {
            practicePlaces += pickNearby(home, count: random.chance(0.85) ? 1 : 2)
        }

        let topicChoices = pickTopics()
        let approachChoices = random.pick(
            kind == .therapist ? Int.random(in: 1...4, using: &random) : Int.random(in: 1...3, using: &random),
            from: kind == .therapist ? therapyApproaches : coachingApproaches)

        let feeMin = kind == .therapist ? Int.random(in: 8...18, using: &random) * 500 : Int.random(in: 10...30, using: &random) * 500
        let feeMax = feeMin + random.pick([0, 0, 500, 1000, 1500, 2000, 3000])
        let acceptingNewClients = random.chance(0.85)

        var worksWith: Set<ClientGroup> = random.chance(0.96) ? [.individuals] : []
        let helpsCouples = topicChoices.contains { relationshipTopics.map(\.id).contains($0.id) }
        if random.chance(helpsCouples ? 0.5 : 0.2) { worksWith.insert(.couples) }
        if random.chance(0.15) { worksWith.insert(.families) }
        if random.chance(0.15) { worksWith.insert(.youngPeople) }
        if worksWith.isEmpty { worksWith.insert(.individuals) }

        let body = kind == .therapist ? random.pick(DemoFragments.therapistBodies) : random.pick(DemoFragments.coachBodies)
        let hasBody = kind == .therapist || random.chance(0.6)
        let topicPhrase = Self.inSentence(random.pick(topicChoices).name)
        let approachPhrase = Self.inSentence(random.pick(approachChoices).name)

        return Record(
            id: random.uuid(),
            kind: kind,
            displayName: displayName,
            slug: Self.slug(displayName, number: nextNumber),
            pronouns: random.chance(0.5) ? pronouns(for: gender) : nil,
            headline: fill(random.pick(kind == .therapist ? DemoFragments.therapistHeadlines : DemoFragments.coachHeadlines),
                           topic: topicPhrase, approach: approachPhrase, place: home.name),
            about: about(kind: kind, topic: topicPhrase, approach: approachPhrase, place: home.name),
            qualifications: random.pick(Int.random(in: 1...3, using: &random),
                                        from: kind == .therapist ? DemoFragments.therapistQualifications : DemoFragments.coachQualifications)
                .joined(separator: "\n"),
            professionalBody: hasBody ? body.name : nil,
            registrationNumber: hasBody ? "\(body.registrationPrefix)\(Int.random(in: 10_000...999_999, using: &random))" : nil,
            offersInPerson: offersInPerson,
            offersOnline: offersOnline,
            offersPhone: offersPhone,
            feeMinPence: feeMin,
            feeMaxPence: feeMax,
            concessions: random.chance(0.4),
            freeFirstConversationMinutes: random.chance(0.6) ? random.pick([15, 15, 20, 30]) : nil,
            gender: gender,
            worksWith: worksWith,
            acceptingNewClients: acceptingNewClients,
            availabilityConfirmedOn: LondonCalendar.day(today, addingDays: -confirmationAge()),
            shuffleSeed: Int(random.next() >> 33),
            places: practicePlaces,
            languages: pickLanguages(),
            topicIDs: topicChoices.map(\.id),
            approachIDs: approachChoices.map(\.id))
    }

    private mutating func pickGender() -> Gender? {
        let roll = Double.random(in: 0..<1, using: &random)
        return roll < 0.64 ? .female : roll < 0.92 ? .male : roll < 0.98 ? .nonBinary : nil
    }

    private func pronouns(for gender: Gender?) -> String {
        switch gender {
        case .female: "she/her"
        case .male: "he/him"
        case .nonBinary, nil: "they/them"
        }
    }

    /// Most practitioners here work with relationships; everyone lists a handful of topics.
    private mutating func pickTopics() -> [Choice] {
        var chosen = random.pick(Int.random(in: 2...6, using: &random), from: topics)
        if random.chance(0.7), let relationship = relationshipTopics.isEmpty ? nil : random.pick(relationshipTopics),
            !chosen.contains(where: { $0.id == relationship.id })
        {
            chosen.append(relationship)
        }
        return chosen
    }

    /// Mostly the last few weeks; some stale, a few very stale, as in any real directory.
    private mutating func confirmationAge() -> Int {
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.7 { return Int.random(in: 0...59, using: &random) }
        if roll < 0.9 { return Int.random(in: 60...119, using: &random) }
        return Int.random(in: 120...400, using: &random)
    }

    private mutating func pickLanguages() -> [String] {
        var languages = ["English"]
        let extra = random.chance(0.22) ? (random.chance(0.2) ? 2 : 1) : 0
        for _ in 0..<extra {
            let language = languagePicker.pick(using: &random)
            if !languages.contains(language) { languages.append(language) }
        }
        return languages
    }

    /// Second and third practice places lie within about 25 miles of the first.
    private mutating func pickNearby(_ home: Place, count: Int) -> [Place] {
        guard let homeIndex = places.firstIndex(of: home) else { return [] }
        if nearbyPlaces[homeIndex] == nil {
            let minimumDot = UnitVector.minimumDot(withinMiles: 25)
            let vector = home.unitVector
            nearbyPlaces[homeIndex] = places.indices.filter { $0 != homeIndex && places[$0].unitVector.dot(vector) >= minimumDot }
        }
        return random.pick(count, from: nearbyPlaces[homeIndex] ?? []).map { places[$0] }
    }

    private mutating func about(kind: PractitionerKind, topic: String, approach: String, place: String) -> String {
        let opening = random.pick(kind == .therapist ? DemoFragments.aboutOpenings : DemoFragments.coachAboutOpenings)
        let working = random.pick(DemoFragments.aboutApproachSentences)
        let years = String(Int.random(in: 3...25, using: &random))
        let setting = random.pick(DemoFragments.settings)
        let closing = random.pick(DemoFragments.aboutClosings)
        return [opening, working + " " + random.pick(DemoFragments.aboutExperienceSentences), closing]
            .map { fill($0, topic: topic, approach: approach, place: place, years: years, setting: setting) }
            .joined(separator: "\n\n")
    }

    /// Replaces `{topic}`, `{approach}`, `{place}`, `{years}` and `{setting}` in one pass:
    /// Foundation's `replacingOccurrences` was a fifth of the time of seeding 100,000.
    private func fill(
        _ template: String, topic: String, approach: String, place: String, years: String = "", setting: String = ""
    ) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        result.reserveCapacity(template.utf8.count + 48)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            switch rest[rest.index(after: open)..<close] {
            case "topic": result += topic
            case "approach": result += approach
            case "place": result += place
            case "years": result += years
            case "setting": result += setting
            default: result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    /// "Cognitive behavioural therapy (CBT)" reads as "cognitive behavioural therapy (CBT)"
    /// inside a sentence: only the capital that starts the name is lowered.
    static func inSentence(_ name: String) -> String {
        guard let first = name.first, name.dropFirst().first?.isLowercase == true else { return name }
        return first.lowercased() + name.dropFirst()
    }

    static func slug(_ name: String, number: Int) -> String {
        // Letters that do not decompose into a base letter and an accent.
        let special: [Character: String] = ["ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"]
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .map { special[$0] ?? String($0) }.joined()
        let words = folded.filter { $0 != "'" }.split { !($0.isLetter || $0.isNumber) || !$0.isASCII }
        return (words.map(String.init) + [String(number)]).joined(separator: "-")
    }
}
