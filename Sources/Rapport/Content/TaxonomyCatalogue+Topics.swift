/// "Need help with" topics, in plain words.
extension TaxonomyCatalogue {
    static let topics: [TaxonomyEntry] = [
        TaxonomyEntry(
            slug: "interpersonal-relationships",
            name: "Interpersonal relationships",
            summary: "How you get on with the people in your life, from partners and family to friends, "
                + "neighbours and colleagues."
        ),
        TaxonomyEntry(
            slug: "relationship-problems",
            name: "Relationship problems",
            summary: "Arguments, distance, lost trust or feeling stuck with a partner, whether you are dating, "
                + "living together or married."
        ),
        TaxonomyEntry(
            slug: "family-issues",
            name: "Family issues",
            summary: "Tension, hurt or falling out with parents, siblings, children or the wider family, "
                + "including old difficulties that are hard to talk about."
        ),
        TaxonomyEntry(
            slug: "anxiety",
            name: "Anxiety",
            summary: "Worry, nerves or a sense of dread that feels hard to switch off and gets in the way "
                + "of everyday life."
        ),
        TaxonomyEntry(
            slug: "depression",
            name: "Depression",
            summary: "Feeling low, empty or hopeless for a long time, losing interest in things you used to enjoy, "
                + "or finding everyday tasks hard."
        ),
        TaxonomyEntry(
            slug: "loneliness",
            name: "Loneliness",
            summary: "Feeling cut off or unseen, whether you live alone or are surrounded by people, "
                + "and wanting more meaningful connection."
        ),
        TaxonomyEntry(
            slug: "anger-management",
            name: "Anger",
            summary: "Anger that feels hard to control or is hurting your relationships, and understanding "
                + "what lies underneath it."
        ),
        TaxonomyEntry(
            slug: "self-esteem",
            name: "Self-esteem",
            summary: "A harsh inner critic or a sense of not being good enough, and learning to see yourself "
                + "with more kindness."
        ),
        TaxonomyEntry(
            slug: "stress",
            name: "Stress",
            summary: "Feeling under pressure or overwhelmed by demands at home, at work or in life generally, "
                + "with little time to recover."
        ),
        TaxonomyEntry(
            slug: "bereavement",
            name: "Bereavement",
            summary: "Grief after someone close to you has died, whether recently or long ago, and the many "
                + "different ways it can show up."
        ),
        TaxonomyEntry(
            slug: "social-anxiety",
            name: "Social anxiety",
            summary: "Strong worry about being judged or embarrassed, which can make meeting people, speaking up "
                + "or socialising feel very hard."
        ),
        TaxonomyEntry(
            slug: "trauma",
            name: "Trauma",
            summary: "The lasting effects of frightening or overwhelming experiences, such as flashbacks, feeling "
                + "on edge or struggling to feel safe."
        ),
        TaxonomyEntry(
            slug: "work-related-stress",
            name: "Work-related stress",
            summary: "Pressure, long hours, job insecurity or a difficult workplace that is affecting your health, "
                + "sleep or home life."
        ),
        TaxonomyEntry(
            slug: "separation-and-divorce",
            name: "Separation and divorce",
            summary: "The practical and emotional upheaval of a relationship ending, whether you chose it or not, "
                + "including what it means for children."
        ),
        TaxonomyEntry(
            slug: "infidelity",
            name: "Infidelity",
            summary: "The hurt, anger and confusion after an affair or betrayal, for the person affected, "
                + "the person who had the affair, or both together."
        ),
        TaxonomyEntry(
            slug: "communication-problems",
            name: "Communication problems",
            summary: "Feeling unheard or misunderstood, or unable to talk without it turning into a row, "
                + "and finding better ways to say what you mean."
        ),
        TaxonomyEntry(
            slug: "parenting",
            name: "Parenting",
            summary: "The everyday pressures of raising children, from toddler tantrums to the teenage years, "
                + "and keeping your bond with them strong."
        ),
        TaxonomyEntry(
            slug: "co-parenting",
            name: "Co-parenting",
            summary: "Bringing up children together after separating, including shared decisions, disagreements "
                + "and keeping children out of the middle."
        ),
        TaxonomyEntry(
            slug: "conflict-at-work",
            name: "Conflict at work",
            summary: "Difficult relationships with managers, colleagues or teams, including clashes, feeling left out "
                + "or being treated unfairly."
        ),
        TaxonomyEntry(
            slug: "friendships",
            name: "Friendships",
            summary: "Friendships that feel strained, one-sided or lost, and the wish to make new friends "
                + "or be a better friend."
        ),
        TaxonomyEntry(
            slug: "domestic-abuse",
            name: "Domestic abuse",
            summary: "Being hurt, controlled, frightened or put down by a partner or family member, now or "
                + "in the past, and finding ways to feel safe."
        ),
        TaxonomyEntry(
            slug: "childhood-experiences",
            name: "Difficult childhood experiences",
            summary: "Growing up with neglect, abuse, loss or chaos at home, and how those early years may still "
                + "affect you and your relationships."
        ),
        TaxonomyEntry(
            slug: "low-confidence",
            name: "Confidence",
            summary: "Doubting yourself, holding back or finding it hard to speak up, and building a steadier "
                + "belief in what you can do."
        ),
        TaxonomyEntry(
            slug: "life-transitions",
            name: "Life transitions",
            summary: "Big changes such as moving home, becoming a parent, retiring or children leaving home, "
                + "and the mixed feelings they bring."
        ),
        TaxonomyEntry(
            slug: "sex-and-intimacy",
            name: "Sex and intimacy",
            summary: "Worries about sex, desire or physical closeness, or feeling emotionally distant from a partner, "
                + "talked about openly and respectfully."
        ),
        TaxonomyEntry(
            slug: "jealousy",
            name: "Jealousy",
            summary: "Jealous or insecure feelings that are causing you distress or leading to arguments, "
                + "and understanding where they come from."
        ),
        TaxonomyEntry(
            slug: "attachment",
            name: "Attachment patterns",
            summary: "Ways of getting close to people or keeping them at a distance, often learned early in life, "
                + "and how they affect you now."
        ),
        TaxonomyEntry(
            slug: "people-pleasing",
            name: "Boundaries and people-pleasing",
            summary: "Finding it hard to say no, always putting others first or feeling taken for granted, "
                + "and learning to set healthy limits."
        ),
        TaxonomyEntry(
            slug: "panic-attacks",
            name: "Panic attacks",
            summary: "Sudden waves of intense fear with a racing heart, breathlessness or dizziness, and worry "
                + "about when the next one might come."
        ),
        TaxonomyEntry(
            slug: "postnatal-depression",
            name: "Postnatal depression",
            summary: "Low mood, anxiety or feeling unlike yourself after having a baby, which can affect mothers, "
                + "fathers and partners alike."
        ),
        TaxonomyEntry(
            slug: "addiction",
            name: "Addiction",
            summary: "Struggling with alcohol, drugs, gambling or other habits that feel out of control, "
                + "or being affected by someone else's addiction."
        ),
        TaxonomyEntry(
            slug: "eating-problems",
            name: "Eating problems",
            summary: "A difficult relationship with food, eating or your body, including restricting, bingeing "
                + "or worrying constantly about weight and shape."
        ),
        TaxonomyEntry(
            slug: "ocd",
            name: "Obsessive-compulsive disorder (OCD)",
            summary: "Unwanted, upsetting thoughts that keep coming back, and the urge to repeat checks "
                + "or routines to ease the worry they bring."
        ),
        TaxonomyEntry(
            slug: "neurodiversity-in-relationships",
            name: "Neurodiversity in relationships",
            summary: "How autism, ADHD and other differences in the way people think affect relationships, "
                + "for neurodivergent people and those close to them."
        ),
        TaxonomyEntry(
            slug: "loss-of-a-pet",
            name: "Loss of a pet",
            summary: "Grieving a much-loved animal, a loss that can hurt deeply even when people around you "
                + "do not seem to understand."
        ),
        TaxonomyEntry(
            slug: "carers",
            name: "Caring for someone",
            summary: "The strain of looking after a partner, parent, child or friend who is ill, disabled or elderly, "
                + "and making room for your own needs."
        ),
        TaxonomyEntry(
            slug: "family-estrangement",
            name: "Family estrangement",
            summary: "Being cut off from a parent, child or sibling, whether you stepped away or they did, "
                + "and the grief and questions it leaves."
        ),
        TaxonomyEntry(
            slug: "blended-families",
            name: "Stepfamilies and blended families",
            summary: "Settling into life as a stepfamily, with new roles, divided loyalties, house rules "
                + "and relationships between children and step-parents."
        ),
        TaxonomyEntry(
            slug: "fertility",
            name: "Fertility and pregnancy loss",
            summary: "The emotional toll of trying for a baby, fertility treatment, miscarriage or baby loss, "
                + "and the strain it can put on a couple."
        ),
        TaxonomyEntry(
            slug: "breakups",
            name: "Breakups",
            summary: "Heartbreak and confusion after a relationship ends, including finding it hard to move on "
                + "or to understand what went wrong."
        ),
        TaxonomyEntry(
            slug: "dating",
            name: "Dating and finding a partner",
            summary: "Worries about meeting someone, online dating, repeating old patterns or knowing whether "
                + "you are ready for a new relationship."
        ),
        TaxonomyEntry(
            slug: "bullying",
            name: "Bullying",
            summary: "Being bullied, belittled or left out at school, at work, online or within a family, "
                + "whether it is happening now or happened years ago."
        ),
        TaxonomyEntry(
            slug: "self-harm",
            name: "Self-harm",
            summary: "Hurting yourself as a way of coping with painful feelings, talked about gently and "
                + "without judgement, at a pace that feels safe."
        ),
        TaxonomyEntry(
            slug: "sexuality-and-gender-identity",
            name: "Sexuality and gender identity",
            summary: "Exploring who you are and who you love, coming out, or coping with other people's reactions, "
                + "in a space where you are accepted."
        ),
        TaxonomyEntry(
            slug: "long-term-illness",
            name: "Living with long-term illness",
            summary: "Coping with a long-term health condition or ongoing pain, and the ways it can change your "
                + "work, relationships and sense of self."
        ),
        TaxonomyEntry(
            slug: "culture-and-identity",
            name: "Culture and identity",
            summary: "Living between cultures, faith or family expectations, facing racism, or feeling you do not "
                + "quite belong, and finding your own sense of self."
        ),
    ]
}
