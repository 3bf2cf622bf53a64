import Foundation
import Fluent
import SQLKit

/// The topics and approaches as they shipped, as literal rows: editing the content files never
/// rewrites this history. Names and summaries since then come from `Resources/Content/`,
/// synced at start by `ContentLibrary.syncTaxonomy`, which also adds new ones.
struct M003LoadTaxonomies: AsyncMigration {
    static let topics: [(slug: String, name: String, summary: String)] = [
        ("interpersonal-relationships", "Interpersonal relationships", "How you get on with the people in your life, from partners and family to friends, neighbours and colleagues."),
        ("relationship-problems", "Relationship problems", "Arguments, distance, lost trust or feeling stuck with a partner, whether you are dating, living together or married."),
        ("family-issues", "Family issues", "Tension, hurt or falling out with parents, siblings, children or the wider family, including old difficulties that are hard to talk about."),
        ("anxiety", "Anxiety", "Worry, nerves or a sense of dread that feels hard to switch off and gets in the way of everyday life."),
        ("depression", "Depression", "Feeling low, empty or hopeless for a long time, losing interest in things you used to enjoy, or finding everyday tasks hard."),
        ("loneliness", "Loneliness", "Feeling cut off or unseen, whether you live alone or are surrounded by people, and wanting more meaningful connection."),
        ("anger-management", "Anger", "Anger that feels hard to control or is hurting your relationships, and understanding what lies underneath it."),
        ("self-esteem", "Self-esteem", "A harsh inner critic or a sense of not being good enough, and learning to see yourself with more kindness."),
        ("stress", "Stress", "Feeling under pressure or overwhelmed by demands at home, at work or in life generally, with little time to recover."),
        ("bereavement", "Bereavement", "Grief after someone close to you has died, whether recently or long ago, and the many different ways it can show up."),
        ("social-anxiety", "Social anxiety", "Strong worry about being judged or embarrassed, which can make meeting people, speaking up or socialising feel very hard."),
        ("trauma", "Trauma", "The lasting effects of frightening or overwhelming experiences, such as flashbacks, feeling on edge or struggling to feel safe."),
        ("work-related-stress", "Work-related stress", "Pressure, long hours, job insecurity or a difficult workplace that is affecting your health, sleep or home life."),
        ("separation-and-divorce", "Separation and divorce", "The practical and emotional upheaval of a relationship ending, whether you chose it or not, including what it means for children."),
        ("infidelity", "Infidelity", "The hurt, anger and confusion after an affair or betrayal, for the person affected, the person who had the affair, or both together."),
        ("communication-problems", "Communication problems", "Feeling unheard or misunderstood, or unable to talk without it turning into a row, and finding better ways to say what you mean."),
        ("parenting", "Parenting", "The everyday pressures of raising children, from toddler tantrums to the teenage years, and keeping your bond with them strong."),
        ("co-parenting", "Co-parenting", "Bringing up children together after separating, including shared decisions, disagreements and keeping children out of the middle."),
        ("conflict-at-work", "Conflict at work", "Difficult relationships with managers, colleagues or teams, including clashes, feeling left out or being treated unfairly."),
        ("friendships", "Friendships", "Friendships that feel strained, one-sided or lost, and the wish to make new friends or be a better friend."),
        ("domestic-abuse", "Domestic abuse", "Being hurt, controlled, frightened or put down by a partner or family member, now or in the past, and finding ways to feel safe."),
        ("childhood-experiences", "Difficult childhood experiences", "Growing up with neglect, abuse, loss or chaos at home, and how those early years may still affect you and your relationships."),
        ("low-confidence", "Confidence", "Doubting yourself, holding back or finding it hard to speak up, and building a steadier belief in what you can do."),
        ("life-transitions", "Life transitions", "Big changes such as moving home, becoming a parent, retiring or children leaving home, and the mixed feelings they bring."),
        ("sex-and-intimacy", "Sex and intimacy", "Worries about sex, desire or physical closeness, or feeling emotionally distant from a partner, talked about openly and respectfully."),
        ("jealousy", "Jealousy", "Jealous or insecure feelings that are causing you distress or leading to arguments, and understanding where they come from."),
        ("attachment", "Attachment patterns", "Ways of getting close to people or keeping them at a distance, often learned early in life, and how they affect you now."),
        ("people-pleasing", "Boundaries and people-pleasing", "Finding it hard to say no, always putting others first or feeling taken for granted, and learning to set healthy limits."),
        ("panic-attacks", "Panic attacks", "Sudden waves of intense fear with a racing heart, breathlessness or dizziness, and worry about when the next one might come."),
        ("postnatal-depression", "Postnatal depression", "Low mood, anxiety or feeling unlike yourself after having a baby, which can affect mothers, fathers and partners alike."),
        ("addiction", "Addiction", "Struggling with alcohol, drugs, gambling or other habits that feel out of control, or being affected by someone else's addiction."),
        ("eating-problems", "Eating problems", "A difficult relationship with food, eating or your body, including restricting, bingeing or worrying constantly about weight and shape."),
        ("ocd", "Obsessive-compulsive disorder (OCD)", "Unwanted, upsetting thoughts that keep coming back, and the urge to repeat checks or routines to ease the worry they bring."),
        ("neurodiversity-in-relationships", "Neurodiversity in relationships", "How autism, ADHD and other differences in the way people think affect relationships, for neurodivergent people and those close to them."),
        ("loss-of-a-pet", "Loss of a pet", "Grieving a much-loved animal, a loss that can hurt deeply even when people around you do not seem to understand."),
        ("carers", "Caring for someone", "The strain of looking after a partner, parent, child or friend who is ill, disabled or elderly, and making room for your own needs."),
        ("family-estrangement", "Family estrangement", "Being cut off from a parent, child or sibling, whether you stepped away or they did, and the grief and questions it leaves."),
        ("blended-families", "Stepfamilies and blended families", "Settling into life as a stepfamily, with new roles, divided loyalties, house rules and relationships between children and step-parents."),
        ("fertility", "Fertility and pregnancy loss", "The emotional toll of trying for a baby, fertility treatment, miscarriage or baby loss, and the strain it can put on a couple."),
        ("breakups", "Breakups", "Heartbreak and confusion after a relationship ends, including finding it hard to move on or to understand what went wrong."),
        ("dating", "Dating and finding a partner", "Worries about meeting someone, online dating, repeating old patterns or knowing whether you are ready for a new relationship."),
        ("bullying", "Bullying", "Being bullied, belittled or left out at school, at work, online or within a family, whether it is happening now or happened years ago."),
        ("self-harm", "Self-harm", "Hurting yourself as a way of coping with painful feelings, talked about gently and without judgement, at a pace that feels safe."),
        ("sexuality-and-gender-identity", "Sexuality and gender identity", "Exploring who you are and who you love, coming out, or coping with other people's reactions, in a space where you are accepted."),
        ("long-term-illness", "Living with long-term illness", "Coping with a long-term health condition or ongoing pain, and the ways it can change your work, relationships and sense of self."),
        ("culture-and-identity", "Culture and identity", "Living between cultures, faith or family expectations, facing racism, or feeling you do not quite belong, and finding your own sense of self."),
    ]

    static let approaches: [(slug: String, name: String, summary: String, audience: String)] = [
        ("interpersonal-therapy", "Interpersonal therapy (IPT)", "A structured talking therapy that looks at how your relationships and your mood affect each other, usually over a set number of weekly sessions.", "therapy"),
        ("relational-therapy", "Relational therapy", "Uses the relationship between you and your therapist as a place to notice, and gently change, patterns that show up in your other relationships.", "therapy"),
        ("cbt", "Cognitive behavioural therapy (CBT)", "Looks at how your thoughts, feelings and actions link together, and helps you try practical new ways of responding, often with tasks between sessions.", "therapy"),
        ("person-centred", "Person-centred counselling", "The counsellor offers warmth, honesty and acceptance rather than advice, trusting that you know your own life best and can find your own way forward.", "therapy"),
        ("psychodynamic", "Psychodynamic therapy", "Explores how earlier experiences, and feelings you may not be fully aware of, shape the way you think, feel and relate to people today.", "therapy"),
        ("integrative", "Integrative therapy", "Brings together ideas and techniques from several approaches, combining them to suit you, your situation and what you hope to get from therapy.", "therapy"),
        ("systemic-and-family", "Systemic and family therapy", "Works with families, couples or individuals on the patterns between people, helping everyone understand each other and find new ways of getting along.", "therapy"),
        ("emotionally-focused", "Emotionally focused therapy (EFT)", "Mostly used with couples, it helps partners understand the emotional needs behind repeated arguments and build a closer, more secure bond.", "therapy"),
        ("compassion-focused", "Compassion-focused therapy (CFT)", "Helps people who live with a lot of shame or self-criticism learn to respond to themselves with more warmth and understanding.", "therapy"),
        ("mindfulness-based", "Mindfulness-based therapy", "Uses practices such as paying attention to the breath and body to help you notice thoughts and feelings without getting swept away by them.", "therapy"),
        ("dbt", "Dialectical behaviour therapy (DBT)", "Teaches practical skills for handling intense emotions, getting through crises and managing relationships, balancing acceptance of how things are with change.", "therapy"),
        ("schema-therapy", "Schema therapy", "Looks at deep-rooted patterns, often formed in childhood, that keep repeating in your life and relationships, and works on meeting needs that went unmet.", "therapy"),
        ("transactional-analysis", "Transactional analysis (TA)", "Uses a simple model of how people communicate to help you spot the roles you slip into with others and choose different ways of responding.", "therapy"),
        ("gestalt", "Gestalt therapy", "Focuses on what you are experiencing right now, in your body, feelings and thoughts, to help you become more aware of yourself and your choices.", "therapy"),
        ("solution-focused", "Solution-focused brief therapy", "A short, practical approach that spends less time on problems and more on what you want to be different, building on what already works for you.", "therapy"),
        ("couples-counselling", "Couples counselling", "Gives partners a space to talk with a neutral counsellor about what is going wrong, listen to each other and decide what they want next.", "therapy"),
        ("psychosexual-therapy", "Psychosexual therapy", "A talking therapy for sexual difficulties and worries about intimacy, for individuals or couples, looking at physical, emotional and relationship factors together.", "therapy"),
        ("emdr", "Eye movement desensitisation and reprocessing (EMDR)", "A structured therapy for traumatic memories that uses eye movements or tapping while you recall an experience, so that it can feel less vivid and distressing.", "therapy"),
        ("acceptance-and-commitment", "Acceptance and commitment therapy (ACT)", "Helps you make room for difficult thoughts and feelings instead of fighting them, and take steps towards what matters most to you.", "therapy"),
        ("existential", "Existential therapy", "Explores big questions about meaning, choice, freedom and loss, helping you think about how you want to live with life's uncertainties.", "therapy"),
        ("narrative-therapy", "Narrative therapy", "Helps you see your problems as separate from who you are, and look at the stories you tell about your life to find other, more hopeful ones.", "therapy"),
        ("cognitive-analytic", "Cognitive analytic therapy (CAT)", "A time-limited therapy that maps out the patterns you repeat with others and with yourself, often using letters and diagrams, to help you change them.", "therapy"),
        ("relationship-coaching", "Relationship coaching", "Forward-looking support for individuals or couples who want to connect better, agree shared goals and build habits that keep a relationship healthy.", "coaching"),
        ("life-coaching", "Life coaching", "Helps you get clear on what you want from life, set realistic goals and plan practical steps, with someone to keep you focused along the way.", "coaching"),
        ("confidence-coaching", "Confidence coaching", "Works on the beliefs and habits that hold you back, helping you speak up, take on challenges and feel more at ease being yourself.", "coaching"),
        ("communication-coaching", "Communication coaching", "Practical help with listening, saying what you mean and handling difficult conversations at home or at work, often through practice and feedback.", "coaching"),
        ("career-coaching", "Career coaching", "Helps you think through decisions about work, from changing direction to handling a tricky boss, by looking at your strengths, values and next steps.", "coaching"),
        ("dating-coaching", "Dating coaching", "Supports you in meeting people, dating with more confidence and working out what you really want in a partner, at a pace that suits you.", "coaching"),
        ("parent-coaching", "Parent coaching", "Practical, judgement-free support for parents who want calmer routines, clearer boundaries and a closer relationship with their children.", "coaching"),
    ]

    func prepare(on database: any Database) async throws {
        try await database.transaction { transaction in
            guard let sql = transaction as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "loading topics") }
            for topic in Self.topics {
                try await sql.insert(into: "topics").columns("id", "slug", "name", "summary")
                    .values(SQLBind(UUID()), SQLBind(topic.slug), SQLBind(topic.name), SQLBind(topic.summary)).run()
            }
            for approach in Self.approaches {
                try await sql.insert(into: "approaches").columns("id", "slug", "name", "summary", "audience")
                    .values(SQLBind(UUID()), SQLBind(approach.slug), SQLBind(approach.name), SQLBind(approach.summary), SQLBind(approach.audience))
                    .run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "removing topics") }
        try await sql.delete(from: "topics").run()
        try await sql.delete(from: "approaches").run()
    }
}
