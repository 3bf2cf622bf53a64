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
        let headers = [
            "From: \(sender)",
            "To: \(message.to)",
            "Subject: \(encodedHeader(message.subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(id.uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0",
        ]
        let text = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", base64Lines(message.body)]
        guard !message.attachments.isEmpty else {
            return (headers + text).joined(separator: "\r\n") + "\r\n"
        }
        // multipart/mixed: the text first, then each file. The boundary is random, and base64
        // never contains "=_", so no part can end it early.
        let boundary = "=_rapport_" + id.uuidString.lowercased()
        var lines = headers + ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"] + text
        for attachment in message.attachments {
            let filename = attachment.filename.filter { $0.isLetter || $0.isNumber || "-_.".contains($0) }
            lines += [
                "--\(boundary)",
                "Content-Type: \(attachment.contentType); name=\"\(filename)\"",
                "Content-Disposition: attachment; filename=\"\(filename)\"",
                "Content-Transfer-Encoding: base64", "", base64Lines(attachment.text),
            ]
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Text as base64 in lines of 76, with CRLF line ends inside it, as MIME wants.
    private static func base64Lines(_ text: String) -> String {
        Data(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
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
