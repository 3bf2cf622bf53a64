/// Words the demo generator assembles fictional practitioners from. Varied on purpose, so the
/// demo site looks like a real, diverse directory; every person made from them is fictional.
///
/// Names live in `DemoFragments+Names.swift` and headlines and "About me" sentences in
/// `DemoFragments+Prose.swift`; this file holds backgrounds, qualifications, bodies and languages.
enum DemoFragments {
    /// Places a practitioner once worked. Each reads naturally after "in" ("I worked in the NHS").
    static let settings: [String] = [
        "the NHS",
        "a university counselling service",
        "a domestic abuse charity",
        "a secondary school",
        "an employee assistance programme",
        "a GP surgery",
        "a hospice",
        "a drug and alcohol service",
        "a bereavement charity",
        "a youth counselling service",
        "a women's refuge",
        "a community mental health team",
        "a perinatal mental health service",
        "a relationship counselling charity",
        "a further education college",
        "a prison",
        "a sexual health clinic",
        "a fertility clinic",
        "a veterans' charity",
        "a homelessness charity",
        "a carers' support service",
        "a local authority family support team",
        "the HR department of a large employer",
    ]

    static let therapistQualifications: [String] = [
        "PG Dip in Integrative Counselling",
        "MSc Interpersonal Psychotherapy",
        "BSc (Hons) Psychology",
        "MA Psychotherapy and Counselling",
        "Level 4 Diploma in Therapeutic Counselling",
        "Level 5 Diploma in Psychotherapeutic Counselling",
        "FdSc Counselling",
        "BA (Hons) Counselling",
        "PG Cert in Couple Counselling",
        "Diploma in Psychosexual and Relationship Therapy",
        "MSc Cognitive Behavioural Therapy",
        "PG Dip in Cognitive Behavioural Psychotherapy",
        "Doctorate in Clinical Psychology (DClinPsy)",
        "Doctorate in Counselling Psychology (DCounsPsych)",
        "MSc Counselling Psychology",
        "MSc Systemic Psychotherapy",
        "PG Dip in Person-Centred Counselling",
        "MA Psychodynamic Counselling",
        "MA Gestalt Psychotherapy",
        "MSc Transactional Analysis Psychotherapy",
        "EMDR Practitioner Training (Parts 1 to 3)",
        "Certificate in Emotionally Focused Couple Therapy",
        "Certificate in Compassion-Focused Therapy",
        "Diploma in Schema Therapy",
        "Certificate in Mindfulness-Based Cognitive Therapy (MBCT)",
        "PG Dip in Bereavement Counselling",
        "Certificate in Online and Telephone Counselling",
        "Diploma in Existential Psychotherapy",
        "Diploma in Clinical Supervision",
        "Certificate in Trauma-Informed Practice",
    ]

    static let coachQualifications: [String] = [
        "ICF Professional Certified Coach (PCC)",
        "ICF Associate Certified Coach (ACC)",
        "Level 7 Diploma in Coaching and Mentoring",
        "Level 5 Certificate in Coaching and Mentoring",
        "EMCC Senior Practitioner Accreditation",
        "Association for Coaching Accredited Coach",
        "PG Cert in Coaching",
        "MSc Coaching Psychology",
        "Certificate in Relationship Coaching",
        "Diploma in Life Coaching",
        "Certificate in Parent Coaching",
        "Certificate in Solution-Focused Coaching",
        "Certificate in Career Coaching",
        "Mental Health First Aid Certificate",
        "NLP Practitioner Certificate",
    ]

    /// Real UK professional bodies for therapists. The prefix starts a fictional membership or
    /// registration number; it is empty where the body uses plain numbers.
    static let therapistBodies: [(name: String, registrationPrefix: String)] = [
        (name: "British Association for Counselling and Psychotherapy (BACP)", registrationPrefix: ""),
        (name: "UK Council for Psychotherapy (UKCP)", registrationPrefix: ""),
        (name: "Health and Care Professions Council (HCPC)", registrationPrefix: "PYL"),
        (name: "National Counselling and Psychotherapy Society (NCPS)", registrationPrefix: ""),
        (name: "British Association for Behavioural and Cognitive Psychotherapies (BABCP)", registrationPrefix: ""),
        (name: "College of Sexual and Relationship Therapists (COSRT)", registrationPrefix: ""),
        (name: "British Psychological Society (BPS)", registrationPrefix: ""),
        (name: "Counselling & Psychotherapy in Scotland (COSCA)", registrationPrefix: ""),
        (name: "Association for Family Therapy and Systemic Practice (AFT)", registrationPrefix: ""),
    ]

    /// Real professional bodies for coaches. Prefixes work as for `therapistBodies`.
    static let coachBodies: [(name: String, registrationPrefix: String)] = [
        (name: "International Coaching Federation (ICF)", registrationPrefix: ""),
        (name: "European Mentoring and Coaching Council (EMCC)", registrationPrefix: ""),
        (name: "Association for Coaching (AC)", registrationPrefix: ""),
        (name: "Association for Professional Executive Coaching and Supervision (APECS)", registrationPrefix: ""),
    ]

    /// Languages besides English, with rough relative weights for how often a practitioner offers one.
    static let otherLanguages: [(language: String, weight: Int)] = [
        (language: "Welsh", weight: 12),
        (language: "Polish", weight: 8),
        (language: "Punjabi", weight: 8),
        (language: "Urdu", weight: 8),
        (language: "French", weight: 7),
        (language: "Spanish", weight: 7),
        (language: "Bengali", weight: 6),
        (language: "Gujarati", weight: 6),
        (language: "Arabic", weight: 6),
        (language: "Hindi", weight: 5),
        (language: "German", weight: 5),
        (language: "Portuguese", weight: 4),
        (language: "Romanian", weight: 4),
        (language: "Italian", weight: 4),
        (language: "Cantonese", weight: 3),
        (language: "Mandarin", weight: 3),
        (language: "Turkish", weight: 3),
        (language: "Tamil", weight: 3),
        (language: "British Sign Language", weight: 3),
        (language: "Somali", weight: 2),
        (language: "Scottish Gaelic", weight: 2),
        (language: "Greek", weight: 2),
        (language: "Lithuanian", weight: 2),
        (language: "Farsi", weight: 2),
        (language: "Yoruba", weight: 2),
        (language: "Twi", weight: 1),
        (language: "Irish", weight: 1),
    ]
}
