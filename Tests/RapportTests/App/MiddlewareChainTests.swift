import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import Rapport

@Suite("One middleware chain")
struct MiddlewareChainTests {
    /// Notes when a request passes in and when its response (or error) passes back out.
    struct Tracer: AsyncMiddleware {
        let name: String
        let trace: NIOLockedValueBox<[String]>
        var answersItself = false

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            trace.withLockedValue { $0.append("\(name) in") }
            if answersItself { return Response(status: .accepted) }
            do {
                let response = try await next.respond(to: request)
                trace.withLockedValue { $0.append("\(name) out") }
                return response
            } catch {
                trace.withLockedValue { $0.append("\(name) saw error") }
                throw error
            }
        }
    }

    struct Refused: Error {}

    private func app(_ layers: (NIOLockedValueBox<[String]>) -> [any AsyncMiddleware], run: (Application, NIOLockedValueBox<[String]>) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        let trace = NIOLockedValueBox<[String]>([])
        app.middleware = .init()
        app.middleware.use(ErrorMiddleware.default(environment: .testing))
        app.middleware.use(MiddlewareChain(layers(trace)))
        app.get("ok") { _ in
            trace.withLockedValue { $0.append("handler") }
            return "ok"
        }
        app.get("refused") { _ -> String in throw Refused() }
        do {
            try await run(app, trace)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test func layersRunInOrderAsIfEachWereAddedOnItsOwn() async throws {
        try await app({ trace in ["a", "b", "c"].map { Tracer(name: $0, trace: trace) } }) { app, trace in
            try await app.testing().test(.GET, "/ok") { response in #expect(response.status == .ok) }
            #expect(trace.withLockedValue { $0 } == ["a in", "b in", "c in", "handler", "c out", "b out", "a out"])
        }
    }

    @Test func anErrorPassesBackOutThroughEveryOuterLayer() async throws {
        try await app({ trace in ["a", "b"].map { Tracer(name: $0, trace: trace) } }) { app, trace in
            try await app.testing().test(.GET, "/refused") { response in #expect(response.status == .internalServerError) }
            #expect(trace.withLockedValue { $0 } == ["a in", "b in", "b saw error", "a saw error"])
        }
    }

    @Test func aLayerCanAnswerWithoutCallingTheRest() async throws {
        try await app({ trace in
            [Tracer(name: "a", trace: trace), Tracer(name: "b", trace: trace, answersItself: true), Tracer(name: "c", trace: trace)]
        }) { app, trace in
            try await app.testing().test(.GET, "/ok") { response in #expect(response.status == .accepted) }
            #expect(trace.withLockedValue { $0 } == ["a in", "b in", "a out"])
        }
    }
}
