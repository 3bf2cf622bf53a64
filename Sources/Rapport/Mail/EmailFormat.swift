import Foundation
import Logging

/// Writes a plain-text email as RFC 5322 text. The body is base64 so any character survives any
/// server, and a non-ASCII subject is RFC 2047 encoded.
enum EmailFormat {
    static func render(_ message: Mailer.Message, from sender: String, date: Date = Date()) -> String {
        let id = message.id ?? UUID()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = LondonCalendar.timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let domain = sender.split(separator: "@").last.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) } ?? "localhost"
        let body = Data(message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let headers = [
            "From: \(sender)",
            "To: \(message.to)",
            "Subject: \(encodedHeader(message.subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(id.uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n"
    }

    static func encodedHeader(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    /// A bare address from "Name <address>" or "address".
    static func address(_ mailbox: String) -> String {
        if let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close {
            return String(mailbox[mailbox.index(after: open)..<close])
        }
        return mailbox.trimmingCharacters(in: .whitespaces)
    }
}

/// Development default: each message becomes an `.eml` file in `./mail-outbox/`, and only the
/// subject is logged.
struct FileMailTransport: MailTransport {
    let directory: URL
    let logger: Logger

    func send(_ message: Mailer.Message, from sender: String) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Named by the outbox row, so a retry after a crash writes the same file again.
        let name = message.id.map { "\($0.uuidString.lowercased()).eml" } ?? "\(Int(Date().timeIntervalSince1970))-\(UUID().uuidString.prefix(8)).eml"
        try Data(EmailFormat.render(message, from: sender).utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
        logger.info("Wrote an email (\(message.subject)) to \(directory.lastPathComponent)/")
    }
}
