#!/usr/bin/env python3
"""Benchmark Rapport's search: latency per query shape, throughput under wrk, memory.

Seeds a database with demo practitioners, starts `rapport serve` on a free 127.0.0.1 port,
measures p50/p99 latency of realistic searches over one keep-alive connection, asks
`rapport search-timing` for the time of each search without HTTP, runs wrk with a mix of directory
URLs, reads the server's memory from /proc, and prints Markdown tables. See bench/README.md.

Python 3 standard library only, plus `wrk` (apt-get install wrk) for the throughput part.
Every request loop is bounded, and every request goes to 127.0.0.1.
"""

import argparse
import csv
import http.client
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PLACES_TSV = REPO_ROOT / "Resources" / "Places" / "uk-places.tsv"
WRK_SCRIPT = REPO_ROOT / "bench" / "wrk-mixed-queries.lua"

TARGET_P50_MS = 5.0
TARGET_P99_MS = 25.0
TARGET_RPS = 1000.0
TARGET_MEMORY_MIB = 200.0

# Used when /api/v1/topics is missing, and always for the wrk script (so the committed file
# does not depend on what the server happened to answer).
FALLBACK_TOPICS = [
    "interpersonal-relationships", "relationship-problems", "family-issues", "anxiety", "depression",
    "loneliness", "anger-management", "self-esteem", "stress", "bereavement", "social-anxiety",
    "trauma", "work-related-stress",
]
FALLBACK_APPROACHES = [
    "interpersonal-therapy", "relational-therapy", "cbt", "person-centred", "psychodynamic",
    "integrative", "systemic-and-family", "emotionally-focused", "couples-counselling",
]
WORDS = [
    "relationship", "anxious partner", "arguments with my partner", "family", "grief", "work stress",
    "couples", "confidence", "lonely", "divorce", "trust", "anger", "my mum", "breakup",
    "people pleasing", "jealousy",
]
WELSH_PLACES = ["Cardiff", "Swansea", "Newport, Wales", "Wrexham", "Bangor, Gwynedd", "Aberystwyth"]

SERVER_START_TIMEOUT_S = 300    # a debug build migrating a fresh database is slow
SEED_TIMEOUT_S = 3600
SEARCH_TIMING_TIMEOUT_S = 300
REQUEST_TIMEOUT_S = 30
WARMUP_PER_SHAPE = 20


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ inputs ----

def largest_places(limit=60):
    """The `label`s of the `limit` most populous places in the gazetteer (ties by label)."""
    with PLACES_TSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    rows.sort(key=lambda row: (-int(row["population"] or 0), row["label"]))
    return [row["label"] for row in rows[:limit]]


def url(path, **params):
    """path?params, dropping None values; booleans become 'true'."""
    pairs = [(key, "true" if value is True else str(value)) for key, value in params.items()
             if value is not None and value is not False]
    return path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")


def query_string(path):
    return urllib.parse.urlsplit(path).query


def query_shapes(topics, approaches, places):
    """(name, kind for search-timing, variant(i) -> path). Variants rotate towns, topics, words,
    sorts and pages so that no single URL dominates a shape."""
    api = "/api/v1/practitioners"

    def pick(items, i, stride=1):
        return items[(i * stride) % len(items)]

    return [
        ("topic + near + radius", None, lambda i: url(
            api, topic=pick(topics, i), near=pick(places, i, 7), radius_miles=pick([5, 10, 25], i))),
        ("words only (q)", None, lambda i: url(api, q=pick(WORDS, i), page=1 + (i // len(WORDS)) % 3)),
        ("online only", None, lambda i: url(api, format="online", page=1 + i % 15)),
        ("near only", None, lambda i: url(api, near=pick(places, i))),
        ("near + sort=nearest", None, lambda i: url(api, near=pick(places, i, 11), sort="nearest")),
        ("topic + sort=fee", None, lambda i: url(api, topic=pick(topics, i), sort="fee", page=1 + i % 3)),
        ("near + sort=recently_confirmed", None, lambda i: url(
            api, near=pick(places, i, 13), sort="recently_confirmed")),
        ("every filter at once", None, lambda i: url(
            api, q=pick(WORDS, i), topic=pick(topics, i, 3), approach=pick(approaches, i),
            format=pick(["in_person", "online", "phone"], i), near=pick(places, i, 5), radius_miles=25,
            max_fee=pick([60, 80, 100, 120], i), concessions=True, free_first=True, language="English",
            gender=pick(["female", "male", "non-binary"], i),
            works_with=pick(["individuals", "couples", "families", "young_people"], i),
            accepting="yes",   # sort=nearest is only for in-person searches (400 otherwise)
            sort="nearest" if i % 3 == 0 else pick(["best", "fee", "recently_confirmed"], i // 3))),
        ("deep page (page=50+)", None, lambda i: url(
            api, accepting="any", sort=pick(["best", "fee", "recently_confirmed"], i), page=50 + i % 10)),
        ("coach + topic", None, lambda i: url(api, kind="coach", topic=pick(topics, i))),
        ("language=Welsh", None, lambda i: url(
            api, language="Welsh", near=pick(WELSH_PLACES + [None], i),
            radius_miles=25 if i % 7 < len(WELSH_PLACES) else None, page=1 + (i // 7) % 2)),
        ("accepting=any + max_fee", None, lambda i: url(api, accepting="any", max_fee=40 + 5 * (i % 17))),
        ("places autocomplete", "skip", lambda i: url(
            "/api/v1/places", prefix=pick(places, i)[: 2 + i % 3])),
        ("HTML /therapists topic + near", "therapist", lambda i: url(
            "/therapists", topic=pick(topics, i), near=pick(places, i, 7))),
    ]


def wrk_paths(places):
    """≥ 200 deterministic directory URLs: 13 topics × 24 places, 3 in 4 for therapists."""
    paths = []
    for t, topic in enumerate(FALLBACK_TOPICS):
        for p, place in enumerate(places[:24]):
            kind = "/coaches" if (t + p) % 4 == 3 else "/therapists"
            paths.append(url(kind, topic=topic, near=place))
    return paths


def write_wrk_script(paths):
    lines = [
        "-- Generated by bench/search-benchmark.py (deterministic: the same gazetteer gives the",
        "-- same file). Do not edit by hand: change wrk_paths() in the script instead.",
        f"-- {len(paths)} directory searches: /therapists and /coaches, topic x place.",
        "local paths = {",
    ]
    lines += [f'  "{path}",' for path in paths]
    lines += [
        "}",
        "",
        "-- Each wrk thread starts at a different point of the list.",
        "local threads = 0",
        "function setup(thread)",
        "  thread:set(\"offset\", threads * 97)",
        "  threads = threads + 1",
        "end",
        "",
        "local i = 0",
        "function init(args)",
        "  i = offset or 0",
        "end",
        "",
        "function request()",
        "  i = i % #paths + 1",
        "  return wrk.format(\"GET\", paths[i])",
        "end",
        "",
    ]
    text = "\n".join(lines)
    if not WRK_SCRIPT.exists() or WRK_SCRIPT.read_text(encoding="utf-8") != text:
        WRK_SCRIPT.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------ server ----

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database_url):
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url, RAPPORT_DEMO="0", RAPPORT_AUTO_MIGRATE="1", LOG_LEVEL="warning")
    return env


class Server:
    def __init__(self, binary, database_url, log_path):
        self.binary, self.database_url, self.log_path = binary, database_url, log_path
        self.process = None
        self.port = None
        Path(log_path).write_bytes(b"")   # one log per run; both starts of a database append to it

    def start(self):
        self.port = free_port()
        env = environment(self.database_url)
        env["RAPPORT_PUBLIC_URL"] = f"http://127.0.0.1:{self.port}"
        log_file = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [str(self.binary), "serve", "--env", "production", "--hostname", "127.0.0.1", "--port", str(self.port)],
            cwd=REPO_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)   # Ctrl-C reaches us; we stop it in `finally`
        log_file.close()
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}) before /healthz answered:\n"
                                   + self.log_tail())
            try:
                status, _ = http_get(self.port, "/healthz", timeout=2)
                if status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"/healthz did not answer 200 within {SERVER_START_TIMEOUT_S} s:\n" + self.log_tail())

    def stop(self):
        """SIGTERM, then SIGKILL after 15 s. Returns how it ended: 'clean' or what went wrong."""
        if self.process is None:
            return "not running"
        process, self.process = self.process, None
        outcome = "clean"
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
                outcome = "did not stop within 15 s of SIGTERM: killed"
        if outcome == "clean" and process.returncode not in (0, -signal.SIGTERM):
            outcome = f"exited with status {process.returncode}"
        if outcome == "clean" and re.search(r"Fatal error|Program crashed", self.log_tail(400)):
            outcome = "crashed while stopping"
        # A crashing Swift program leaves a swift-backtrace helper in its process group that
        # can hold database connections for minutes: end whatever is left of our own group.
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        return outcome

    def drain(self, limit_s=120):
        """Wait (bounded) until the server is idle: requests wrk left queued when it stopped are
        still being worked on after wrk has gone. Idle = /healthz answers and the process used
        under 5% of a core over one second."""
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline and self.process and self.process.poll() is None:
            try:
                before = self.cpu_ticks()
                time.sleep(1)
                if self.cpu_ticks() - before < os.sysconf("SC_CLK_TCK") // 20 \
                        and http_get(self.port, "/healthz", timeout=10)[0] == 200:
                    return True
            except (OSError, http.client.HTTPException):
                pass
        return False

    def cpu_ticks(self):
        """User + system CPU time the server has used, in clock ticks."""
        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])   # utime, stime (fields 14 and 15 of stat)

    def memory_mib(self):
        """(peak VmHWM, current VmRSS) in MiB, from /proc/PID/status."""
        values = {}
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    values[key] = int(rest.split()[0]) / 1024   # kB -> MiB
        return values.get("VmHWM"), values.get("VmRSS")

    def log_tail(self, lines=30):
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"


def http_get(port, path, timeout=REQUEST_TIMEOUT_S):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def get_json(port, path):
    try:
        status, body = http_get(port, path)
        return json.loads(body) if status == 200 else None
    except (OSError, http.client.HTTPException, ValueError):
        return None


def listed_total(port):
    """How many practitioners the server lists: the JSON API, else the /find page's count."""
    data = get_json(port, "/api/v1/practitioners?accepting=any&per_page=1")
    if isinstance(data, dict) and isinstance(data.get("total"), int):
        return data["total"]
    try:
        status, body = http_get(port, "/find")
    except (OSError, http.client.HTTPException):
        return None
    return result_count(body) if status == 200 else None


def result_count(html):
    match = re.search(rb'class="result-count"[^>]*>\s*([\d,]+)', html)
    return int(match.group(1).replace(b",", b"")) if match else None


def fetch_topics(port):
    data = get_json(port, "/api/v1/topics")
    slugs = [item.get("slug") for item in data if isinstance(item, dict)] if isinstance(data, list) else []
    slugs = [slug for slug in slugs if isinstance(slug, str) and slug]
    return (slugs, "/api/v1/topics") if slugs else (FALLBACK_TOPICS, "fallback list")


def fetch_approaches(port):
    """Approach slugs: /api/v1/approaches, else the links on /approaches, else a fixed list."""
    data = get_json(port, "/api/v1/approaches")
    if isinstance(data, list):
        slugs = [item.get("slug") for item in data if isinstance(item, dict) and isinstance(item.get("slug"), str)]
        if slugs:
            return slugs
    try:
        status, body = http_get(port, "/approaches")
    except (OSError, http.client.HTTPException):
        status, body = 0, b""
    slugs = sorted(set(re.findall(rb'href="/approaches/([a-z0-9-]+)"', body))) if status == 200 else []
    return [slug.decode() for slug in slugs] or FALLBACK_APPROACHES


# ---------------------------------------------------------------- measuring ----

def cpu_times():
    """The machine's CPU time counters (/proc/stat's "cpu" line), or None off Linux."""
    try:
        with open("/proc/stat") as stat:
            fields = stat.readline().split()
        return [int(value) for value in fields[1:]] if fields and fields[0] == "cpu" else None
    except (OSError, ValueError):
        return None


def steal_share(before, after):
    """Of all CPU time between two `cpu_times()`, the share the hypervisor gave to other
    machines (steal). On a shared virtual machine this varies from minute to minute and slows
    everything measured, so the summary prints it beside each database's figures."""
    if not before or not after or len(before) < 8 or len(after) < 8:
        return None
    total = sum(after[:8]) - sum(before[:8])
    return (after[7] - before[7]) / total if total > 0 else None


def percentile(sorted_values, p):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def measure_shape(port, variant, requests):
    """Latency of `requests` GETs over one keep-alive connection, after warm-up requests."""
    connection = None
    timings, errors, totals = [], {}, []
    for i in range(WARMUP_PER_SHAPE + requests):
        measured = i >= WARMUP_PER_SHAPE
        path = variant(i + 1000 if not measured else i - WARMUP_PER_SHAPE)
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
        try:
            start = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            elapsed_ms = (time.perf_counter() - start) * 1000
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            connection = None
            if measured:
                key = type(error).__name__
                errors[key] = errors.get(key, 0) + 1
            continue
        if response.will_close:
            connection.close()
            connection = None
        if not measured:
            continue
        if 200 <= response.status < 300:
            timings.append(elapsed_ms)
            totals.append(total_in(body, response.getheader("Content-Type", "")))
        else:
            errors[str(response.status)] = errors.get(str(response.status), 0) + 1
    if connection is not None:
        connection.close()
    timings.sort()
    known = sorted(total for total in totals if total is not None)
    return {
        "ok": len(timings),
        "errors": errors,
        "p50": percentile(timings, 50),
        "p99": percentile(timings, 99),
        "median_total": percentile(known, 50),
    }


def total_in(body, content_type):
    if "json" in content_type:
        try:
            data = json.loads(body)
        except ValueError:
            return None
        if isinstance(data, dict) and isinstance(data.get("total"), int):
            return data["total"]
        return len(data) if isinstance(data, list) else None
    return result_count(body)


def search_timing(binary, database_url, querystring, repeat=200):
    """(p50, p99, core p50, core p99) from `rapport search-timing`, or (None, reason): the search
    without HTTP or rendering (the catalogue version check, the in-memory search and making the
    page's summaries: the only SQL a search runs is the version check), and the in-memory
    search alone."""
    try:
        completed = subprocess.run(
            [str(binary), "search-timing", querystring, "--repeat", str(repeat)],
            cwd=REPO_ROOT, env=environment(database_url), capture_output=True, text=True,
            timeout=SEARCH_TIMING_TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    for line in reversed(completed.stdout.splitlines()):
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict) and "p50_ms" in data:
            return (data.get("p50_ms"), data.get("p99_ms"), data.get("core_p50_ms"), data.get("core_p99_ms")), None
    output = (completed.stderr + completed.stdout).strip().splitlines()
    if any("nknown command" in line for line in output):
        return None, "search-timing is not in this binary"
    return None, f"exit {completed.returncode}: {output[-1] if output else 'no output'}"


def run_wrk(port, seconds):
    if shutil.which("wrk") is None:
        return {"error": "wrk is not installed (apt-get install wrk)"}
    command = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", "-s", str(WRK_SCRIPT),
               f"http://127.0.0.1:{port}"]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60,
                                   stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return {"error": "wrk did not finish in time"}
    return parse_wrk(completed.stdout + completed.stderr)


def parse_wrk(text):
    def latency_ms(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.MULTILINE)
        if not match:
            return None
        return float(match.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[match.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    requests = re.search(r"(\d+) requests in", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket_errors = re.search(r"Socket errors:\s+(.*)", text)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", text)
    if not rps:
        return {"error": "could not read wrk's output: " + " | ".join(text.strip().splitlines()[-3:])}
    completed = int(requests.group(1)) if requests else 0
    timed_out = int(timeouts.group(1)) if timeouts else 0
    timed = completed > timed_out   # wrk records no latency for a request slower than its timeout
    return {
        "rps": float(rps.group(1)),
        "requests": completed,
        "p50": latency_ms("50") if timed else None,
        "p99": latency_ms("99") if timed else None,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "none",
        "timeouts": timed_out,
    }


# ------------------------------------------------------------------ report ----

def ms(value):
    return "n/a" if value is None else f"{value:.2f}" if value < 10 else f"{value:.1f}"


def against(value, target, unit=""):
    """The value with ✓ when it is at most the target, ✗ when over."""
    if value is None:
        return "n/a"
    return f"{ms(value)}{unit} {'✓' if value <= target else '✗'}"


def error_text(errors):
    return ", ".join(f"{key}×{count}" for key, count in sorted(errors.items())) or "0"


def shape_table(rows):
    lines = [
        f"| database | shape | p50 ms (≤ {TARGET_P50_MS:g}) | p99 ms (≤ {TARGET_P99_MS:g}) "
        "| no-HTTP p50 / p99 ms | in-memory p50 / p99 ms | ok | errors | median matches |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for row in rows:
        sql = row["sql"]
        lines.append(
            f"| {row['database']} | {row['shape']} | {against(row['p50'], TARGET_P50_MS)} "
            f"| {against(row['p99'], TARGET_P99_MS)} | {ms(sql[0]) + ' / ' + ms(sql[1]) if sql else 'n/a'} "
            f"| {ms(sql[2]) + ' / ' + ms(sql[3]) if sql and sql[2] is not None else 'n/a'} | {row['ok']} | {error_text(row['errors'])} "
            f"| {'n/a' if row['median_total'] is None else row['median_total']} |")
    return "\n".join(lines)


def wrk_line(database, result, seconds):
    if "error" in result:
        return f"- {database} wrk: n/a ({result['error']})"
    return (f"- {database} wrk (-t2 -c64 -d{seconds}s, {len(wrk_paths(largest_places()))} mixed HTML URLs): "
            f"{result['rps']:,.0f} req/s (target ≥ {TARGET_RPS:,.0f}: {'✓' if result['rps'] >= TARGET_RPS else '✗'}), "
            f"p50 {ms(result['p50'])} ms, p99 {ms(result['p99'])} ms, {result['requests'] or 0:,} requests, "
            f"non-2xx/3xx {result['non2xx']}, socket errors: {result['socket_errors']}"
            + (f" (the latencies leave out the {result['timeouts']:,} requests slower than wrk's 2 s timeout)"
               if result["timeouts"] else ""))


def memory_line(database, memory):
    if memory is None:
        return f"- {database} memory: n/a"
    peak, current = memory
    return (f"- {database} server memory after load: peak VmHWM {against(peak, TARGET_MEMORY_MIB, ' MiB')}, "
            f"current VmRSS {ms(current)} MiB (target ≤ {TARGET_MEMORY_MIB:g} MiB)")


# -------------------------------------------------------------------- main ----

def count_sqlite_demo(path):
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM practitioners WHERE is_demo").fetchone()[0]
    except sqlite3.Error:
        return None


def remove_sqlite(path):
    for suffix in ("", "-wal", "-shm", ".startup-lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def seed(binary, database_url, count):
    log(f"seeding {count:,} demo practitioners (seed 1)…")
    start = time.monotonic()
    completed = subprocess.run(
        [str(binary), "seed-demo", "--count", str(count), "--seed", "1"], cwd=REPO_ROOT,
        env=environment(database_url), capture_output=True, text=True, timeout=SEED_TIMEOUT_S,
        stdin=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    if completed.returncode != 0:
        raise RuntimeError(f"seed-demo failed ({completed.returncode}):\n{completed.stderr[-2000:]}")
    log(f"seeded in {seconds:.1f} s: {completed.stdout.strip()}")
    return seconds


def benchmark_database(name, database_url, args, workdir, places):
    """Seeds if needed, serves, measures. Returns (rows, wrk, memory, seed seconds, how it stopped, steal share)."""
    server = Server(args.binary, database_url, workdir / f"server-{name}.log")
    seeded_seconds = None
    try:
        if name == "sqlite":
            path = Path(database_url[len("sqlite://"):])
            existing = count_sqlite_demo(path) if path.exists() else None
            if args.reuse and existing is not None and existing >= args.count:
                log(f"reusing {path} ({existing:,} demo practitioners)")
            else:
                remove_sqlite(path)
                seeded_seconds = seed(args.binary, database_url, args.count)
            server.start()
        else:
            server.start()
            total = listed_total(server.port)
            # The API counts only listed practitioners (some demo ones are hidden for not
            # confirming their availability), so any seeded database is reused as it is.
            if args.reuse and total:
                log(f"reusing the PostgreSQL database ({total:,} listed practitioners)")
            elif total:
                raise RuntimeError(f"the PostgreSQL database already lists {total:,} practitioners: "
                                   "give an empty database, or --reuse with at least --count of them")
            else:
                server.stop()
                seeded_seconds = seed(args.binary, database_url, args.count)
                server.start()
        listed = listed_total(server.port)
        log(f"{name}: server pid {server.process.pid} on 127.0.0.1:{server.port}; it lists "
            f"{'an unknown number of' if listed is None else format(listed, ',')} practitioners")

        topics, source = fetch_topics(server.port)
        approaches = fetch_approaches(server.port)
        log(f"{len(topics)} topics (from {source}), {len(approaches)} approaches, {len(places)} places")

        rows = []
        cpu_before = cpu_times()
        for shape, timing_kind, variant in query_shapes(topics, approaches, places):
            result = measure_shape(server.port, variant, args.requests)
            sql, why = None, "not a search"
            if timing_kind != "skip":
                querystring = query_string(variant(0))
                if timing_kind:
                    querystring = f"kind={timing_kind}&" + querystring
                sql, why = search_timing(args.binary, database_url, querystring)
            log(f"{name} | {shape}: p50 {ms(result['p50'])} ms, p99 {ms(result['p99'])} ms, "
                f"ok {result['ok']}, errors {error_text(result['errors'])}, "
                f"without HTTP {'n/a (' + why + ')' if sql is None else ms(sql[0]) + ' / ' + ms(sql[1]) + ' ms'}")
            if result["median_total"] == 0:
                log(f"{name} | {shape}: most of these searches matched nobody, so they time an empty result")
            rows.append(dict(result, database=name, shape=shape, sql=sql))

        log(f"{name}: wrk for {args.wrk_seconds} s…")
        wrk = run_wrk(server.port, args.wrk_seconds)
        steal = steal_share(cpu_before, cpu_times())
        if server.process.poll() is not None:
            log(f"{name}: the server died under load:\n{server.log_tail()}")
            return rows, wrk, None, seeded_seconds, f"died under load (status {server.process.returncode})", steal
        if not server.drain():
            log(f"{name}: the server was still busy 120 s after wrk ended")
        memory = server.memory_mib()
        stopped = server.stop()
        if stopped != "clean":
            log(f"{name}: the server {stopped}; its log: {server.log_path}\n{server.log_tail()}")
        return rows, wrk, memory, seeded_seconds, stopped, steal
    finally:
        server.stop()


def stop_like_ctrl_c(signum, frame):
    """SIGTERM ends the run as Ctrl-C does, so every `finally` stops the server."""
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build-release/release/rapport",
                        help="the rapport executable, relative to the repository root (default %(default)s)")
    parser.add_argument("--count", type=int, default=100_000, help="demo practitioners to seed (default %(default)s)")
    parser.add_argument("--databases", default="sqlite,postgres",
                        help="comma-separated: sqlite, postgres (postgres only with a URL; default %(default)s)")
    parser.add_argument("--postgres-url", default=os.environ.get("RAPPORT_BENCH_POSTGRES_URL"),
                        help="an EMPTY PostgreSQL database (or env RAPPORT_BENCH_POSTGRES_URL)")
    parser.add_argument("--requests", type=int, default=300, help="measured requests per shape (default %(default)s)")
    parser.add_argument("--wrk-seconds", type=int, default=15, help="wrk duration (default %(default)s)")
    parser.add_argument("--workdir", help="where the SQLite file and server logs go (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep an already seeded database with at least --count practitioners")
    args = parser.parse_args()

    if not 1 <= args.requests <= 100_000 or not 1 <= args.wrk_seconds <= 600:
        parser.error("--requests must be 1..100000 and --wrk-seconds 1..600")
    args.binary = (REPO_ROOT / args.binary).resolve()
    if not os.access(args.binary, os.X_OK):
        parser.error(f"{args.binary} is not an executable: build it with "
                     "`swift build -c release --scratch-path .build-release` or pass --binary")
    databases = [name.strip() for name in args.databases.split(",") if name.strip()]
    unknown = set(databases) - {"sqlite", "postgres"}
    if unknown:
        parser.error(f"unknown database(s): {', '.join(sorted(unknown))}")

    temporary = None
    if args.workdir:
        workdir = Path(args.workdir).resolve()
    elif args.reuse:
        workdir = Path(tempfile.gettempdir()) / "rapport-bench"   # stable, so --reuse finds it again
    else:
        workdir = temporary = Path(tempfile.mkdtemp(prefix="rapport-bench."))
    workdir.mkdir(parents=True, exist_ok=True)

    signal.signal(signal.SIGTERM, stop_like_ctrl_c)

    places = largest_places(60)
    write_wrk_script(wrk_paths(places))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    print(f"# Rapport search benchmark\n\nbinary {args.binary} (commit {commit}"
          f"{', DEBUG build: not representative' if '/debug/' in str(args.binary) else ''}), "
          f"{args.count:,} demo practitioners, {args.requests} requests per shape on one keep-alive connection "
          f"after {WARMUP_PER_SHAPE} warm-up, {os.cpu_count()} CPU cores, workdir {workdir}\n", flush=True)

    all_rows, summary, failures = [], [], 0
    try:
        for name in databases:
            if name == "postgres" and not args.postgres_url:
                summary.append("- postgres: skipped (no --postgres-url or RAPPORT_BENCH_POSTGRES_URL)")
                continue
            database_url = (f"sqlite://{workdir / f'rapport-bench-{args.count}.sqlite'}" if name == "sqlite"
                            else args.postgres_url)
            try:
                rows, wrk, memory, seeded, stopped, steal = benchmark_database(name, database_url, args, workdir, places)
            except (RuntimeError, OSError, subprocess.SubprocessError) as error:
                failures += 1
                summary.append(f"- {name}: FAILED: {error}")
                log(f"{name}: FAILED: {error}")
                continue
            all_rows += rows
            print(f"## {name}\n\n{shape_table(rows)}\n", flush=True)
            summary.append(f"- {name} seeding: " + ("reused an existing database" if seeded is None
                                                     else f"{args.count:,} practitioners in {seeded:.1f} s"))
            summary += [wrk_line(name, wrk, args.wrk_seconds), memory_line(name, memory),
                        f"- {name} server stop (SIGTERM): {stopped}",
                        f"- {name} CPU time taken by the hypervisor for other machines (steal) while measuring: "
                        + ("n/a" if steal is None else f"{steal:.1%}")]
    except KeyboardInterrupt:
        log("interrupted: the server has been stopped")
        return 130
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)

    print("## Summary\n")
    if all_rows:
        print(shape_table(all_rows) + "\n")
    print("\n".join(summary))
    print(f"\nTargets: p50 ≤ {TARGET_P50_MS:g} ms, p99 ≤ {TARGET_P99_MS:g} ms, ≥ {TARGET_RPS:,.0f} req/s, "
          f"≤ {TARGET_MEMORY_MIB:g} MiB resident.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
