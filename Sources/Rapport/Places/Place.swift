import Foundation

/// A UK town or city from the GeoNames-derived gazetteer (see `Resources/Places/ATTRIBUTION.md`).
struct Place: Sendable, Hashable, Codable {
    /// Unique across the UK: the bare name where that is unambiguous, otherwise qualified
    /// ("Newport, Isle of Wight").
    let label: String
    let name: String
    let county: String
    let nation: String
    let latitude: Double
    let longitude: Double
    /// Zero where GeoNames gives none (places under about 15,000 people).
    let population: Int

    var unitVector: UnitVector { UnitVector(latitude: latitude, longitude: longitude) }
}

/// A point on the Earth as a unit vector from its centre. The dot product of two such vectors is
/// the cosine of the angle between them, so comparing dot products orders points by great-circle
/// distance without trigonometry in SQL.
struct UnitVector: Sendable, Hashable {
    static let earthRadiusMiles = 3958.7613

    let x: Double
    let y: Double
    let z: Double

    init(latitude: Double, longitude: Double) {
        let lat = latitude * .pi / 180
        let lon = longitude * .pi / 180
        x = cos(lat) * cos(lon)
        y = cos(lat) * sin(lon)
        z = sin(lat)
    }

    func dot(_ other: UnitVector) -> Double { x * other.x + y * other.y + z * other.z }

    func distanceMiles(to other: UnitVector) -> Double {
        Self.earthRadiusMiles * acos(min(1, max(-1, dot(other))))
    }

    /// The smallest dot product a point within `miles` can have.
    static func minimumDot(withinMiles miles: Double) -> Double {
        cos(miles / earthRadiusMiles)
    }
}
