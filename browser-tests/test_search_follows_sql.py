"""An operator's change in the `sqlite3` shell reaches search on the running server, and on a
second server started on the same file: the database's own triggers log it (migration 17).

Uses Debian's sqlite3 shell (3.40 on Debian 12), the one an operator has, so the triggers are
checked against that version's SQL, not only the library the server links.
"""

import json
import os
import random
import string
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import skip_or_fail

SQLITE_SHELL = shutil.which("sqlite3")
REPO_ROOT = Path(__file__).resolve().parent.parent
SERVER_BIN = REPO_ROOT / ".build" / "debug" / "rapport"


def database_file():
    path = os.environ.get("RAPPORT_TEST_SQLITE", "")
    if not path or not Path(path).exists():
        skip_or_fail("RAPPORT_TEST_SQLITE does not name the server's SQLite file")
    if SQLITE_SHELL is None:
        skip_or_fail("the sqlite3 shell is missing (apt-get install sqlite3)")
    return path


def shell(path, sql):
    return subprocess.run([SQLITE_SHELL, "-bail", path, sql], check=True, capture_output=True, text=True,
                          timeout=60).stdout.strip()


def total_for(base_url, query):
    with urllib.request.urlopen(f"{base_url}/api/v1/practitioners?{query}", timeout=10) as response:
        return json.load(response)["total"]


def wait_for_total(base_url, query, wanted, seconds=10):
    """The total once it is `wanted`, or the last one seen after `seconds`."""
    deadline = time.monotonic() + seconds
    total = None
    while time.monotonic() < deadline:
        total = total_for(base_url, query)
        if total == wanted:
            return total
        time.sleep(0.1)
    return total


def listed_slug(base_url):
    with urllib.request.urlopen(f"{base_url}/api/v1/practitioners?per_page=1", timeout=10) as response:
        return json.load(response)["results"][0]["slug"]


@pytest.fixture
def edited_practitioner(base_url):
    """A listed practitioner whose headline the test may change; put back afterwards."""
    path = database_file()
    slug = listed_slug(base_url)
    old = shell(path, f"SELECT headline FROM practitioners WHERE slug = '{slug}'")
    yield path, slug
    escaped = old.replace("'", "''")
    shell(path, f"UPDATE practitioners SET headline = '{escaped}' WHERE slug = '{slug}'")


def test_the_sqlite3_shell_version_is_what_an_operator_has():
    if SQLITE_SHELL is None:
        skip_or_fail("the sqlite3 shell is missing")
    version = subprocess.run([SQLITE_SHELL, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.split()[0].startswith("3."), version


def made_up_word():
    """A word no profile has, new each run, so a run never depends on the one before."""
    return "quill" + "".join(random.choices(string.ascii_lowercase, k=8))


def test_an_update_typed_in_the_sqlite3_shell_reaches_search(base_url, edited_practitioner):
    path, slug = edited_practitioner
    word = made_up_word()
    assert total_for(base_url, f"q={word}") == 0
    shell(path, f"UPDATE practitioners SET headline = '{word.capitalize()} walks and talks' WHERE slug = '{slug}'")
    assert wait_for_total(base_url, f"q={word}", 1) == 1
    shell(path, f"UPDATE practitioners SET headline = 'Back again' WHERE slug = '{slug}'")
    assert wait_for_total(base_url, f"q={word}", 0) == 0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_second_server_on_the_same_file_follows_a_change(base_url, edited_practitioner, tmp_path):
    path, slug = edited_practitioner
    if not os.access(SERVER_BIN, os.X_OK):
        skip_or_fail(f"{SERVER_BIN} is not built")
    port = free_port()
    second = f"http://127.0.0.1:{port}"
    env = dict(os.environ, DATABASE_URL=f"sqlite://{path}", RAPPORT_DEMO="0", LOG_LEVEL="warning",
               RAPPORT_PUBLIC_URL=second)
    with open(tmp_path / "second.log", "wb") as log:
        # The first server's working directory: the same development data key.
        process = subprocess.Popen([str(SERVER_BIN), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                                   cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        ready = False
        while time.monotonic() < deadline and not ready:
            assert process.poll() is None, (tmp_path / "second.log").read_text()
            try:
                with urllib.request.urlopen(f"{second}/healthz/ready", timeout=2) as response:
                    ready = response.status == 200
            except OSError:
                time.sleep(0.2)
        assert ready, "the second server's /healthz/ready never answered 200"
        word = made_up_word()
        shell(path, f"UPDATE practitioners SET headline = '{word.capitalize()} and gentle talks' WHERE slug = '{slug}'")
        assert wait_for_total(second, f"q={word}", 1) == 1
        assert wait_for_total(base_url, f"q={word}", 1) == 1
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
