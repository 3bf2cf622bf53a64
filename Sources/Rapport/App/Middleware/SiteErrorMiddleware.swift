import Vapor

/// Turns every error into a page in the site's style (or a JSON error under `/api/`), and never
/// shows a stack trace. Errors a person can cause explain what to do next; the rest get a
/// generic page and a log line that carries no personal data.
struct SiteErrorMiddleware: AsyncMiddleware {
    let environment: Environment

    struct ErrorPage: Encodable, Sendable {
        let status: UInt
        let heading: String
        let message: String
        let homeHref: String
        let urgentHelpHref: String
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let apiError as APIError {
            return apiError.response()
        } catch let redirect as Redirect {
            return request.redirect(to: redirect.to)
        } catch {
            let status: HTTPStatus
            let message: String
            if let abort = error as? any AbortError {
                status = abort.status
                message = status.code < 500 ? abort.reason : ""
            } else {
                status = .internalServerError
                message = ""
            }
            if status.code >= 500 {
                // The type names the fault without echoing anything the person sent.
                if !environment.isRelease {
                    // Development and tests only: the detail may echo data, so production never logs it.
                    request.logger.debug("\(String(describing: error))")
                }
                request.logger.error("Unhandled \(String(reflecting: type(of: error))) on \(request.method.rawValue) \(request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(no route)")")
            }
            return await page(for: status, message: message, request: request)
        }
    }

    private func page(for status: HTTPStatus, message: String, request: Request) async -> Response {
        if request.url.path.hasPrefix("/api/") {
            return APIError(status: status, code: status == .notFound ? "not_found" : "error", message: message.isEmpty ? status.reasonPhrase : message)
                .response()
        }
        let (heading, text): (String, String) =
            switch status.code {
            case 404: ("We can't find that page", "The link may be out of date, or the address may have a typo.")
            case 429: ("Please wait a moment", message)
            case 403: ("We couldn't do that", message)
            case 400..<500: ("Something in that request didn't work", message)
            default: ("Sorry, something went wrong on our side", "It isn't anything you did. Please try again in a minute.")
            }
        let content = ErrorPage(
            status: status.code, heading: heading, message: text, homeHref: SiteURL.home.path,
            urgentHelpHref: SiteURL.urgentHelp.path)
        do {
            return try await request.renderPage("errors/error", title: heading, content, status: status)
        } catch {
            // The page itself failed (a database outage, say): plain words still reach the person.
            let response = Response(status: status, body: .init(string: "\(heading). \(text)"))
            response.headers.contentType = .plainText
            return response
        }
    }
}

/// The JSON error shape of the API: `{"error": {"code", "message", …}}`.
struct APIError: Error, Sendable {
    struct Body: Content {
        let code: String
        let message: String
        let parameter: String?
        let candidates: [String]?
    }

    let status: HTTPStatus
    let code: String
    let message: String
    var parameter: String? = nil
    var candidates: [String]? = nil

    func response() -> Response {
        let response = Response(status: status)
        try? response.content.encode(["error": Body(code: code, message: message, parameter: parameter, candidates: candidates)])
        return response
    }
}
