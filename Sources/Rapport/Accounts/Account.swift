import Fluent
import Foundation

/// Someone who signs in: a person seeking help (an account is optional for them), a
/// practitioner, or an admin.
final class Account: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    /// Lower-cased, so one address is one account whatever its capitals.
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: AccountRole
    @OptionalField(key: "email_confirmed_at") var emailConfirmedAt: Date?
    /// The authenticator app's base32 secret, sealed with the data key: read it with
    /// `totpSecret(_:)`, never directly.
    @OptionalField(key: "totp_secret") var sealedTOTPSecret: String?
    @OptionalField(key: "totp_enabled_at") var totpEnabledAt: Date?
    /// The 30-second step of the last code accepted, so no code works twice.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(email: String, passwordHash: String, role: AccountRole) {
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
    }

    var isEmailConfirmed: Bool { emailConfirmedAt != nil }
    var usesTwoStepLogin: Bool { totpEnabledAt != nil }
    /// Admins must use two-step login; everyone else may.
    var mustUseTwoStepLogin: Bool { role == .admin }

    func totpSecret(_ keys: DataKeyRing) throws -> String? {
        try sealedTOTPSecret.map { try keys.open($0, for: .totpSecret) }
    }

    func setTOTPSecret(_ secret: String?, _ keys: DataKeyRing) throws {
        sealedTOTPSecret = try secret.map { try keys.seal($0, for: .totpSecret) }
    }

    /// Two-step login off, with its secret and recovery codes gone.
    func clearTwoStepLogin(on database: any Database) async throws {
        sealedTOTPSecret = nil
        totpEnabledAt = nil
        totpLastStep = nil
        try await RecoveryCode.query(on: database).filter(\.$account.$id == requireID()).delete()
    }
}

enum AccountRole: String, Codable, CaseIterable, Sendable {
    case member, practitioner, admin
}

/// A signed-in browser. Only a hash of the cookie's token is stored, so a copy of the database
/// cannot be used to sign in.
final class AccountSession: Model, @unchecked Sendable {
    static let schema = "account_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "account_id") var account: Account
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// Password accepted but the authenticator code not yet given (or, for an admin without
    /// one, not yet set up): such a session can reach only the two-step pages.
    @Field(key: "awaiting_second_step") var awaitingSecondStep: Bool
    /// "Firefox on Windows": enough to recognise a device, nothing more.
    @Field(key: "device") var device: String

    init() {}
}

/// A single-use link sent by email: confirm an address, reset a password, change an address.
final class AccountToken: Model, @unchecked Sendable {
    static let schema = "account_tokens"

    enum Purpose: String, Codable, Sendable {
        case confirmEmail = "confirm_email"
        case resetPassword = "reset_password"
        case changeEmail = "change_email"
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "account_id") var account: Account
    @Field(key: "purpose") var purpose: Purpose
    @OptionalField(key: "new_email") var newEmail: String?
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

/// One of the codes that stand in for the authenticator app if it is lost. Stored hashed.
final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "account_recovery_codes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: Account
    @Field(key: "code_hash") var codeHash: String
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}
