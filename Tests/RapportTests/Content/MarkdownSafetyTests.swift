import Foundation
import Testing

@testable import Rapport

/// Markdown is untrusted, even Rapport's own: none of these may come out as live markup. The
/// output is parsed as a browser would tokenise it, not searched for strings.
@Suite("Safe Markdown")
struct MarkdownSafetyTests {
    static let allowedTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote", "hr", "br",
        "table", "thead", "tbody", "tr", "th", "td", "span", "s", "del",
    ]

    /// The kinds the OWASP XSS cheat sheet lists, in Markdown's own forms too.
    static let payloads: [String] = {
        var list = [
            "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>", "<body onload=alert(1)>", "<iframe src=javascript:alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
            "<div style=\"background:url(javascript:alert(1))\">", "<input autofocus onfocus=alert(1)>", "<details open ontoggle=alert(1)>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", "<object data=\"data:text/html,<script>alert(1)</script>\">",
            "<embed src=javascript:alert(1)>", "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">", "<base href=//evil.example/>",
            "<form action=javascript:alert(1)><button>x</button></form>", "<style>@import 'x'</style>", "<link rel=stylesheet href=//evil>",
            "<scr<script>ipt>alert(1)</script>", "<<script>alert(1)//<</script>", "<img src=\"x\" onerror=\"alert(1)\"/>",
            "<a href=x onmouseover=alert(1)>hover</a>", "<video><source onerror=alert(1)>", "<audio src=x onerror=alert(1)>",
            "<marquee onstart=alert(1)>", "<table background=javascript:alert(1)>", "<p onclick=alert(1)>x</p>", "</p><script>alert(1)</script><p>",
            "<!--<script>alert(1)//-->", "<![CDATA[<script>alert(1)</script>]]>", "<textarea><script>alert(1)</script></textarea>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<template><script>alert(1)</script></template>",
            "<isindex action=javascript:alert(1)>", "<keygen autofocus onfocus=alert(1)>", "<select onfocus=alert(1) autofocus>",
            "<frameset onload=alert(1)>", "<applet code=x>", "<xss style=\"behavior:url(x.htc)\">", "<IMG SRC=JaVaScRiPt:alert(1)>",
        ]
        let urls = [
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "java%0ascript:alert(1)",
            "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "javascript&colon;alert(1)", "jav&#x09;ascript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
            "//evil.example", "/\\evil.example", "\\\\evil.example", "http://a\" onmouseover=\"alert(1)", "https://a'onmouseover='alert(1)",
            "https://x.example/\"><script>alert(1)</script>", "http://x.example/ onmouseover=alert(1)", "file:///etc/passwd",
            "%6a%61%76%61%73%63%72%69%70%74:alert(1)", "mailto:a@b.example\"onclick=\"alert(1)", "https://ok.example/`onload`",
        ]
        for url in urls {
            list.append("[click](\(url))")
            list.append("![image](\(url))")
            list.append("[ref][1]\n\n[1]: \(url)")
        }
        list += [
            "```\"><script>alert(1)</script>\ncode\n```", "```js onload=alert(1)\nx\n```", "`<script>alert(1)</script>`",
            "**<script>alert(1)</script>**", "_<img src=x onerror=alert(1)>_", "# <script>alert(1)</script>", "> <script>alert(1)</script>",
            "- <img src=x onerror=alert(1)>", "1. <svg/onload=alert(1)>", "[<img src=x onerror=alert(1)>](https://ok.example)",
            "[a](https://ok.example)<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;",
            "<<img src=x onerror=alert(1)>", "<\nimg src=x onerror=alert(1)>", "<img\nsrc=x\nonerror=alert(1)>", "<a/href=javascript:alert(1)>x</a>",
            "| a | b |\n|---|---|\n| <script>alert(1)</script> | x |", "***<svg onload=alert(1)>***", "~~<script>alert(1)</script>~~",
            "[x](https://ok.example \"title\" onclick=\"alert(1)\")", "![a\" onerror=\"alert(1)](x)", "[a](<javascript:alert(1)>)",
            "<a href=\"https://ok.example\" onclick=\"alert(1)\">x</a>", "text <b onmouseover=alert(1)>bold</b> text",
        ]
        return list
    }()

    @Test func atLeastAHundredPayloadsAndNoneSurvivesAsLiveMarkup() {
        #expect(Self.payloads.count >= 100)
        for renderer in [MarkdownRenderer(), ArticleForm.renderer] {
            for payload in Self.payloads {
                let html = renderer.html(payload)
                for problem in Self.problems(in: html) {
                    Issue.record("\(payload.debugDescription) gave \(html.debugDescription): \(problem)")
                }
            }
        }
    }

    @Test func safeLinksStayLinksAndMarkdownStillWorks() {
        let html = MarkdownRenderer(allowsSitePaths: false, marksLinksAsUserContent: true).html("## Hi\n\nSee [the NHS](https://www.nhs.uk/) and **this**.")
        #expect(html.contains("<a href=\"https://www.nhs.uk/\" rel=\"nofollow ugc noopener\">the NHS</a>"))
        #expect(html.contains("<h2>Hi</h2>") && html.contains("<strong>this</strong>"))
        #expect(MarkdownRenderer().html("[topic](/need-help-with/anxiety)").contains("<a href=\"/need-help-with/anxiety\">topic</a>"))
        #expect(!MarkdownRenderer(allowsSitePaths: false).html("[topic](/need-help-with/anxiety)").contains("<a "))
        #expect(MarkdownRenderer().html("[bad](javascript:alert(1))").contains("bad"), "the text of a refused link stays")
    }

    /// What a browser would run or load from `html`: tags outside the list, event handlers,
    /// styles, sources, or links that are not http, https, mailto or a path on this site.
    static func problems(in html: String) -> [String] {
        var problems: [String] = []
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            var cursor = html.index(after: open)
            if cursor < html.endIndex, html[cursor] == "/" { cursor = html.index(after: cursor) }
            let nameEnd = html[cursor...].firstIndex { !($0.isLetter || $0.isNumber) } ?? html.endIndex
            let name = html[cursor..<nameEnd].lowercased()
            guard let first = name.first, first.isLetter else {
                // "<" not starting a tag ("<!", "<?", "< ") would start a comment or bogus comment.
                if cursor < html.endIndex, "!?".contains(html[cursor]) { problems.append("markup declaration") }
                index = html.index(after: open)
                continue
            }
            guard allowedTags.contains(name) else {
                problems.append("<\(name)>")
                index = nameEnd
                continue
            }
            let (attributes, end) = attributesOf(html, from: nameEnd)
            for (attribute, value) in attributes {
                switch (name, attribute) {
                case ("a", "href"):
                    let decoded = MarkdownRenderer.decodeEntities(value).lowercased().filter { !$0.isWhitespace }
                    let ok = ["https://", "http://", "mailto:"].contains { decoded.hasPrefix($0) } || (decoded.hasPrefix("/") && !decoded.hasPrefix("//") && !decoded.contains("\\"))
                    if !ok { problems.append("href=\(value)") }
                case ("a", "rel"), ("span", "class"):
                    break
                default:
                    problems.append("\(name) \(attribute)=")
                }
            }
            index = end
        }
        return problems
    }

    /// The attributes of a tag starting at `start` (after its name), as a browser reads them,
    /// and where the tag ends.
    static func attributesOf(_ html: String, from start: String.Index) -> ([(String, String)], String.Index) {
        var result: [(String, String)] = []
        var index = start
        func skipSpace() { while index < html.endIndex, html[index].isWhitespace || html[index] == "/" { index = html.index(after: index) } }
        while true {
            skipSpace()
            guard index < html.endIndex, html[index] != ">" else { break }
            let nameStart = index
            while index < html.endIndex, !html[index].isWhitespace, !"=>/".contains(html[index]) { index = html.index(after: index) }
            let name = html[nameStart..<index].lowercased()
            var value = ""
            skipSpaceOnly()
            if index < html.endIndex, html[index] == "=" {
                index = html.index(after: index)
                skipSpaceOnly()
                if index < html.endIndex, html[index] == "\"" || html[index] == "'" {
                    let quote = html[index]
                    index = html.index(after: index)
                    let valueStart = index
                    while index < html.endIndex, html[index] != quote { index = html.index(after: index) }
                    value = String(html[valueStart..<index])
                    if index < html.endIndex { index = html.index(after: index) }
                } else {
                    let valueStart = index
                    while index < html.endIndex, !html[index].isWhitespace, html[index] != ">" { index = html.index(after: index) }
                    value = String(html[valueStart..<index])
                }
            }
            if !name.isEmpty { result.append((name, value)) }
        }
        return (result, index < html.endIndex ? html.index(after: index) : index)

        func skipSpaceOnly() { while index < html.endIndex, html[index].isWhitespace { index = html.index(after: index) } }
    }
}
