import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting

@testable import Rapport

/// Drives the app as one browser would: keeps its cookies, and fills in the form token from the
/// last page it loaded, so tests read like a person using the site.
final class TestBrowser {
    let app: Application
    var cookies: [String: String] = [:]
    private(set) var lastPage = ""
    var userAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"
    /// The address the app sees this browser connect from.
    var peerAddress = "127.0.0.1"

    /// What came back: the same shape as VaporTesting's response.
    struct Response {
        let status: HTTPStatus
        let headers: HTTPHeaders
        let body: ByteBuffer
        var text: String { body.string }
    }

    init(_ app: Application, from peerAddress: String = "127.0.0.1") {
        self.app = app
        self.peerAddress = peerAddress
    }

    @discardableResult
    func get(_ path: String) async throws -> Response {
        let response = try await send(.GET, path, headers: headers())
        remember(response)
        return response
    }

    /// Sends one request through the whole app, as its HTTP server would, from `peerAddress`.
    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer? = nil) async throws -> Response {
        var headers = headers
        headers.replaceOrAdd(name: .contentLength, value: String(body?.readableBytes ?? 0))
        let request = Request(
            application: app, method: method, url: URI(string: path), headers: headers,
            collectedBody: body.flatMap { $0.readableBytes == 0 ? nil : $0 },
            remoteAddress: try SocketAddress(ipAddress: peerAddress, port: 40_000), logger: app.logger, on: app.eventLoopGroup.next())
        let response = try await app.responder.respond(to: request).get()
        let collected = try await response.body.collect(on: request.eventLoop).get() ?? ByteBuffer()
        return Response(status: response.status, headers: response.headers, body: collected)
    }

    /// Posts a form. The form token of the last page is added unless the test says otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], token: String?? = .none, extraHeaders: HTTPHeaders = [:]) async throws -> Response {
        try await post(path, pairs: fields.map { ($0.key, $0.value) }, token: token, extraHeaders: extraHeaders)
    }

    /// Posts a form whose fields may repeat, as checkboxes do (`topics[]`).
    @discardableResult
    func post(_ path: String, pairs: [(String, String)], token: String?? = .none, extraHeaders: HTTPHeaders = [:]) async throws -> Response {
        var pairs = pairs
        switch token {
        case .none: if let token = Self.formToken(in: lastPage) { pairs.append(("csrf_token", token)) }
        case .some(let explicit): if let explicit { pairs.append(("csrf_token", explicit)) }
        }
        let body = pairs.compactMap { key, value in
            value.addingPercentEncoding(withAllowedCharacters: .alphanumerics).map { "\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key)=\($0)" }
        }.joined(separator: "&")
        var headers = headers()
        headers.contentType = .urlEncodedForm
        headers.add(contentsOf: extraHeaders)
        let response = try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Posts a multipart form with one file, as a file input does, with the last page's token.
    @discardableResult
    func postMultipart(_ path: String, _ fields: [String: String], file: (field: String, name: String, type: String, bytes: Data)) async throws -> Response {
        let boundary = "----RapportTest\(UUID().uuidString)"
        var body = Data()
        var all = fields
        all["csrf_token"] = Self.formToken(in: lastPage) ?? ""
        for (key, value) in all {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8))
        body.append(file.bytes)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = headers()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let response = try await send(.POST, path, headers: headers, body: ByteBuffer(data: body))
        remember(response)
        return response
    }

    var sessionCookie: String? { cookies["rapport_session"] }

    private func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: .userAgent, value: userAgent)
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        return headers
    }

    private func remember(_ response: Response) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[1].isEmpty || header.lowercased().contains("max-age=0") {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
        if response.headers.contentType == .html { lastPage = response.body.string }
    }

    static func formToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf_token" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

extension Application {
    /// An email in the outbox to an address whose subject mentions `subject`.
    func email(to address: String, about subject: String) async throws -> Mailer.Message? {
        try await emails(to: address).last { $0.subject.contains(subject) }
    }

    /// Every unsent email to `address`, opened with the data key (the outbox keeps them sealed).
    func emails(to address: String) async throws -> [Mailer.Message] {
        try await OutgoingMail.query(on: db).all().compactMap { try $0.opened(dataKeys) }.filter { $0.to == address }
    }
}

/// The first link in an email that starts with the public address.
func link(in mail: Mailer.Message?, path: String) -> String? {
    guard let body = mail?.body, let start = body.range(of: "http://127.0.0.1:8080" + path) else { return nil }
    let rest = body[start.lowerBound...]
    let end = rest.firstIndex(where: { $0.isWhitespace }) ?? rest.endIndex
    return String(rest[..<end]).replacingOccurrences(of: "http://127.0.0.1:8080", with: "")
}
