#!/usr/bin/env python3
"""Speed of enquiries: sending one with 16 people sending at once, and a practitioner's inbox
holding 1,000 enquiries. Targets: p99 at most 50 ms for both, on SQLite and on PostgreSQL.

    swift build -c release
    python3 bench/enquiry-benchmark.py [--postgres-url postgres://user:pass@127.0.0.1:5432/db]

Starts the release build (`--env production`) on a free port with demo data, sends enquiries to
the demo practitioner over HTTP (each sender its own session and form token), then times the
inbox page. Prints a Markdown table; see bench/README.md for figures.
"""
import argparse
import concurrent.futures
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
DEMO = ("demo.practitioner@rapport.test", "try the practitioner side")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def start(binary, database_url, work):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, DATABASE_URL=database_url, RAPPORT_DEMO="1", LOG_LEVEL="warning", RAPPORT_PUBLIC_URL=base,
               RAPPORT_TRUSTED_PROXIES="127.0.0.1", RAPPORT_DATA_KEY="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
    log = open(work / "server.log", "ab")
    process = subprocess.Popen([binary, "serve", "--env", "production", "--hostname", "127.0.0.1", "--port", str(port)],
                               cwd=work, env=env, stdout=log, stderr=log)
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            if requests.get(base + "/healthz", timeout=1).status_code == 200:
                return process, base
        except requests.RequestException:
            pass
        if process.poll() is not None:
            sys.exit(f"the server exited; see {work / 'server.log'}")
        time.sleep(0.3)
    sys.exit("the server did not start")


def demo_slug(base):
    session = requests.Session()
    page = session.get(base + "/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    session.post(base + "/login", data={"csrf_token": token, "email": DEMO[0], "password": DEMO[1]},
                 headers={"Sec-Fetch-Site": "same-origin"})
    dashboard = session.get(base + "/dashboard").text
    return re.search(r'href="/practitioners/([^"/]+)"', dashboard).group(1), session


def sender(base, slug, worker, count):
    """One person's session sending `count` enquiries; returns each send's milliseconds."""
    session = requests.Session()
    page = session.get(f"{base}/practitioners/{slug}/get-in-touch")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    timings = []
    for index in range(count):
        form = {"csrf_token": token, "intent": "send", "idempotency_key": uuid.uuid4().hex, "name": "Bench",
                "email": f"bench-{worker}-{index}-{uuid.uuid4().hex[:6]}@example.org", "contact_preference": "email",
                "message": f"A benchmark message number {index} from sender {worker}, {uuid.uuid4().hex}.",
                "consent": "yes", "kind": "question", "website": ""}
        started = time.perf_counter()
        answer = session.post(f"{base}/practitioners/{slug}/get-in-touch", data=form,
                              headers={"Sec-Fetch-Site": "same-origin", "X-Forwarded-For": f"10.{worker}.{index // 250}.{index % 250}"})
        timings.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200 or "has been sent" not in answer.text:
            sys.exit(f"a send answered {answer.status_code}")
    return timings


def run(name, binary, database_url, senders, per_sender, inbox_size):
    work = Path(tempfile.mkdtemp(prefix="rapport-enquiry-bench-"))
    process, base = start(binary, database_url, work)
    try:
        slug, practitioner = demo_slug(base)
        with concurrent.futures.ThreadPoolExecutor(senders) as pool:
            sends = [t for f in [pool.submit(sender, base, slug, w, per_sender) for w in range(senders)] for t in f.result()]
        # Fill the inbox to its size, then time it.
        already = senders * per_sender + 3
        if inbox_size > already:
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda w: sender(base, slug, 100 + w, (inbox_size - already) // 8 + 1), range(8)))
        inbox = []
        for _ in range(200):
            started = time.perf_counter()
            page = practitioner.get(base + "/dashboard/enquiries")
            inbox.append((time.perf_counter() - started) * 1000)
            assert page.status_code == 200
        count = len(re.findall(r'href="/dashboard/enquiries/', page.text))
        return [(f"{name}: send, {senders} at once ({len(sends)} sends)", sends),
                (f"{name}: inbox of {count} enquiries", inbox)]
    finally:
        process.terminate()
        process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=str(ROOT / ".build/release/rapport"))
    parser.add_argument("--postgres-url")
    parser.add_argument("--senders", type=int, default=16)
    parser.add_argument("--per-sender", type=int, default=25)
    parser.add_argument("--inbox", type=int, default=1000)
    args = parser.parse_args()
    if not Path(args.binary).exists():
        sys.exit(f"{args.binary} is missing: run `swift build -c release` first")
    rows = run("SQLite", args.binary, "sqlite://" + tempfile.mkdtemp() + "/bench.sqlite", args.senders, args.per_sender, args.inbox)
    if args.postgres_url:
        rows += run("PostgreSQL", args.binary, args.postgres_url, args.senders, args.per_sender, args.inbox)
    print("| what | p50 ms | p99 ms | target p99 |")
    print("| --- | --- | --- | --- |")
    failed = False
    for label, timings in rows:
        p99 = percentile(timings, 0.99)
        failed |= p99 > 50
        print(f"| {label} | {statistics.median(timings):.1f} | {p99:.1f} | 50 {'✓' if p99 <= 50 else '✗'} |")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
