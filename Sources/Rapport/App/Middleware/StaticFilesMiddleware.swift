import Vapor

/// Serves `Public/` only under its own prefixes, and only for GET and HEAD. Any other path never
/// touches the file system: before, every request looked for a file first, and a path segment
/// too long for a file name escaped as a server error. Any file-system error is a 404.
struct StaticFilesMiddleware: AsyncMiddleware {
    static let prefixes = ["/styles/", "/scripts/", "/images/"]

    let files: FileMiddleware

    init(publicDirectory: String) {
        self.files = FileMiddleware(publicDirectory: publicDirectory)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard request.method == .GET || request.method == .HEAD, Self.prefixes.contains(where: path.hasPrefix) else {
            return try await next.respond(to: request)
        }
        do {
            return try await files.respond(to: request, chainingTo: NoFile()).get()
        } catch {
            throw Abort(.notFound)
        }
    }

    /// What answers when no file matches under a static prefix.
    private struct NoFile: Responder {
        func respond(to request: Request) -> EventLoopFuture<Response> {
            request.eventLoop.makeFailedFuture(Abort(.notFound))
        }
    }
}
