import Foundation

/// Where to go back to after logging in or registering (`?next=`). The one check every place
/// that reads or builds such a path uses, so a link can never send someone off the site.
enum ReturnPath {
    static let maximumLength = 512

    /// Characters a safe path may hold: letters, digits and the punctuation of paths and
    /// queries. No whitespace or control characters (browsers drop a tab or newline, turning
    /// `/<tab>/evil.example` into `//evil.example`), no backslash (some browsers read it as `/`),
    /// and no `@` or `:`, which only matter in addresses that are not plain paths.
    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-._~?=&%+")

    /// `path` if it is a safe path on this site, else nil.
    static func validated(_ path: String?) -> String? {
        guard let path, path.count <= maximumLength, path.first == "/", path.dropFirst().first != "/",
            path.allSatisfy(allowed.contains)
        else { return nil }
        // A percent-escape must not hide what the check refused (`/%2F/evil.example`).
        guard let decoded = path.removingPercentEncoding, decoded.dropFirst().first != "/", !decoded.contains("\\"),
            !decoded.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) })
        else { return nil }
        return path
    }

    /// `path` with `?next=` (or `&next=`) added when `next` is safe; `path` alone otherwise.
    static func adding(_ next: String?, to path: String) -> String {
        guard let next = validated(next) else { return path }
        let encoded = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return path + (path.contains("?") ? "&" : "?") + "next=" + encoded
    }
}
