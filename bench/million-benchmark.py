#!/usr/bin/env python3
"""Benchmark 3: a million practitioners on PostgreSQL, against 100,000 in the same run.

For each of two already seeded PostgreSQL databases (`--small-url`, about 100,000 practitioners,
and `--large-url`, about 1,000,000; seed them with `rapport seed-demo --count N --seed 1`), starts
`rapport serve` on a free 127.0.0.1 port and measures: the cold start (seconds until /healthz
answers, and until /healthz/ready does: the catalogue built from PostgreSQL), every query shape
of bench/search-benchmark.py over one keep-alive connection (p50 and p99), the results-page mix
with wrk, and the server's peak and current resident memory. Prints Markdown tables with the
issue's targets. Run it by hand, not in CI. See bench/README.md.

Python 3's standard library and wrk. Every loop is bounded; every request goes to 127.0.0.1.
"""

import argparse
import importlib.util
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("search_benchmark", HERE / "search-benchmark.py")
sb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sb)

TARGET_COLD_START_S = 60
TARGET_SHAPE_P99_MS = 10
TARGET_THROUGHPUT_SHARE = 0.60
TARGET_MEMORY_MIB = {"small": 200 * 1000 * 1000 / 2**20, "large": 1000 * 1000 * 1000 / 2**20}   # 200 MB and 1 GB


def seconds_until(server, path, limit_s):
    """Seconds from now until `path` answers 200."""
    start = time.monotonic()
    while time.monotonic() - start < limit_s:
        try:
            if sb.http_get(server.port, path, timeout=5)[0] == 200:
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{path} did not answer 200 within {limit_s} s")


def measure(size, database_url, args, workdir, places):
    server = sb.Server(args.binary, database_url, workdir / f"million-{size}.log")
    try:
        started = time.monotonic()
        server.start()   # returns once /healthz answers
        alive = time.monotonic() - started
        ready = alive + seconds_until(server, "/healthz/ready", 600)
        peak_while_building = server.memory_mib()[0]
        listed = sb.listed_total(server.port)
        sb.log(f"{size}: {listed:,} listed; /healthz after {alive:.1f} s, /healthz/ready after {ready:.1f} s")
        topics, _ = sb.fetch_topics(server.port)
        approaches = sb.fetch_approaches(server.port)
        shapes = []
        for shape, _, variant in sb.query_shapes(topics, approaches, places):
            result = sb.measure_shape(server.port, variant, args.requests)
            sb.log(f"{size} | {shape}: p50 {sb.ms(result['p50'])} ms, p99 {sb.ms(result['p99'])} ms")
            shapes.append((shape, result))
        cpu_before = sb.cpu_times()
        wrk = sb.run_wrk(server.port, args.wrk_seconds)
        steal = sb.steal_share(cpu_before, sb.cpu_times())
        server.drain()
        peak, current = server.memory_mib()
        return dict(listed=listed, alive=alive, ready=ready, shapes=shapes, wrk=wrk, steal=steal,
                    peak=max(peak or 0, peak_while_building or 0), current=current, stopped=server.stop())
    finally:
        server.stop()


def mark(ok):
    return "✓" if ok else "✗"


def report(results):
    small, large = results["small"], results["large"]
    print("## Cold start, memory, throughput\n")
    print("| | 100,000 | 1,000,000 | target |\n| --- | ---: | ---: | --- |")
    print(f"| listed practitioners | {small['listed']:,} | {large['listed']:,} | |")
    print(f"| `/healthz` answers after | {small['alive']:.1f} s | {large['alive']:.1f} s | at once |")
    print(f"| `/healthz/ready` (catalogue built) after | {small['ready']:.1f} s | {large['ready']:.1f} s "
          f"{mark(large['ready'] <= TARGET_COLD_START_S)} | ≤ {TARGET_COLD_START_S} s at 1,000,000 |")
    for key, label in (("peak", "peak resident memory"), ("current", "resident memory after the load")):
        print(f"| {label} | {small[key]:.0f} MiB {mark(small[key] <= TARGET_MEMORY_MIB['small'])} "
              f"| {large[key]:.0f} MiB {mark(large[key] <= TARGET_MEMORY_MIB['large'])} | ≤ 200 MB / ≤ 1 GB |")
    rps = [result["wrk"].get("rps") for result in (small, large)]
    share = rps[1] / rps[0] if all(rps) else None
    print(f"| results-page mix, wrk 64 connections | {rps[0] or 0:,.0f} pages/s, p99 {sb.ms(small['wrk'].get('p99'))} ms "
          f"| {rps[1] or 0:,.0f} pages/s, p99 {sb.ms(large['wrk'].get('p99'))} ms | |")
    print(f"| 1,000,000 against 100,000 | | {'n/a' if share is None else f'{share:.0%}'} "
          f"{mark(share is not None and share >= TARGET_THROUGHPUT_SHARE)} | ≥ {TARGET_THROUGHPUT_SHARE:.0%} |")
    print(f"| steal while measuring | {small['steal'] or 0:.1%} | {large['steal'] or 0:.1%} | |")
    print(f"| server stop (SIGTERM) | {small['stopped']} | {large['stopped']} | clean |\n")
    print(f"## Query shapes, one keep-alive connection (target p99 ≤ {TARGET_SHAPE_P99_MS} ms)\n")
    print("| shape | p50 100k | p99 100k | p50 1M | p99 1M | errors 1M |\n| --- | ---: | ---: | ---: | ---: | --- |")
    for (shape, a), (_, b) in zip(small["shapes"], large["shapes"]):
        ok = b["p99"] is not None and b["p99"] <= TARGET_SHAPE_P99_MS
        print(f"| {shape} | {sb.ms(a['p50'])} | {sb.ms(a['p99'])} | {sb.ms(b['p50'])} | {sb.ms(b['p99'])} {mark(ok)} "
              f"| {sb.error_text(b['errors'])} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=".build-release/release/rapport")
    parser.add_argument("--small-url", required=True, help="PostgreSQL seeded with about 100,000 practitioners")
    parser.add_argument("--large-url", required=True, help="PostgreSQL seeded with about 1,000,000 practitioners")
    parser.add_argument("--requests", type=int, default=300, help="measured requests per shape")
    parser.add_argument("--wrk-seconds", type=int, default=30)
    args = parser.parse_args()
    if not 1 <= args.requests <= 100_000 or not 1 <= args.wrk_seconds <= 600:
        parser.error("--requests must be 1..100000 and --wrk-seconds 1..600")
    args.binary = (sb.REPO_ROOT / args.binary).resolve()
    if not os.access(args.binary, os.X_OK):
        parser.error(f"{args.binary} is not an executable: swift build -c release --scratch-path .build-release")
    signal.signal(signal.SIGTERM, sb.stop_like_ctrl_c)
    places = sb.largest_places(60)
    sb.write_wrk_script(sb.wrk_paths(places))
    workdir = Path(tempfile.mkdtemp(prefix="rapport-million."))
    print(f"# Rapport with a million practitioners\n\nbinary {args.binary}, {args.requests} requests per shape, "
          f"wrk -t2 -c64 for {args.wrk_seconds} s, {os.cpu_count()} cores, server logs in {workdir}\n", flush=True)
    try:
        results = {size: measure(size, url, args, workdir, places)
                   for size, url in (("small", args.small_url), ("large", args.large_url))}
    except KeyboardInterrupt:
        sb.log("interrupted: the server has been stopped")
        return 130
    except (RuntimeError, OSError) as error:
        sb.log(f"FAILED: {error}")
        return 1
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
