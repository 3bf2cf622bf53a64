import Fluent
import Foundation

/// A "Need help with" topic: what a person is struggling with.
final class Topic: Model, @unchecked Sendable {
    static let schema = "topics"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    @Field(key: "summary") var summary: String

    init() {}

}

/// A way of working: a kind of therapy or of coaching.
final class Approach: Model, @unchecked Sendable {
    static let schema = "approaches"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    @Field(key: "summary") var summary: String
    @Field(key: "audience") var audience: ApproachAudience

    init() {}

}
