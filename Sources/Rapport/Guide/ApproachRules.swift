/// Every rule of "Which approach might suit me?", in one place, so anyone can read how the guide
/// decides. `/which-approach/how-it-works` is made from this file, so the page and the rules
/// cannot drift apart.
///
/// A rule says: when someone gives this answer, this approach gains (or loses) this many
/// points, and here is why. The guide adds up each approach's points and suggests those with
/// at least `ApproachRules.pointsToSuggest`, highest first, at most three. When nothing reaches
/// that, it suggests the single highest. Points never leave this file: people see the reasons.
struct ApproachRule: Sendable {
    enum When: Sendable {
        case who(GuideAnswers.Who)
        case change(GuideAnswers.Change)
        case focus(GuideAnswers.Focus)
        case together(GuideAnswers.Together)
        case help(GuideAnswers.Help)
        /// Words in "what's been happening", matched whole ("row" is not "grow"). `meaning` says
        /// what they are about, for the rules page.
        case words(_ meaning: String, [String])
    }

    let when: When
    let approach: String
    let points: Int
    /// Follows "Because you said …, {approach} may suit you." (or, for a rule that takes points
    /// away, says why on the rules page). Written to start mid-sentence; shown with a capital.
    let because: String
}

enum ApproachRules {
    static let pointsToSuggest = 3
    static let mostSuggestions = 3

    /// The approaches the guide can suggest, in the order ties are broken, with the name it uses
    /// mid-sentence. Each slug is an approach page (a test checks).
    static let approaches: [(slug: String, inASentence: String)] = [
        ("interpersonal-therapy", "interpersonal therapy (IPT)"),
        ("couples-counselling", "couples counselling"),
        ("relational-therapy", "relational therapy"),
        ("systemic-and-family", "systemic and family therapy"),
        ("emotionally-focused", "emotionally focused therapy (EFT)"),
        ("person-centred", "person-centred counselling"),
        ("psychodynamic", "psychodynamic therapy"),
        ("cognitive-analytic", "cognitive analytic therapy (CAT)"),
        ("schema-therapy", "schema therapy"),
        ("dbt", "dialectical behaviour therapy (DBT)"),
        ("psychosexual-therapy", "psychosexual therapy"),
        ("relationship-coaching", "relationship coaching"),
        ("communication-coaching", "communication coaching"),
        ("confidence-coaching", "confidence coaching"),
        ("parent-coaching", "parent coaching"),
    ]

    static let rules: [ApproachRule] = [
        // Who it involves
        .init(when: .who(.partner), approach: "couples-counselling", points: 1, because: "it is made for partners who want to talk things through together."),
        .init(when: .who(.partner), approach: "relationship-coaching", points: 1, because: "it is forward-looking help for you and your relationship."),
        .init(when: .who(.family), approach: "systemic-and-family", points: 2, because: "it looks at the patterns between everyone in a family, not just one person."),
        .init(when: .who(.family), approach: "couples-counselling", points: -2, because: "couples counselling is for partners."),
        .init(when: .who(.family), approach: "emotionally-focused", points: -2, because: "it is mostly used with couples."),
        .init(when: .who(.friends), approach: "interpersonal-therapy", points: 1, because: "it works on any close relationship, not only with a partner."),
        .init(when: .who(.friends), approach: "person-centred", points: 1, because: "it gives you room to talk about the people who matter to you, in your own way."),
        .init(when: .who(.friends), approach: "couples-counselling", points: -3, because: "couples counselling is for partners."),
        .init(when: .who(.friends), approach: "emotionally-focused", points: -3, because: "it is mostly used with couples."),
        .init(when: .who(.work), approach: "communication-coaching", points: 2, because: "it gives practical help with hard conversations at work, often with practice."),
        .init(when: .who(.work), approach: "interpersonal-therapy", points: 1, because: "it can help with how you react to people at work, too."),
        .init(when: .who(.work), approach: "couples-counselling", points: -3, because: "couples counselling is for partners."),
        .init(when: .who(.work), approach: "emotionally-focused", points: -3, because: "it is mostly used with couples."),
        .init(when: .who(.several), approach: "interpersonal-therapy", points: 1, because: "it looks at what happens across your relationships, not just one."),
        .init(when: .who(.several), approach: "relational-therapy", points: 1, because: "it looks at the way you tend to relate to people in general."),

        // What they would like to change
        .init(when: .change(.arguments), approach: "interpersonal-therapy", points: 3, because: "it looks at what sets a row off, and helps you practise pausing and saying hard things more calmly."),
        .init(when: .change(.arguments), approach: "couples-counselling", points: 2, because: "a neutral counsellor can help you both slow arguments down and really listen."),
        .init(when: .change(.arguments), approach: "emotionally-focused", points: 1, because: "it looks at the needs hiding behind the same argument coming back."),
        .init(when: .change(.arguments), approach: "communication-coaching", points: 1, because: "you can practise new ways of handling a disagreement."),
        .init(when: .change(.avoiding), approach: "interpersonal-therapy", points: 3, because: "it helps you raise small worries before they grow, at a pace that feels safe."),
        .init(when: .change(.avoiding), approach: "communication-coaching", points: 2, because: "you practise hard conversations with someone in your corner."),
        .init(when: .change(.avoiding), approach: "confidence-coaching", points: 1, because: "it works on what stops you speaking up."),
        .init(when: .change(.distance), approach: "couples-counselling", points: 2, because: "it gives you both time to talk about what has changed between you."),
        .init(when: .change(.distance), approach: "emotionally-focused", points: 2, because: "it helps couples understand the feelings behind pulling away, and find their way back to each other."),
        .init(when: .change(.distance), approach: "interpersonal-therapy", points: 1, because: "it helps you reach out and ask for support more clearly."),
        .init(when: .change(.distance), approach: "relationship-coaching", points: 1, because: "it helps you set shared goals and build habits that bring you closer."),
        .init(when: .change(.bigChange), approach: "interpersonal-therapy", points: 3, because: "it often focuses on a change in your life, such as a move or a new baby, and how it has shifted a relationship."),
        .init(when: .change(.trust), approach: "couples-counselling", points: 3, because: "it gives you both a safe space to talk about what happened and what you want next."),
        .init(when: .change(.trust), approach: "emotionally-focused", points: 1, because: "it helps partners rebuild a sense of safety with each other."),
        .init(when: .change(.repeating), approach: "relational-therapy", points: 3, because: "it uses your relationship with the therapist to notice patterns as they happen, and to try something new."),
        .init(when: .change(.repeating), approach: "psychodynamic", points: 2, because: "it looks at how early experiences and hidden feelings keep shaping your relationships."),
        .init(when: .change(.repeating), approach: "cognitive-analytic", points: 2, because: "it maps out the patterns you repeat with others, over a set number of sessions, so you can change them."),
        .init(when: .change(.repeating), approach: "schema-therapy", points: 2, because: "it works on deep patterns, often from childhood, that keep coming back."),
        .init(when: .change(.speakingUp), approach: "communication-coaching", points: 2, because: "it helps you say what you mean, clearly and kindly."),
        .init(when: .change(.speakingUp), approach: "confidence-coaching", points: 2, because: "it works on the beliefs that stop you speaking up or saying no."),
        .init(when: .change(.speakingUp), approach: "interpersonal-therapy", points: 1, because: "it includes practical ways of saying what you need."),
        .init(when: .change(.loneliness), approach: "interpersonal-therapy", points: 2, because: "it works on building and mending the connections you have."),
        .init(when: .change(.loneliness), approach: "person-centred", points: 2, because: "a warm, accepting space can help when you feel alone."),
        .init(when: .change(.intimacy), approach: "psychosexual-therapy", points: 4, because: "it is made for worries about sex and closeness, on your own or as a couple."),
        .init(when: .change(.strongFeelings), approach: "dbt", points: 3, because: "it teaches skills for handling strong feelings and getting through hard moments."),
        .init(when: .change(.stayOrGo), approach: "person-centred", points: 2, because: "the counsellor helps you find your own answer, without telling you what to do."),
        .init(when: .change(.stayOrGo), approach: "couples-counselling", points: 1, because: "it can help you both work out what you want next, whatever that turns out to be."),
        .init(when: .change(.parenting), approach: "parent-coaching", points: 3, because: "it offers practical, no-blame help with routines, boundaries and feeling closer to your children."),
        .init(when: .change(.parenting), approach: "systemic-and-family", points: 2, because: "it can help parents and children understand each other better."),

        // The past, or now
        .init(when: .focus(.past), approach: "psychodynamic", points: 2, because: "it spends time on your past and how it affects you now."),
        .init(when: .focus(.past), approach: "relational-therapy", points: 2, because: "it looks at how earlier relationships shape the way you relate now."),
        .init(when: .focus(.past), approach: "schema-therapy", points: 1, because: "it traces today's patterns back to where they started."),
        .init(when: .focus(.present), approach: "interpersonal-therapy", points: 2, because: "it works mainly on your relationships as they are now."),
        .init(when: .focus(.present), approach: "communication-coaching", points: 1, because: "it is about what you can do differently this week."),
        .init(when: .focus(.present), approach: "relationship-coaching", points: 1, because: "it looks ahead rather than back."),
        .init(when: .focus(.notSure), approach: "person-centred", points: 1, because: "it starts wherever you are and lets you lead."),

        // Who would come
        .init(when: .together(.justMe), approach: "interpersonal-therapy", points: 2, because: "it is one-to-one, so nobody else needs to come to sessions."),
        .init(when: .together(.justMe), approach: "relational-therapy", points: 1, because: "it is usually one-to-one."),
        .init(when: .together(.justMe), approach: "couples-counselling", points: -4, because: "couples counselling needs both partners to come."),
        .init(when: .together(.justMe), approach: "emotionally-focused", points: -4, because: "it is mostly done with both partners in the room."),
        .init(when: .together(.bothOfUs), approach: "couples-counselling", points: 2, because: "it works best when you both come."),
        .init(when: .together(.bothOfUs), approach: "emotionally-focused", points: 1, because: "it is done with both partners together."),
        .init(when: .together(.bothOfUs), approach: "systemic-and-family", points: 1, because: "family members can come to sessions together."),

        // Therapy or coaching
        .init(when: .help(.coaching), approach: "relationship-coaching", points: 3, because: "it is coaching: practical, and focused on where you want to get to."),
        .init(when: .help(.coaching), approach: "communication-coaching", points: 3, because: "it is coaching: practical, with things to try between sessions."),
        .init(when: .help(.coaching), approach: "confidence-coaching", points: 2, because: "it is coaching, aimed at a goal you choose."),
        .init(when: .help(.coaching), approach: "parent-coaching", points: 2, because: "it is coaching, aimed at a goal you choose."),
        .init(when: .help(.therapy), approach: "relationship-coaching", points: -2, because: "it is coaching rather than therapy."),
        .init(when: .help(.therapy), approach: "communication-coaching", points: -2, because: "it is coaching rather than therapy."),
        .init(when: .help(.therapy), approach: "confidence-coaching", points: -2, because: "it is coaching rather than therapy."),
        .init(when: .help(.therapy), approach: "parent-coaching", points: -2, because: "it is coaching rather than therapy."),
        .init(when: .help(.notSure), approach: "person-centred", points: 1, because: "it is gentle and goes at your pace, which helps when you're not sure what you need."),

        // Their own words
        .init(when: .words("arguing", ["argue", "arguing", "argument", "arguments", "row", "rows", "rowing", "fight", "fights", "fighting", "shouting", "spiral", "spirals"]),
              approach: "interpersonal-therapy", points: 1, because: "it works on how arguments start and how to calm them."),
        .init(when: .words("keeping quiet to avoid trouble", ["avoid", "avoiding", "shut down", "shuts down", "clam up", "walk away", "bottle it up", "keep quiet"]),
              approach: "interpersonal-therapy", points: 1, because: "it helps you speak up in small, safe steps."),
        .init(when: .words("a big change", ["moved", "moving", "relocated", "new city", "new job", "new baby", "redundancy", "retired", "retirement"]),
              approach: "interpersonal-therapy", points: 1, because: "it often starts from a change in your life and how it has affected the people around you."),
        .init(when: .words("feeling far apart", ["drifted", "drifting", "distant", "disconnected"]),
              approach: "emotionally-focused", points: 1, because: "it works on feeling close again."),
        .init(when: .words("an affair", ["affair", "cheated", "cheating", "unfaithful"]),
              approach: "couples-counselling", points: 1, because: "it helps couples talk about an affair and what happens next."),
        .init(when: .words("work", ["boss", "manager", "colleague", "colleagues"]),
              approach: "communication-coaching", points: 1, because: "it helps with hard conversations at work."),
    ]
}
