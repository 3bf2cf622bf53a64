#!/usr/bin/env bash
# Free first conversation times: how long listing 24 days of one practitioner's times takes with
# 200 calls already booked (target: p99 <= 5 ms). Rerunnable: a release build, a throwaway SQLite
# database in a temporary folder (or the PostgreSQL database you name), and JSON figures printed.
#
#   bench/slot-benchmark.sh                      # SQLite
#   bench/slot-benchmark.sh postgres://u:p@127.0.0.1:5432/empty_db
#
# "p50_ms"/"p99_ms": the whole listing (the SQL for the bookings and the planner), as a profile
# page or the Get in touch form runs it. "planner_*": the planner alone, on the same bookings.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCRATCH="${RAPPORT_BENCH_SCRATCH:-.build}"
swift build -c release --product rapport --scratch-path "$SCRATCH" >/dev/null
BINARY="$(cd "$SCRATCH/release" && pwd)/rapport"
work="$(mktemp -d -t rapport-slots.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# Templates and the gazetteer, as from the project folder.
ln -s "$PWD/Resources" "$work/Resources"
database="${1:-sqlite://$work/slots.sqlite}"
for bookings in 0 200; do
    # Run from the temporary folder: the development data key is made there.
    (cd "$work" && DATABASE_URL="$database" LOG_LEVEL=error "$BINARY" slot-timing --bookings "$bookings" --repeat 2000)
done
