#!/usr/bin/env python3
"""Benchmark search while listings change: throughput and latency with and without edits, the
delay from commit to visibility, the cost of applying one change, and a second instance.

For each database: seeds (or reuses) N demo practitioners, starts `rapport serve` on a free
127.0.0.1 port and waits for /healthz/ready, asks `rapport apply-timing` what building the index
and applying one change cost, then runs wrk with the results-page mix twice: once with no edits,
once while a listed practitioner's headline is changed by plain SQL (as an operator would) at a
steady rate. Each edit writes a new made-up word; the delay is from the commit until a search for
that word finds it. On PostgreSQL, `--two-instances` starts a second server on the same database
and measures the delay there too. Prints Markdown tables. See bench/README.md.

Python 3's standard library, wrk, and psql for PostgreSQL. Every loop is bounded; every request
goes to 127.0.0.1.
"""

import argparse
import importlib.util
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("search_benchmark", HERE / "search-benchmark.py")
sb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sb)

REPO_ROOT = sb.REPO_ROOT
VISIBLE_WITHIN_S = 1.0
GIVE_UP_AFTER_S = 10.0
TARGET_THROUGHPUT_SHARE = 0.80
TARGET_P99_FACTOR = 1.5


def made_up_word(number):
    """A word no profile has: letters only (so it is one search word), unique per edit."""
    letters = ""
    number += 26 ** 3
    while number:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
    return "zyx" + letters


class Editor:
    """Changes one listed practitioner's headline by plain SQL, outside the app."""

    def __init__(self, database_url):
        self.database_url = database_url
        self.sqlite = None
        self.psql = None
        self.edits = 0
        if database_url.startswith("sqlite://"):
            self.sqlite = sqlite3.connect(database_url[len("sqlite://"):], timeout=30, isolation_level=None,
                                          check_same_thread=False)   # used by the editing thread
        else:
            # One psql session, as an operator's: starting a psql process per edit cost the
            # busy machine more CPU than the edit did.
            self.psql = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", database_url],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         text=True)

    def set_headline(self, slug, headline):
        """Returns once the change is committed."""
        if self.sqlite is not None:
            self.sqlite.execute("UPDATE practitioners SET headline = ? WHERE slug = ?", (headline, slug))
            return
        self.edits += 1
        escaped = headline.replace("'", "''")
        marker = f"committed {self.edits}"
        self.psql.stdin.write(f"UPDATE practitioners SET headline = '{escaped}' WHERE slug = '{slug}';\n"
                              f"\\echo {marker}\n")
        self.psql.stdin.flush()
        for _ in range(1000):   # psql echoes only the marker; bounded all the same
            line = self.psql.stdout.readline()
            if not line:
                raise RuntimeError("psql ended while editing")
            if line.strip() == marker:
                return
        raise RuntimeError("psql did not confirm the edit")

    def close(self):
        if self.sqlite is not None:
            self.sqlite.close()
        if self.psql is not None:
            self.psql.stdin.close()
            try:
                self.psql.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.psql.kill()


def listed_slugs(port, wanted=200):
    slugs = []
    for page in range(1, 20):
        answer = sb.get_json(port, f"/api/v1/practitioners?per_page=50&page={page}&accepting=any")
        if not answer or not answer.get("results"):
            break
        slugs += [result["slug"] for result in answer["results"]]
        if len(slugs) >= wanted:
            break
    return slugs


def seconds_until_found(ports, word, started):
    """Seconds from `started` until every port's search for `word` finds it (None: not in time)."""
    waiting = set(ports)
    seen = {}
    while waiting and time.monotonic() - started < GIVE_UP_AFTER_S:
        for port in list(waiting):
            answer = sb.get_json(port, f"/api/v1/practitioners?q={word}&accepting=any")
            if answer and answer.get("total", 0) >= 1:
                seen[port] = time.monotonic() - started
                waiting.discard(port)
        time.sleep(0.01)
    return {port: seen.get(port) for port in ports}


def edit_loop(editor, slugs, ports, per_second, stop, delays, counter):
    """Edits at `per_second` until `stop` is set; records each edit's delay on every port."""
    interval = 1.0 / per_second
    next_at = time.monotonic()
    while not stop.is_set():
        number = counter[0]
        counter[0] += 1
        word = made_up_word(number)
        editor.set_headline(slugs[number % len(slugs)], f"Talking things through, {word}")
        committed = time.monotonic()
        found = seconds_until_found(ports, word, committed)
        for port, delay in found.items():
            delays.setdefault(port, []).append(delay)
        next_at += interval
        stop.wait(max(0.0, next_at - time.monotonic()))


def apply_timing(binary, database_url, repeat):
    completed = subprocess.run(
        [str(binary), "apply-timing", "--repeat", str(repeat)], cwd=REPO_ROOT, env=sb.environment(database_url),
        capture_output=True, text=True, timeout=3600, stdin=subprocess.DEVNULL)
    if completed.returncode != 0:
        return {"error": completed.stderr.strip().splitlines()[-1:] or ["failed"]}
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {"error": "no JSON from apply-timing"}


def ready_seconds(server, limit_s=600):
    """Seconds from now until /healthz/ready answers 200 (the index is built)."""
    start = time.monotonic()
    while time.monotonic() - start < limit_s:
        try:
            if sb.http_get(server.port, "/healthz/ready", timeout=5)[0] == 200:
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("/healthz/ready did not answer 200 in time")


def delay_summary(values):
    seen = sorted(v for v in values if v is not None)
    missed = sum(1 for v in values if v is None)
    if not values:
        return "no edits", False
    within = missed == 0 and seen[-1] <= VISIBLE_WITHIN_S
    text = (f"{len(values)} edits: p50 {seen[len(seen) // 2] * 1000:.0f} ms, max {seen[-1] * 1000:.0f} ms"
            if seen else f"{len(values)} edits")
    if missed:
        text += f", {missed} not seen within {GIVE_UP_AFTER_S:g} s"
    return text + (" ✓" if within else " ✗"), within


def run_database(name, database_url, args, workdir):
    lines = []
    server = sb.Server(args.binary, database_url, workdir / f"edits-{name}.log")
    second = None
    editor = None
    try:
        if name == "sqlite":
            path = Path(database_url[len("sqlite://"):])
            existing = sb.count_sqlite_demo(path) if path.exists() else None
            if not (args.reuse and existing is not None and existing >= args.count):
                sb.remove_sqlite(path)
                sb.seed(args.binary, database_url, args.count)
        else:
            server.start()
            total = sb.listed_total(server.port)
            server.stop()
            if not (args.reuse and total):
                if total:
                    raise RuntimeError("the PostgreSQL database is not empty: give an empty one, or --reuse")
                sb.seed(args.binary, database_url, args.count)

        timing = apply_timing(args.binary, database_url, args.apply_repeat)
        lines.append(f"- {name} apply-timing (its own process): " + (
            f"error {timing['error']}" if "error" in timing else
            f"{timing['listings']:,} listed; index built in {timing['build_s']:.1f} s; one change applied in "
            f"p50 {timing['apply_p50_ms']:.2f} ms, p99 {timing['apply_p99_ms']:.2f} ms; RSS {timing['rss_mib']:.0f} MiB; "
            f"full builds {timing['full_builds']} for {timing['applies']} applies"))

        server.start()
        cold = ready_seconds(server)
        lines.append(f"- {name} server: /healthz/ready 200 {cold:.1f} s after /healthz")
        ports = [server.port]
        slugs = listed_slugs(server.port)
        if not slugs:
            raise RuntimeError("no listed practitioners to edit")
        editor = Editor(database_url)

        rows = []
        counter = [0]
        for label, edits in (("no edits", False), (f"{args.edits_per_second:g} edits/s by SQL", True)):
            stop, delays = threading.Event(), {}
            thread = None
            if edits:
                thread = threading.Thread(target=edit_loop, args=(editor, slugs, ports, args.edits_per_second, stop, delays, counter))
                thread.start()
            cpu_before = sb.cpu_times()
            result = sb.run_wrk(server.port, args.seconds) if args.seconds else {"error": "skipped (--seconds 0)"}
            result["steal"] = sb.steal_share(cpu_before, sb.cpu_times())
            if thread is not None and not args.seconds:
                time.sleep(10 / args.edits_per_second)
            stop.set()
            if thread is not None:
                thread.join(timeout=GIVE_UP_AFTER_S * 2)
            rows.append((label, result, delays))
            server.drain(limit_s=60)

        print(f"## {name}\n\n| run | pages/s | p50 ms | p99 ms | errors | steal |\n|---|---|---|---|---|---|")
        for label, result, _ in rows:
            steal = "n/a" if result.get("steal") is None else f"{result['steal']:.1%}"
            if "error" in result:
                print(f"| {label} | {result['error']} | | | | {steal} |")
            else:
                print(f"| {label} | {result['rps']:,.0f} | {sb.ms(result['p50'])} | {sb.ms(result['p99'])} | "
                      f"{result['non2xx']} non-2xx, sockets {result['socket_errors']} | {steal} |")
        print()
        calm, busy = rows[0][1], rows[1][1]
        if "error" not in calm and "error" not in busy:
            share = busy["rps"] / calm["rps"] if calm["rps"] else 0
            factor = (busy["p99"] / calm["p99"]) if calm.get("p99") and busy.get("p99") else None
            lines.append(f"- {name} throughput under edits: {share:.0%} of without "
                         f"{'✓' if share >= TARGET_THROUGHPUT_SHARE else '✗'} (target ≥ {TARGET_THROUGHPUT_SHARE:.0%})")
            if factor is not None:
                lines.append(f"- {name} p99 under edits: {factor:.2f}× without "
                             f"{'✓' if factor <= TARGET_P99_FACTOR else '✗'} (target ≤ {TARGET_P99_FACTOR:g}×)")
        delays = rows[1][2]
        text, all_seen = delay_summary(delays.get(server.port, []))
        lines.append(f"- {name} commit to visible, under wrk: {text} (target ≤ {VISIBLE_WITHIN_S:g} s)")

        # Benchmark 2: a second instance on the same database, started only now so that the
        # runs above measure one instance alone. Edits with no wrk; each is looked for on both.
        if args.two_instances and name == "postgres":
            second = sb.Server(args.binary, database_url, workdir / f"edits-{name}-b.log")
            second.start()
            ready_seconds(second)
            stop, delays = threading.Event(), {}
            thread = threading.Thread(target=edit_loop, args=(editor, slugs, [server.port, second.port], args.edits_per_second, stop, delays, counter))
            thread.start()
            time.sleep(10 / args.edits_per_second)
            stop.set()
            thread.join(timeout=GIVE_UP_AFTER_S * 2)
            for letter, port in (("A", server.port), ("B", second.port)):
                text, within = delay_summary(delays.get(port, []))
                all_seen = all_seen and within
                lines.append(f"- {name} two instances, commit to visible on {letter}: {text} (target ≤ {VISIBLE_WITHIN_S:g} s)")
        return lines, all_seen
    finally:
        if editor is not None:
            editor.close()
        if second is not None:
            second.stop()
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build-release/release/rapport")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres-url", default=os.environ.get("RAPPORT_BENCH_POSTGRES_URL"))
    parser.add_argument("--seconds", type=int, default=30, help="each wrk run (0: no wrk, edits only)")
    parser.add_argument("--edits-per-second", type=float, default=2.0)
    parser.add_argument("--apply-repeat", type=int, default=50)
    parser.add_argument("--two-instances", action="store_true", help="PostgreSQL: a second server on the same database")
    parser.add_argument("--workdir")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--check", action="store_true",
                        help="exit non-zero unless every edit was seen (generous: within 10 s) — for CI")
    args = parser.parse_args()
    args.binary = (REPO_ROOT / args.binary).resolve()
    if not os.access(args.binary, os.X_OK):
        parser.error(f"{args.binary} is not an executable")
    if not 0 <= args.seconds <= 600 or not 0.1 <= args.edits_per_second <= 50:
        parser.error("--seconds must be 0..600 and --edits-per-second 0.1..50")
    global VISIBLE_WITHIN_S
    if args.check:
        VISIBLE_WITHIN_S = GIVE_UP_AFTER_S
    signal.signal(signal.SIGTERM, sb.stop_like_ctrl_c)
    places = sb.largest_places(60)
    sb.write_wrk_script(sb.wrk_paths(places))

    temporary = None
    if args.workdir:
        workdir = Path(args.workdir).resolve()
    elif args.reuse:
        workdir = Path(tempfile.gettempdir()) / "rapport-bench"
    else:
        workdir = temporary = Path(tempfile.mkdtemp(prefix="rapport-edits."))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"# Rapport search under edits\n\nbinary {args.binary}, {args.count:,} demo practitioners, wrk "
          f"-t2 -c64 for {args.seconds} s per run, {os.cpu_count()} cores\n", flush=True)
    summary, failures = [], 0
    try:
        for name in [n.strip() for n in args.databases.split(",") if n.strip()]:
            if name == "postgres" and not args.postgres_url:
                summary.append("- postgres: skipped (no --postgres-url or RAPPORT_BENCH_POSTGRES_URL)")
                continue
            url = f"sqlite://{workdir / f'rapport-bench-{args.count}.sqlite'}" if name == "sqlite" else args.postgres_url
            try:
                lines, all_seen = run_database(name, url, args, workdir)
                summary += lines
                if not all_seen:
                    failures += 1
            except (RuntimeError, OSError, subprocess.SubprocessError) as error:
                failures += 1
                summary.append(f"- {name}: FAILED: {error}")
    except KeyboardInterrupt:
        return 130
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    print("## Summary\n\n" + "\n".join(summary))
    return 1 if failures and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
