import Foundation

/// Weekly hours for demo practitioners who offer a free first conversation, so a fresh demo
/// site has times to book. Chosen from the practitioner's fixed shuffle seed, so the same seed
/// gives the same diary. Most confirm bookings at once; one in five confirms each request.
enum DemoCallHours {
    static let patterns = [
        "2 18:00 20:00\n6 09:00 11:00",
        "1 12:00 13:00\n3 12:00 13:00\n5 12:00 13:00",
        "2 09:00 12:00\n4 17:00 19:30",
        "3 18:00 20:30\n7 10:00 12:00",
        "1 08:00 09:30\n4 08:00 09:30\n6 10:00 12:00",
        "1 17:00 19:00\n2 17:00 19:00\n3 17:00 19:00\n4 17:00 19:00",
    ]

    struct Diary {
        let weeklyHours: String
        let how: CallSettings.How
        let videoLink: String?
        let confirmsEach: Bool
    }

    static func diary(seed: Int, slug: String, offersPhone: Bool) -> Diary {
        let how: CallSettings.How = offersPhone || seed % 3 == 0 ? .phone : .video
        return Diary(
            weeklyHours: patterns[seed % patterns.count], how: how,
            videoLink: how == .video ? "https://video.example/\(slug)" : nil, confirmsEach: seed % 5 == 0)
    }
}
