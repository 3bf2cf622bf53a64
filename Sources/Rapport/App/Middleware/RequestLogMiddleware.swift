import Vapor

/// One line per request: method, route pattern, status and duration. Never the query string or
/// body, which can carry what someone is struggling with or where they live.
struct RequestLogMiddleware: AsyncMiddleware {
    /// Tests pass their own logger to read what would be written; otherwise the request's.
    var logger: Logger?

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let pattern = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(no route)"
        do {
            let response = try await next.respond(to: request)
            log(request, pattern: pattern, status: response.status.code, since: start)
            return response
        } catch {
            let status = (error as? any AbortError)?.status.code ?? 500
            log(request, pattern: pattern, status: status, since: start)
            throw error
        }
    }

    private func log(_ request: Request, pattern: String, status: UInt, since start: ContinuousClock.Instant) {
        let milliseconds = (ContinuousClock.now - start).inMilliseconds
        (logger ?? request.logger).info(
            "\(request.method.rawValue) \(pattern) \(status) \(String(format: "%.1f", milliseconds))ms")
    }
}
