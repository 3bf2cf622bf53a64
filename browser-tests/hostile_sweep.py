#!/usr/bin/env python3
"""Hostile-input sweep: throws over a thousand hostile values at every public input of a running
Rapport server and checks that it never answers 5xx and never echoes markup unescaped.

Inputs: every GET query parameter of the search pages and of the JSON API (read from
/api/openapi.json), the other pages' parameters (next, token), every path segment that names
something (slugs), the query string of every other public page (every 4th value), and every field
of every public form (POST), both with a valid form token and without one. scripts/test runs it in its
`hostile-input` stage; by hand, against a server you started:

    .venv/bin/python browser-tests/hostile_sweep.py --base-url http://127.0.0.1:8080

Checks: no 5xx answer, an answer to every request, and no value containing <, " or ' appearing
verbatim in an HTML answer (every such value carries a unique marker such as qz70042k, so a
match is the value itself). 429 (rate limits) is fine. Exits 1 on any failure, 2 if it could not
start. Not a pytest test (its name does not start with test_).
"""

import argparse
import concurrent.futures
import html
import http.client
import random
import re
import sys
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import requests

SPECIAL = "<\"'"
PASSWORD = "a long passphrase for sweeping"
LONG_DISPLAY = 300   # URLs and bodies longer than this are shown with the value as an expression
# SwiftNIO's HTTP parser refuses a request head over 80 KiB by closing the connection, before
# Rapport sees it (a proxy in front refuses far less: nginx answers 414 past 8 KiB). A request
# whose URL alone is over this is expected to get no answer, and is counted, not failed.
HTTP_HEAD_LIMIT = 80 * 1024


# ---------------------------------------------------------------- values ----

@dataclass(frozen=True)
class Value:
    text: str                 # what the server should read, once decoded
    raw: str | None = None    # sent exactly so (broken or deliberate percent-escapes), else text is percent-encoded
    label: str = ""           # a short Python expression for long values, for reports
    marker: str | None = None

    @property
    def wire(self) -> str:
        return self.raw if self.raw is not None else urllib.parse.quote(self.text, safe="")


# In the templates below a lone capital M (not part of a word in capitals) stands for the marker.
M = "\u00a7"

QUOTES = ["'M", '"M', "'M'", '"M"', "`M`", "M'", 'M"', "'\"M", "\\'M", '\\"M', "''M''", "\u2019M",
          "\u2018M\u2019", "\u201cM\u201d", "\u00abM\u00bb", "M' --", 'M" --', "x'M'x"]
SQL = ["' OR '1'='1M", "M' OR 1=1 --", "M'; DROP TABLE practitioners; --", 'M" OR ""="', "M') OR ('1'='1",
       "M' UNION SELECT NULL,NULL--", "M' AND 1=CAST((SELECT sqlite_version()) AS INT)--", "M%' --",
       "M'||pg_sleep(5)--", "1;M SELECT 1", "M\\", "M\\'", "M/*", "*/M", "M -- ", "M'; COMMIT; --",
       "M' COLLATE \"C", "M' ESCAPE '\\", "_%M", "M' AND '1'='2", "M' OR SLEEP(5)#", "M')) OR 1=1--",
       "M' GROUP BY 1--", "M' ORDER BY 99--", "M\"; SELECT * FROM accounts; --", "M' || 'x", "M;--",
       "M' LIMIT 1 OFFSET 1--", "M' AND randomblob(100000000)--", "$$M$$", "E'M\\x27'"]
TEMPLATES = ["#(M)", "#(page.csrfToken)M", "#(M.x)", "#if(true):M#endif", "#extend(\"M\")", "#raw():M",
             "#unsafeHTML(\"<b>M</b>\")", "#for(x in y):M#endfor", "#(", "M#(", "#()M", "##(M)",
             "{{M}}", "{{7*7}}M", "{{constructor}}M", "{{{M}}}", "{{'M'}}", "${M}", "${7*7}M", "${{M}}",
             "<%= M %>", "{%M%}", "{% raw %}M", "[[M]]", "@{M}", "#{M}", "%{M}", "{{7*'7'}}M", "\\(M)",
             "#export(\"M\")", "#import(\"M\")", "#count(M)", "#date(M)", "#lowercased(M)", "{M}", "{0}M"]
MARKUP = ["<script>alert('M')</script>", "\"><script>M</script>", "'><img src=x onerror=alert(\"M\")>",
          "<svg/onload=M>", "</title><b>M</b>", "</textarea><b>M", "<!--M-->", "<![CDATA[M]]>",
          "<a href=\"javascript:M\">x</a>", "\" onmouseover=\"M", "' autofocus onfocus='M",
          "<iframe srcdoc=\"M\">", "<math><mi>M", "<style>M</style>", "</script><script>M", "<<script>M",
          "<scr<script>ipt>M", "&lt;M&gt;", "&#60;M", "<M", "M>", "<b>M", "data:text/html,<b>M</b>",
          "<img src=\"M\">", "<meta http-equiv=\"refresh\" content=\"0;url=M\">", "<base href=\"M\">",
          "<input value='M'>", "<body onload=M>", "<details open ontoggle=M>", "<x M>",
          "\"/><M", "'/><M", "</p></main><M>", "<form action=M><button>", "<template><M>"]
CONTROL = ["M\t", "\tM", "M\n", "\nM", "M\r\n", "M\r\nSet-Cookie: x=M", "M\x00", "\x00M", "M\x00<b>",
           "M\x01\x02\x03", "M\x07\x08", "M\x0b\x0c", "M\x1b[31m", "M\x7f", "\x85M", "M\u00a0", "M\u2028\u2029",
           "M\ufeff", "\ufeffM", "M\u200b", "M\ufffe\uffff", "M ", " M", "M\r", "\r\nM", "M\x00\x00\x00",
           "<M\x00>", "\"M\t\"", "'\nM'"]
SCRIPTS = ["\u0645\u0631\u062d\u0628\u0627M", "M\u0627\u0644\u0639\u0644\u0627\u0642\u0627\u062a", "\u4f60\u597dM",
           "\u5173\u7cfb\u95ee\u9898M", "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03acM", "M\u03c3\u03c7\u03ad\u03c3\u03b5\u03b9\u03c2",
           "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468M", "M\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001f642M\U0001f643",
           "\u202eMgnp.exe", "\u200fM\u200e", "\u202aM\u202c", "\u2066M\u2069", "\u05e2\u05d1\u05e8\u05d9\u05eaM",
           "\u041f\u0440\u0438\u0432\u0435\u0442M", "\u0939\u093f\u0928\u094d\u0926\u0940M", "\u65e5\u672c\u8a9eM",
           "\ud55c\uad6d\uc5b4M", "\u0e44\u0e17\u0e22M", "e\u0301M", "Z\u0334\u0321\u0322\u0348a\u0338\u035d\u031el\u0336g\u0335oM",
           "\u0130stanbulM", "Stra\u00dfeM", "\ufb01M", "\u216bM", "\uff1cscript\uff1eM", "\U0001f600M",
           "\U0001d573\U0001d58a\U0001d591\U0001d591\U0001d594M", "Cymraeg \u0175\u0177M", "G\u00e0idhligM", "Krak\u00f3wM",
           "S\u00e3o PauloM", "\u00dcn\u00efc\u00f6d\u00e9M", "Birmingham \u0645\u0631\u062d\u0628\u0627 \u4f60\u597d \u0395\u03bb\u03bb\u03ac\u03b4\u03b1 \U0001f642 M",
           "\u202e<M>\u202c", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 '\u4e2d\u6587' M", "\u03a9\u2248\u00e7\u221a\u222bM"]
PATHS = ["../../etc/passwdM", "..\\..\\M", "/M", "//evil.example/M", "https://evil.example/M", "\\\\evil\\M",
         "./M", "M/..", "M;jsessionid=1", "M?x=1", "M#frag", "M&page=2", "M=1", "M[]", "M[0]=x",
         "file:///etc/passwdM", ".M", "~M", "M/", "M//", "M/./", "@evil.example/M", "javascript:alert(M)"]
FORMATS = ["%s%s%sM", "%nM", "%@M", "%dM", "%x%xM", "\\u0000M", "\\x00M", "\\nM", "%1$sM", "M%"]
STRUCTURED = ["{\"M\":1}", "[\"M\"]", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;M</x>",
              "nullM", "__proto__M", "constructorM", "M[__proto__]", "{\"$gt\":\"M\"}"]


def placeholders(templates: list[str]) -> list[str]:
    return [re.sub(r"(?<![A-Z])M(?![A-Z])", M, t) for t in templates]


BASES = placeholders(QUOTES + SQL + TEMPLATES + MARKUP + CONTROL + SCRIPTS + PATHS + FORMATS + STRUCTURED)

# Sent as is: percent-escapes the server must decode (or refuse) itself.
RAW = ["%", "%zz", "%E2%82", "M%", "M%zz", "M%E2%82", "%E2%82M", "%%", "%0", "%G0", "%u003cM", "%C0%AFM",
       "%C0%BCM", "%ED%A0%80M", "%FFM", "%FE%FFM", "%F4%90%80%80M", "%00", "M%00", "%00M", "%0AM", "%0D%0AM",
       "%09M", "%2525M", "%253CM", "%3CM%3E", "%22M%22", "%27M%27", "M%2F..%2F", "..%2F..%2Fetc%2FpasswdM",
       "%C3%28M", "%80M", "%E2%28%A1M", "+M+", "M+%2B+", "M%3Cb%3E", "%E2%80%AEM", "%F0%9F%98M", "M%E2%82%",
       "M%%zz%", "%5C%27M", "M%3Cscript%3E%00"]
RAW = placeholders(RAW)
RAW_ALONE = ["%", "%zz", "%E2%82", "%00", "%0", "%%", "%ED%A0%80", "%FF", "%C0%AF", "%0D%0A"]

# Numbers out of range and other values a parser of integers and flags meets.
NUMBERS = ["-1", "0", "1e309", "-1e309", "9223372036854775808", "9223372036854775807", "-9223372036854775808",
           "-9223372036854775809", "18446744073709551616", "NaN", "nan", "Infinity", "-Infinity", "inf",
           "1e-309", "4.9e-324", "0.5", "1.0", "-0", "+1", "00001", "0x10", "1_000", "1,000", "1e3",
           "\u0661\u0662\u0663", "\uff11\uff12\uff13", "99999999999999999999999999999999", "10001", "101", "1001",
           "2147483648", "-2147483649", "4294967296", "1 ", " 1", "1;", "true", "false", "yes", "TRUE", "on", "1",
           "null", "None", "undefined", "[]", "{}", "1e308", "2^63", "0.0000001", "-0.0", "1e+2", "\u00bd",
           "", " ", "\t\n\r"]


def long(unit: str, length: int, marker: str | None = None, raw: bool = False) -> Value:
    text = (unit * (length // len(unit) + 1))[:length]
    label = f"({unit!r} * {length // len(unit) + 1})[:{length}]"
    return Value(urllib.parse.unquote(text) if raw else text, raw=text if raw else None, label=label, marker=marker)


def marked(template: str, marker: str) -> str:
    return template.replace(M, marker) if M in template else template + marker


def hostile_values() -> list[Value]:
    """Over a thousand distinct values; each one that can carry a marker carries its own."""
    values: list[Value] = []
    serial = iter(range(10_000))

    def marker() -> str:
        return f"qz7{next(serial):04d}k"

    def add(template: str, raw: bool = False) -> None:
        m = marker()
        text = marked(template, m)
        if raw:
            values.append(Value(urllib.parse.unquote(text), raw=text, marker=m))
        else:
            values.append(Value(text, marker=m))

    for index, base in enumerate(BASES):   # each alone, after and before plausible text, and upper case or padded
        base = base if M in base else base + M
        for variant in (base, "Birmingham " + base, base + " relationships",
                        base.upper() if index % 2 else "  " + base + base + "  "):
            add(variant)
    for base in RAW:
        base = base if M in base else base + M
        for variant in (base, "Birmingham+" + base, base + "relationships"):
            add(variant, raw=True)
    values += [Value(urllib.parse.unquote(raw), raw=raw) for raw in RAW_ALONE]
    values += [Value(text) for text in RAW_ALONE + ["\x00", "\t", "\n"]]   # the same, percent-encoded
    values += [Value(number) for number in NUMBERS]
    for length in (5_000, 100_000):
        m = marker()
        values += [long("a", length), long("9", length), long("<" + m + "\"'", length, marker=m),
                   long("%zz", length, raw=True)]
        if length == 5_000:
            values += [long("\u4f60", length), long("\U0001f642", length), long("#(x)", length)]
    unique = {(v.text, v.raw): v for v in values}
    return list(unique.values())


def probes(value: Value) -> list[str]:
    """Substrings whose appearance in an HTML answer means the value came back unescaped. Each
    holds the marker and one of <, " or ' with the value's own characters on both sides, so markup
    of the page around an escaped or stripped value can never complete one."""
    if not value.marker or not any(c in value.text for c in SPECIAL):
        return []
    text, m = value.text, value.marker
    candidates = [text, text.strip()]
    i = text.find(m)
    if i >= 0:
        lefts = [text.rfind(c, 0, i) for c in SPECIAL]
        rights = [j for j in (text.find(c, i + len(m)) for c in SPECIAL) if j >= 0]
        start = max(0, max(lefts) - 1) if max(lefts) >= 0 else i
        end = min(rights) + 2 if rights else i + len(m)
        candidates.append(text[start:end])

    def interior(probe: str) -> bool:
        return m in probe and any(c in SPECIAL for c in probe[1:-1])

    return list(dict.fromkeys(p for p in candidates if interior(p)))


# --------------------------------------------------------------- targets ----

@dataclass(frozen=True)
class Target:
    method: str
    path: str                       # "{}" marks where a path value goes
    param: str | None = None        # query parameter or form field taking the value
    fields: tuple = ()              # a form's other fields, sensible values
    token: bool = False             # a form sent with its valid token
    whole_query: bool = False       # the value is the whole query string
    every: int = 1                  # takes every n-th value only (inputs beyond the parameters a page reads)

    def describe(self) -> str:
        if self.method == "POST":
            where = (f"fields {self.param} at once" if "," in self.param else f"field {self.param}") if self.param else "path"
            return f"POST {self.path} {where} ({'with' if self.token else 'without'} form token)"
        if self.whole_query:
            return f"GET {self.path}?{{value}}"
        return f"GET {self.path}" + (f"?{self.param}={{value}}" if self.param else "")


@dataclass
class Site:
    base: str
    slug: str
    token: str
    cookie: str
    spec: dict


QUERY_STRING_SAMPLE = 4           # a page that reads no parameter gets every 4th value as its query string
API_ONLY = {"kind", "per_page"}   # search parameters the pages do not take (SearchParameter.apiOnly)
STATIC_PAGES = ["/", "/urgent-help", "/privacy", "/need-help-with", "/approaches", "/therapists", "/coaches",
                "/find", "/login", "/register", "/register/check-email", "/forgot-password", "/join",
                "/therapist-benefits", "/healthz", "/healthz/ready", "/which-approach", "/which-approach/how-it-works"]
PAGE_PARAMETERS = {"/login": ["next"], "/register": ["next"], "/reset-password": ["token"],
                   "/account/confirm-email": ["token", "next"], "/account/confirm-new-email": ["token"],
                   "/get-in-touch": ["to"], "/practitioners/{slug}/get-in-touch": ["topic", "format"]}
SLUG_PAGES = ["/need-help-with/{}", "/approaches/{}", "/practitioners/{}", "/practitioners/{}/get-in-touch",
              "/practitioners/{}/report", "/enquiries/{}", "/{}"]
FORMS = {   # public forms (no sign-in needed) and their fields with sensible values
    "/login": {"email": "nobody@rapport.test", "password": PASSWORD, "next": "/account"},
    "/login/code": {"code": "123456"},
    "/logout": {},
    "/register": {"email": "sweep@rapport.test", "password": PASSWORD, "next": "/shortlist"},
    "/forgot-password": {"email": "nobody@rapport.test"},
    "/reset-password": {"token": "not-a-token", "password": PASSWORD},
    "/join": {"kind": "therapist"},
    "/practitioners/{slug}/report": {"reason": "other", "details": "Sweep."},
    # One fixed idempotency key: after the first send every post answers with that enquiry.
    "/practitioners/{slug}/get-in-touch": {"intent": "send", "name": "Sweep", "email": "sweep@rapport.test",
                                           "message": "Hello from the sweep.", "consent": "yes", "topics[]": "anxiety",
                                           "format": "online", "kind": "question", "times": "", "phone": "",
                                           "contact_preference": "email", "idempotency_key": "hostile-sweep",
                                           "website": "", "draft": ""},
    # The guide reads every answer and echoes each back (the result, or the questions again).
    "/which-approach": {"happening": "We argue.", "who": "partner", "change[]": "arguments", "focus": "present",
                        "together": "just_me", "help": "therapy", "format": "online", "place": "Leeds",
                        "max_fee": "80", "gender": "", "language": "Welsh", "draft": "", "step": ""},
}


def api_targets(spec: dict) -> list[Target]:
    targets = []
    for path, item in spec["paths"].items():
        operation = item.get("get")
        if not operation:
            continue
        parameters = operation.get("parameters", [])
        queries = [p["name"] for p in parameters if p["in"] == "query"]
        if "{" in path:
            targets.append(Target("GET", re.sub(r"\{[^}]+\}", "{}", path)))
        targets += [Target("GET", path, q) for q in queries]
        if not queries and "{" not in path:
            targets.append(Target("GET", path, whole_query=True, every=QUERY_STRING_SAMPLE))
    return targets


def all_targets(site: Site) -> list[Target]:
    search = [p["name"] for p in site.spec["paths"]["/api/v1/practitioners"]["get"]["parameters"]
              if p["name"] not in API_ONLY]
    targets = api_targets(site.spec)
    targets += [Target("GET", page, name) for page in ("/therapists", "/coaches", "/find") for name in search]
    targets += [Target("GET", page.replace("{slug}", site.slug), name) for page, names in PAGE_PARAMETERS.items() for name in names]
    targets += [Target("GET", page, whole_query=True, every=QUERY_STRING_SAMPLE) for page in STATIC_PAGES]
    targets += [Target("GET", page) for page in SLUG_PAGES]
    for path, fields in FORMS.items():
        path = path.replace("{slug}", site.slug)
        # With the token, one field at a time; without it the form is refused before its fields are
        # read one by one, so the value goes into every field at once, the token's included.
        targets += [Target("POST", path, name, tuple((k, v) for k, v in fields.items() if k != name), token=True)
                    for name in fields]
        targets.append(Target("POST", path, ",".join(list(fields) + ["csrf_token"])))
    for token in (False, True):   # the form's path segment
        targets.append(Target("POST", "/practitioners/{}/report", None, (("reason", "other"),), token=token))
    return targets


# -------------------------------------------------------------- requests ----

@dataclass
class Request:
    target: Target
    value: Value
    method: str
    url: str                        # path and query
    body: bytes | None = None
    headers: dict = field(default_factory=dict)


def build(site: Site, target: Target, value: Value) -> Request:
    wire = value.wire
    path = target.path.replace("{}", wire) if "{}" in target.path else target.path
    headers = {"Accept": "text/html,application/json;q=0.9", "User-Agent": "rapport-hostile-sweep"}
    if target.method == "GET":
        if target.whole_query:
            path += "?" + wire
        elif target.param:
            path += f"?{target.param}={wire}"
        return Request(target, value, "GET", path, headers=headers)
    parts = [f"{k}={urllib.parse.quote(v, safe='')}" for k, v in target.fields]
    if target.param:
        parts += [f"{name}={wire}" for name in target.param.split(",")]
    if target.token:
        parts.append("csrf_token=" + urllib.parse.quote(site.token, safe=""))
    headers.update({"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin",
                    "Cookie": site.cookie, "Origin": site.base})
    return Request(target, value, "POST", path, "&".join(parts).encode(), headers)


@dataclass
class Outcome:
    request: Request | None         # kept for failures only
    status: int | None              # None: no HTTP answer
    problem: str | None             # why it failed, or None
    detail: str = ""
    seconds: float = 0.0
    target: Target | None = None


class Client:
    """One keep-alive connection per thread. http.client sends the path exactly as given, so broken
    percent-escapes reach the server unchanged (requests and urllib3 would repair them)."""

    def __init__(self, base: str, timeout: float):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = parts.hostname, parts.port or 80, timeout
        self.local = threading.local()

    def connection(self, fresh: bool = False) -> http.client.HTTPConnection:
        if fresh or getattr(self.local, "connection", None) is None:
            if getattr(self.local, "connection", None) is not None:
                self.local.connection.close()
            self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.local.connection

    def send(self, request: Request) -> tuple[int, str, str]:
        for attempt in (1, 2):   # a kept-alive connection the server closed meanwhile gets one retry
            connection = self.connection(fresh=attempt == 2)
            try:
                connection.request(request.method, request.url, body=request.body, headers=request.headers)
                response = connection.getresponse()
                body = response.read()
                if response.will_close:
                    connection.close()
                    self.local.connection = None
                return response.status, response.getheader("Content-Type", ""), body.decode("utf-8", "replace")
            except (http.client.HTTPException, OSError):
                connection.close()
                self.local.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def check(client: Client, site: Site, target: Target, value: Value) -> Outcome:
    started = time.monotonic()
    outcome = judge(client, build(site, target, value))
    outcome.seconds = time.monotonic() - started
    outcome.target = target
    if not outcome.problem:
        outcome.request = None   # what passed need not be kept (some requests are 300 kB)
    return outcome


def judge(client: Client, request: Request) -> Outcome:
    try:
        status, content_type, body = client.send(request)
    except (http.client.HTTPException, OSError) as error:
        if len(request.url.encode()) > HTTP_HEAD_LIMIT:
            return Outcome(request, None, None, "refused by the HTTP server: request head over 80 KiB")
        return Outcome(request, None, "no answer", f"{type(error).__name__}: {error}")
    if status >= 500:
        title = re.search(r"<title>(.*?)</title>", body, re.S)
        return Outcome(request, status, f"{status} answer", title.group(1) if title else body[:200].replace("\n", " "))
    if content_type.startswith("text/html"):
        for probe in probes(request.value):
            at = body.find(probe)
            if at >= 0:
                context = body[max(0, at - 60): at + len(probe) + 60]
                return Outcome(request, status, "echoed unescaped", repr(context if len(context) < 400 else probe[:200]))
    return Outcome(request, status, None)


# ---------------------------------------------------------------- report ----

def reproduction(outcome: Outcome, base: str) -> str:
    request = outcome.request
    line = f"{request.method} {base}{request.url}"
    body = (request.body or b"").decode("utf-8", "replace")
    if len(line) > LONG_DISPLAY or len(body) > LONG_DISPLAY:
        wire = request.value.wire
        line = f"{request.method} {base}{request.url.replace(wire, '{V}')}"
        body = body.replace(wire, "{V}")
        line += f"  where V = {request.value.label or repr(wire[:80]) + '...'}"
        line += " (sent as is)" if request.value.raw is not None else " (percent-encoded)"
    if request.method == "POST":
        line += f"\n      body: {body}"
        line += f"\n      headers: Cookie: {request.headers['Cookie']}; Sec-Fetch-Site: same-origin"
    return line


def status_class(status: int | None) -> str:
    if status is None:
        return "no answer"
    return "429" if status == 429 else f"{status // 100}xx"


def report(outcomes: list[Outcome], base: str, seconds: float, value_count: int, target_count: int) -> int:
    failures = [o for o in outcomes if o.problem]
    classes = Counter(status_class(o.status) for o in outcomes)
    groups: dict[tuple, list[Outcome]] = defaultdict(list)
    for failure in failures:
        groups[(failure.problem, failure.target.describe())].append(failure)
    for (problem, target), members in sorted(groups.items()):
        print(f"\nFAIL {problem}: {target}: {len(members)} of the values")
        for outcome in members:
            status = outcome.status if outcome.status is not None else "-"
            print(f"  [{status}] {reproduction(outcome, base)}")
            if outcome.detail:
                print(f"      answer: {outcome.detail[:300]}")
    print(f"\nhostile-input sweep: {len(outcomes)} requests ({value_count} values, {target_count} inputs) "
          f"in {seconds:.1f} s ({len(outcomes) / max(seconds, 0.001):.0f}/s)")
    print("  by status: " + ", ".join(f"{k} {v}" for k, v in sorted(classes.items())))
    if groups:
        print(f"  {len(failures)} failures in {len(groups)} groups:")
        for (problem, target), members in sorted(groups.items()):
            print(f"    {len(members):6d}  {problem}: {target}")
    busiest = Counter()
    for outcome in outcomes:
        busiest[outcome.target.describe()] += outcome.seconds
    print("  slowest inputs (seconds of answers, summed): " + ", ".join(
        f"{target} {total:.0f}" for target, total in busiest.most_common(5)))
    print(f"{len(outcomes) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


# ------------------------------------------------------------------ main ----

def discover(base: str) -> Site:
    """The API description, a listed practitioner's slug, and a form token with its cookie."""
    spec = requests.get(f"{base}/api/openapi.json", timeout=30).json()
    slug = requests.get(f"{base}/api/v1/practitioners?per_page=1", timeout=30).json()["results"][0]["slug"]
    session = requests.Session()
    page = session.get(f"{base}/login", timeout=30)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if page.status_code != 200 or not found or not session.cookies:
        raise RuntimeError(f"GET /login gave no form token and cookie (status {page.status_code})")
    cookie = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    return Site(base, slug, html.unescape(found.group(1)), cookie, spec)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8080")
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for one answer")
    parser.add_argument("--only", default="", help="only inputs whose description contains this")
    parser.add_argument("--values", type=int, default=0, help="use only the first N values (a quick try)")
    parser.add_argument("--seed", type=int, default=1, help="the order requests are sent in")
    arguments = parser.parse_args()
    base = arguments.base_url.rstrip("/")
    try:
        site = discover(base)
    except (requests.RequestException, RuntimeError, KeyError, IndexError, ValueError) as error:
        print(f"hostile-input sweep could not start: {error}", file=sys.stderr)
        return 2
    values = hostile_values()
    if arguments.values:
        values = values[:arguments.values]
    targets = [t for t in all_targets(site) if arguments.only in t.describe()]
    work = [(target, value) for target in targets for value in values[::target.every]]
    random.Random(arguments.seed).shuffle(work)   # spreads each page's load over the whole run
    print(f"hostile-input sweep: {len(values)} values, {len(targets)} inputs, {len(work)} requests, "
          f"{arguments.workers} threads, against {base}", flush=True)
    client = Client(base, arguments.timeout)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(arguments.workers) as pool:
        outcomes = list(pool.map(lambda job: check(client, site, *job), work, chunksize=64))
    return report(outcomes, base, time.monotonic() - started, len(values), len(targets))


if __name__ == "__main__":
    sys.exit(main())
