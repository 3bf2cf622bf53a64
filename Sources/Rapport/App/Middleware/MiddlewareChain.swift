import Vapor

/// Runs several `AsyncMiddleware` one inside the other as plain async calls, so that to Vapor
/// they are a single middleware.
///
/// Vapor's middleware chain is built of futures: each `AsyncMiddleware` in
/// `app.middleware` starts a new task for every request and waits on a future for the next
/// layer, so six of them meant six tasks and twelve hand-overs per request. Here only the outer
/// layer pays that; the layers inside call each other directly. Behaviour is the same, including
/// the order: the first layer sees the request first and the response last.
struct MiddlewareChain: AsyncMiddleware {
    let layers: [any AsyncMiddleware]

    init(_ layers: [any AsyncMiddleware]) {
        self.layers = layers
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let responder = layers.reversed().reduce(next) { inner, layer in Layer(middleware: layer, next: inner) }
        return try await responder.respond(to: request)
    }

    private struct Layer: AsyncResponder {
        let middleware: any AsyncMiddleware
        let next: any AsyncResponder

        func respond(to request: Request) async throws -> Response {
            try await middleware.respond(to: request, chainingTo: next)
        }
    }
}
