import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Sends over SMTP (`SMTP_URL`, e.g. `smtp://user:password@host:587`). STARTTLS is required
/// unless the server is on this machine, so credentials and health data never cross a network
/// in the clear.
struct SMTPMailTransport: MailTransport {
    struct Server: Sendable, Equatable {
        let host: String
        let port: Int
        let username: String?
        let password: String?

        var isLocal: Bool { ["localhost", "127.0.0.1", "::1"].contains(host) }

        init(host: String, port: Int, username: String? = nil, password: String? = nil) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
        }

        init(url: String) throws(ConfigurationError) {
            guard let components = URLComponents(string: url), components.scheme == "smtp", let host = components.host, !host.isEmpty
            else { throw ConfigurationError(variable: "SMTP_URL", problem: "must look like smtp://user:password@host:587") }
            self.init(
                host: host, port: components.port ?? 587, username: components.user?.removingPercentEncoding,
                password: components.password?.removingPercentEncoding)
        }
    }

    enum SMTPError: Error, CustomStringConvertible {
        case unexpectedReply(command: String, code: Int)
        case startTLSUnavailable
        case connectionClosed
        case timedOut(command: String)

        var description: String {
            switch self {
            case .unexpectedReply(let command, let code): "SMTP \(command) answered \(code)"
            case .startTLSUnavailable: "SMTP server does not offer STARTTLS"
            case .connectionClosed: "SMTP connection closed"
            case .timedOut(let command): "SMTP server did not answer \(command)"
            }
        }
    }

    let server: Server
    let group: any EventLoopGroup

    func send(_ message: Mailer.Message, from sender: String) async throws {
        let replies = SMTPReplyHandler()
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.pipeline.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(replies)
                }
            }
            .connect(host: server.host, port: server.port).get()
        defer { channel.close(promise: nil) }
        // Whatever happens, give up well inside the outbox's lease, so no other instance can
        // claim the message while this one might still send it.
        let deadline = channel.eventLoop.scheduleTask(in: .seconds(50)) { channel.close(promise: nil) }
        defer { deadline.cancel() }

        func command(_ line: String?, expect codes: Set<Int>, name: String) async throws -> [String] {
            let reply = replies.nextReply(on: channel.eventLoop)
            if let line {
                try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
            }
            let timeout = channel.eventLoop.scheduleTask(in: .seconds(30)) { channel.close(promise: nil) }
            defer { timeout.cancel() }
            let (code, lines) = try await reply.get()
            guard codes.contains(code) else { throw SMTPError.unexpectedReply(command: name, code: code) }
            return lines
        }

        _ = try await command(nil, expect: [220], name: "greeting")
        var features = try await command("EHLO rapport", expect: [250], name: "EHLO")
        if !server.isLocal || features.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) {
            guard features.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else { throw SMTPError.startTLSUnavailable }
            _ = try await command("STARTTLS", expect: [220], name: "STARTTLS")
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            let tls = try NIOSSLClientHandler(context: context, serverHostname: server.host)
            try await channel.pipeline.addHandler(tls, position: .first).get()
            features = try await command("EHLO rapport", expect: [250], name: "EHLO")
        }
        if let username = server.username, let password = server.password {
            let credentials = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
            _ = try await command("AUTH PLAIN \(credentials)", expect: [235], name: "AUTH")
        }
        _ = try await command("MAIL FROM:<\(EmailFormat.address(sender))>", expect: [250], name: "MAIL FROM")
        _ = try await command("RCPT TO:<\(EmailFormat.address(message.to))>", expect: [250, 251], name: "RCPT TO")
        _ = try await command("DATA", expect: [354], name: "DATA")
        // Dot-stuffing: a line starting with "." gains another, so it cannot end the message.
        let text = EmailFormat.render(message, from: sender)
            .split(separator: "\r\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            .joined(separator: "\r\n")
        _ = try await command(text + "\r\n.", expect: [250], name: "end of data")
        _ = try? await command("QUIT", expect: [221], name: "QUIT")
    }
}

/// Collects multi-line SMTP replies ("250-…" lines then "250 …") and hands each complete reply
/// to whoever is waiting for it.
private final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private var waiting: [EventLoopPromise<(Int, [String])>] = []
    private var ready: [(Int, [String])] = []
    private var lines: [String] = []

    /// Must be called before the command is written, on the channel's event loop or not.
    func nextReply(on eventLoop: any EventLoop) -> EventLoopFuture<(Int, [String])> {
        eventLoop.flatSubmit {
            if !self.ready.isEmpty { return eventLoop.makeSucceededFuture(self.ready.removeFirst()) }
            let promise = eventLoop.makePromise(of: (Int, [String]).self)
            self.waiting.append(promise)
            return promise.futureResult
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard let line = buffer.readString(length: buffer.readableBytes)?.trimmingCharacters(in: .newlines), line.count >= 3 else { return }
        lines.append(String(line.dropFirst(4)))
        let isLast = line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " "
        guard isLast else { return }
        let reply = (Int(line.prefix(3)) ?? 0, lines)
        lines = []
        if waiting.isEmpty { ready.append(reply) } else { waiting.removeFirst().succeed(reply) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        for promise in waiting { promise.fail(SMTPMailTransport.SMTPError.connectionClosed) }
        waiting = []
        context.fireChannelInactive()
    }
}

/// Tests read what would have been sent.
actor MemoryMailTransport: MailTransport {
    private(set) var sent: [Mailer.Message] = []

    func send(_ message: Mailer.Message, from sender: String) async throws {
        sent.append(message)
    }
}
