import Vapor

/// After a request that may have changed something (any method but GET and HEAD), this
/// instance applies the change log before the answer goes out. Searches may answer from the
/// index for a moment while a change is applied (`SearchIndexStore.freshnessGrace`), but a person
/// who has just saved their profile, or an admin who has just verified someone, sees it in their
/// next search here: their next request cannot start before this one has answered.
struct SearchCatchUpMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        guard request.method != .GET, request.method != .HEAD, response.status.code < 400 else { return response }
        do {
            try await request.application.searchIndex.catchUp(on: request.db)
        } catch {
            // The change is in the log: the follower applies it within a moment anyway.
            request.logger.warning("Search index: could not catch up after a change", metadata: [
                "error": "\(String(reflecting: type(of: error)))",
            ])
        }
        return response
    }
}
