import Fluent
import SQLKit
import Vapor

/// Checking what someone types at the second step: a code from their authenticator app, or one
/// of their recovery codes. Either is used up by a conditional update, so a code never works
/// twice, even for two requests at the same moment.
enum TwoStepCodes {
    static func accept(_ submitted: String, for account: Account, request: Request) async throws -> Bool {
        guard let secret = try account.totpSecret(request.application.dataKeys) else { return false }
        let code = submitted.trimmingCharacters(in: .whitespaces)
        if let step = TOTP.matchingStep(code, secret: secret, after: account.totpLastStep) {
            return try await claim(step: step, for: account, on: request.db)
        }
        return try await RecoveryCodes.use(code, for: account, on: request.db)
    }

    /// A code for a new authenticator, before two-step login is on: the same single use.
    static func acceptFirst(_ submitted: String, secret: String, for account: Account, on database: any Database) async throws -> Bool {
        guard let step = TOTP.matchingStep(submitted, secret: secret, after: account.totpLastStep) else { return false }
        return try await claim(step: step, for: account, on: database)
    }

    private static func claim(step: Int, for account: Account, on database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { throw UnsupportedDatabase(purpose: "two-step login") }
        let claimed = try await sql.update("accounts").set("totp_last_step", to: step)
            .where("id", .equal, account.requireID())
            .where { $0.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, step) }
            .claimedARow()
        if claimed { account.totpLastStep = step }
        return claimed
    }
}
