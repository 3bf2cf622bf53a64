#!/usr/bin/env python3
"""Crash safety of enquiries: send many at once while the server is killed with SIGKILL and
restarted, then check that every enquiry that got a success answer is there exactly once, its
emails were delivered exactly once, the database is intact, and nothing anyone wrote reached
the log (run at LOG_LEVEL=trace) or the raw SQLite file and its WAL.

    python3 bench/enquiry-crash.py                       # 500 enquiries, 4 kills (about 2 minutes)
    python3 bench/enquiry-crash.py --enquiries 60 --kills 2   # what CI runs

Uses the debug build by default (--binary for another). Prints its figures; exits 1 on any
failure.
"""
import argparse
import concurrent.futures
import email
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from email import policy
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, work, port):
        self.binary, self.work, self.port = binary, work, port
        self.base = f"http://127.0.0.1:{port}"
        self.log = open(work / "server.log", "ab")
        self.process = None

    def start(self):
        env = dict(os.environ, DATABASE_URL=f"sqlite://{self.work}/crash.sqlite", RAPPORT_DEMO="1", LOG_LEVEL="trace",
                   RAPPORT_PUBLIC_URL=self.base, RAPPORT_TRUSTED_PROXIES="127.0.0.1")
        env.pop("SMTP_URL", None)
        # From its own folder: mail-outbox/ and the development key land there.
        self.process = subprocess.Popen([str(self.binary), "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                        cwd=self.work, env=env, stdout=self.log, stderr=self.log)
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                if requests.get(self.base + "/healthz", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None:
                sys.exit("the server exited while starting; see " + str(self.work / "server.log"))
            time.sleep(0.2)
        sys.exit("the server did not answer /healthz within 180 s")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def send_one(base, slug, index, marker):
    """One person: opens the form, sends it, and (like a browser's retry) sends the same form
    again after a failure. Returns (idempotency key, sender, succeeded, tries)."""
    sender = f"crash-{index}-{uuid.uuid4().hex[:6]}@example.org"
    session = requests.Session()
    page = None
    for _ in range(40):
        try:
            page = session.get(f"{base}/practitioners/{slug}/get-in-touch", timeout=5)
            if page.status_code == 200:
                break
        except requests.RequestException:
            pass
        time.sleep(0.25)
    if page is None or page.status_code != 200:
        return None, sender, False, 0
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page.text).group(1)
    form = {"csrf_token": token, "intent": "send", "idempotency_key": key, "name": f"Person {marker}",
            "email": sender, "contact_preference": "email", "message": f"A message that must never leak: {marker}",
            "consent": "yes", "kind": "question", "website": ""}
    for tries in range(1, 41):
        try:
            answer = session.post(f"{base}/practitioners/{slug}/get-in-touch", data=form, timeout=10,
                                  headers={"Sec-Fetch-Site": "same-origin", "X-Forwarded-For": f"10.9.{index // 250}.{index % 250}"})
            if answer.status_code == 200 and "has been sent" in answer.text:
                return key, sender, True, tries
            if answer.status_code not in (500, 502, 503):
                return key, sender, False, tries
        except requests.RequestException:
            pass
        time.sleep(0.25)
    return key, sender, False, 40


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--enquiries", type=int, default=500)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--binary", default=str(ROOT / ".build/debug/rapport"))
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="rapport-crash-"))
    server = Server(Path(args.binary), work, free_port())
    server.start()
    practitioners = requests.get(server.base + "/api/v1/practitioners?per_page=100", timeout=10).json()["results"]
    slugs = [p["slug"] for p in practitioners]
    markers = [f"Canary{uuid.uuid4().hex[:10]}" for _ in range(args.enquiries)]

    results, kills_done = [], 0
    started = time.time()
    done = threading.Event()

    def killer():
        nonlocal kills_done
        random.seed(7)
        for _ in range(args.kills):
            time.sleep(random.uniform(1.5, 4.0))
            if done.is_set():
                return
            server.kill()
            kills_done += 1
            server.start()

    thread = threading.Thread(target=killer)
    thread.start()
    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        futures = [pool.submit(send_one, server.base, slugs[i % len(slugs)], i, markers[i]) for i in range(args.enquiries)]
        results = [f.result() for f in futures]
    done.set()
    thread.join()
    sending = time.time() - started

    # Let the restarted server deliver everything still queued.
    database = work / "crash.sqlite"
    deadline = time.time() + 120
    while time.time() < deadline:
        with sqlite3.connect(database) as connection:
            waiting = connection.execute("SELECT COUNT(*) FROM mail_outbox WHERE sent_epoch IS NULL").fetchone()[0]
        if waiting == 0:
            break
        time.sleep(1)
    server.stop()

    failures = []
    with sqlite3.connect(database) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        keys = [row[0] for row in connection.execute("SELECT idempotency_key FROM enquiry_requests")]
        unsent = connection.execute("SELECT COUNT(*) FROM mail_outbox WHERE sent_epoch IS NULL").fetchone()[0]
    succeeded = [(key, sender) for key, sender, ok, _ in results if ok]
    retried = sum(1 for _, _, ok, tries in results if ok and tries > 1)
    if integrity != "ok":
        failures.append(f"integrity_check says {integrity}")
    for key, _ in succeeded:
        if keys.count(key) != 1:
            failures.append(f"enquiry {key} is stored {keys.count(key)} times")
    # Every sender's confirmation, exactly once: files are named by outbox row, so a retry after
    # a crash rewrites the same file rather than adding one.
    outbox = work / "mail-outbox"
    recipients = []
    for path in outbox.glob("*.eml"):
        recipients.append(email.message_from_bytes(path.read_bytes(), policy=policy.default)["To"])
    for _, sender in succeeded:
        if recipients.count(sender) != 1:
            failures.append(f"{sender} got {recipients.count(sender)} confirmations")
    if unsent:
        failures.append(f"{unsent} emails still unsent after 120 s")
    # Nothing anyone wrote in the log, at trace level, or in the raw database files.
    log = (work / "server.log").read_bytes()
    raw = b"".join(p.read_bytes() for p in work.glob("crash.sqlite*") if p.is_file())
    leaked_log = [m for m in markers if m.encode() in log]
    leaked_raw = [m for m in markers if m.encode() in raw]
    senders_in_log = [s for _, s in succeeded if s.encode() in log]
    if leaked_log or senders_in_log:
        failures.append(f"{len(leaked_log)} messages and {len(senders_in_log)} addresses reached the log")
    if leaked_raw:
        failures.append(f"{len(leaked_raw)} messages are readable in the SQLite file or WAL")

    print("| measure | value |")
    print("| --- | --- |")
    print(f"| enquiries sent (concurrently, {args.workers} at a time) | {args.enquiries} |")
    print(f"| SIGKILLs of the server while sending | {kills_done} |")
    print(f"| answered 'sent' | {len(succeeded)} (of which {retried} after a retry of the same form) |")
    print(f"| stored | {len(keys)} (each success exactly once: {'yes' if not any('stored' in f for f in failures) else 'no'}) |")
    print(f"| confirmation emails delivered | {sum(recipients.count(s) for _, s in succeeded)} for {len(succeeded)} successes |")
    print(f"| PRAGMA integrity_check | {integrity} |")
    print(f"| canaries in the trace log / raw database | {len(leaked_log)} / {len(leaked_raw)} |")
    print(f"| time sending | {sending:.1f} s |")
    if failures:
        print("FAILED:\n- " + "\n- ".join(failures[:20]))
        print(f"(work folder kept: {work})")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
