/// Ways of working: therapy approaches, then coaching.
extension TaxonomyCatalogue {
    static let approaches: [ApproachEntry] = [
        // MARK: Therapy
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "interpersonal-therapy",
                name: "Interpersonal therapy (IPT)",
                summary: "A structured talking therapy that looks at how your relationships and your mood affect "
                    + "each other, usually over a set number of weekly sessions."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "relational-therapy",
                name: "Relational therapy",
                summary: "Uses the relationship between you and your therapist as a place to notice, and gently "
                    + "change, patterns that show up in your other relationships."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "cbt",
                name: "Cognitive behavioural therapy (CBT)",
                summary: "Looks at how your thoughts, feelings and actions link together, and helps you try practical "
                    + "new ways of responding, often with tasks between sessions."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "person-centred",
                name: "Person-centred counselling",
                summary: "The counsellor offers warmth, honesty and acceptance rather than advice, trusting that you "
                    + "know your own life best and can find your own way forward."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "psychodynamic",
                name: "Psychodynamic therapy",
                summary: "Explores how earlier experiences, and feelings you may not be fully aware of, shape the way "
                    + "you think, feel and relate to people today."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "integrative",
                name: "Integrative therapy",
                summary: "Brings together ideas and techniques from several approaches, combining them to suit you, "
                    + "your situation and what you hope to get from therapy."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "systemic-and-family",
                name: "Systemic and family therapy",
                summary: "Works with families, couples or individuals on the patterns between people, helping everyone "
                    + "understand each other and find new ways of getting along."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "emotionally-focused",
                name: "Emotionally focused therapy (EFT)",
                summary: "Mostly used with couples, it helps partners understand the emotional needs behind repeated "
                    + "arguments and build a closer, more secure bond."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "compassion-focused",
                name: "Compassion-focused therapy (CFT)",
                summary: "Helps people who live with a lot of shame or self-criticism learn to respond to themselves "
                    + "with more warmth and understanding."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "mindfulness-based",
                name: "Mindfulness-based therapy",
                summary: "Uses practices such as paying attention to the breath and body to help you notice thoughts "
                    + "and feelings without getting swept away by them."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "dbt",
                name: "Dialectical behaviour therapy (DBT)",
                summary: "Teaches practical skills for handling intense emotions, getting through crises and managing "
                    + "relationships, balancing acceptance of how things are with change."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "schema-therapy",
                name: "Schema therapy",
                summary: "Looks at deep-rooted patterns, often formed in childhood, that keep repeating in your life "
                    + "and relationships, and works on meeting needs that went unmet."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "transactional-analysis",
                name: "Transactional analysis (TA)",
                summary: "Uses a simple model of how people communicate to help you spot the roles you slip into "
                    + "with others and choose different ways of responding."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "gestalt",
                name: "Gestalt therapy",
                summary: "Focuses on what you are experiencing right now, in your body, feelings and thoughts, "
                    + "to help you become more aware of yourself and your choices."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "solution-focused",
                name: "Solution-focused brief therapy",
                summary: "A short, practical approach that spends less time on problems and more on what you want "
                    + "to be different, building on what already works for you."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "couples-counselling",
                name: "Couples counselling",
                summary: "Gives partners a space to talk with a neutral counsellor about what is going wrong, "
                    + "listen to each other and decide what they want next."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "psychosexual-therapy",
                name: "Psychosexual therapy",
                summary: "A talking therapy for sexual difficulties and worries about intimacy, for individuals "
                    + "or couples, looking at physical, emotional and relationship factors together."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "emdr",
                name: "Eye movement desensitisation and reprocessing (EMDR)",
                summary: "A structured therapy for traumatic memories that uses eye movements or tapping while you "
                    + "recall an experience, so that it can feel less vivid and distressing."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "acceptance-and-commitment",
                name: "Acceptance and commitment therapy (ACT)",
                summary: "Helps you make room for difficult thoughts and feelings instead of fighting them, "
                    + "and take steps towards what matters most to you."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "existential",
                name: "Existential therapy",
                summary: "Explores big questions about meaning, choice, freedom and loss, helping you think about "
                    + "how you want to live with life's uncertainties."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "narrative-therapy",
                name: "Narrative therapy",
                summary: "Helps you see your problems as separate from who you are, and look at the stories you tell "
                    + "about your life to find other, more hopeful ones."
            ),
            audience: .therapy
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "cognitive-analytic",
                name: "Cognitive analytic therapy (CAT)",
                summary: "A time-limited therapy that maps out the patterns you repeat with others and with yourself, "
                    + "often using letters and diagrams, to help you change them."
            ),
            audience: .therapy
        ),
        // MARK: Coaching
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "relationship-coaching",
                name: "Relationship coaching",
                summary: "Forward-looking support for individuals or couples who want to connect better, agree shared "
                    + "goals and build habits that keep a relationship healthy."
            ),
            audience: .coaching
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "life-coaching",
                name: "Life coaching",
                summary: "Helps you get clear on what you want from life, set realistic goals and plan practical "
                    + "steps, with someone to keep you focused along the way."
            ),
            audience: .coaching
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "confidence-coaching",
                name: "Confidence coaching",
                summary: "Works on the beliefs and habits that hold you back, helping you speak up, take on "
                    + "challenges and feel more at ease being yourself."
            ),
            audience: .coaching
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "communication-coaching",
                name: "Communication coaching",
                summary: "Practical help with listening, saying what you mean and handling difficult conversations "
                    + "at home or at work, often through practice and feedback."
            ),
            audience: .coaching
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "career-coaching",
                name: "Career coaching",
                summary: "Helps you think through decisions about work, from changing direction to handling a tricky "
                    + "boss, by looking at your strengths, values and next steps."
            ),
            audience: .coaching
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "dating-coaching",
                name: "Dating coaching",
                summary: "Supports you in meeting people, dating with more confidence and working out what you "
                    + "really want in a partner, at a pace that suits you."
            ),
            audience: .coaching
        ),
        ApproachEntry(
            entry: TaxonomyEntry(
                slug: "parent-coaching",
                name: "Parent coaching",
                summary: "Practical, judgement-free support for parents who want calmer routines, clearer boundaries "
                    + "and a closer relationship with their children."
            ),
            audience: .coaching
        ),
    ]
}
