import Vapor

/// The API is read-only: any method but GET or HEAD on a documented API path answers
/// `405 Method Not Allowed` with an `Allow` header, as HTTP asks, instead of a form-token 403
/// or a 404. It runs before the form-token check, which only pages need.
struct APIMethodMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard path.hasPrefix("/api/"), request.method != .GET, request.method != .HEAD, OpenAPIDocument.declares(path: path) else {
            return try await next.respond(to: request)
        }
        let response = APIError(
            status: .methodNotAllowed, code: "method_not_allowed", message: "The Rapport API is read-only: use GET.").response()
        response.headers.replaceOrAdd(name: .allow, value: "GET, HEAD")
        return response
    }
}

extension Application {
    private struct OpenAPIKey: StorageKey { typealias Value = MadeOnce<Data> }

    /// The OpenAPI document, described once from what the database holds.
    var openAPIJSON: MadeOnce<Data> {
        get {
            guard let made = storage[OpenAPIKey.self] else { fatalError("configure() sets openAPIJSON") }
            return made
        }
        set { storage[OpenAPIKey.self] = newValue }
    }
}
