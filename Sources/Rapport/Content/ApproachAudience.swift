/// Whether an approach is a kind of therapy or a kind of coaching, so coaches and therapists
/// are offered the approaches that fit them.
enum ApproachAudience: String, Sendable, Codable, CaseIterable {
    case therapy
    case coaching
}
