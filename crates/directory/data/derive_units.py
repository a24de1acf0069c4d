#!/usr/bin/env python3
"""Derives units-vn-2025.json, Vietnam's administrative units as TĐC Hub loads them, from the data
of the PyPI packages `vietnam-provinces` (2026.9.0: today's 34 provinces and their communes since
2025-07-01, the 63 former provinces with their districts and communes, and the official old → new
conversion table) and checks the mapping against `vietnamadminunits` (1.0.4).

The packages are pure Python wheels; the script reads their modules without installing them, so
it runs on any Python 3.10+:

    python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 -d /tmp/vnu \\
        vietnam-provinces==2026.9.0 vietnamadminunits==1.0.4
    python3 crates/directory/data/derive_units.py /tmp/vnu > crates/directory/data/units-vn-2025.json

Output: one JSON object with `source` and `units`, the units in the order they can be loaded
(every parent and successor before the units naming it): current provinces, current communes,
former provinces, former districts, former communes. A former commune whose code a new commune
kept is not listed: the current unit of that code stands for it (old records still resolve).
Codes are padded as the General Statistics Office writes them: provinces 2 digits, districts 3,
communes 5.
"""

import json
import sqlite3
import sys
import zipfile
from pathlib import Path

VP_VERSION = "2026.9.0"
VA_VERSION = "1.0.4"
ABOLISHED = "2025-06-30"
FOUNDED = "2025-07-01"


def unpack(folder: Path, name: str, version: str) -> Path:
    wheel = next(folder.glob(f"{name}-{version}-*.whl"))
    target = folder / f"{name}-{version}"
    if not target.exists():
        zipfile.ZipFile(wheel).extractall(target)
    return target


def kind_of_new(division_type: str) -> str:
    return {"phường": "ward", "xã": "commune", "đặc khu": "special_zone"}.get(division_type, "commune")


def main() -> None:
    folder = Path(sys.argv[1])
    sys.path.insert(0, str(unpack(folder, "vietnam_provinces", VP_VERSION)))
    from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as PROVINCE_OLD_TO_NEW
    from vietnam_provinces._ward_conversion_2025 import NEW_TO_OLD, OLD_TO_NEW
    from vietnam_provinces.legacy._lookup import DISTRICT_MAPPING, PROVINCE_MAPPING, WARD_MAPPING

    va_names = legacy_names(folder)

    def ward_name(code: int) -> str:
        return str(WARD_MAPPING[code]) if code in WARD_MAPPING else va_names["ward"][code]

    def district_name(code: int) -> str:
        return str(DISTRICT_MAPPING[code]) if code in DISTRICT_MAPPING else va_names["district"][code]

    vp_data = folder / f"vietnam_provinces-{VP_VERSION}" / "vietnam_provinces" / "data"
    provinces = json.loads((vp_data / "nested-divisions.json").read_text(encoding="utf-8"))
    p2, d3, w5 = (lambda c: f"{int(c):02d}"), (lambda c: f"{int(c):03d}"), (lambda c: f"{int(c):05d}")
    units = []
    for p in provinces:
        units.append({"code": p2(p["code"]), "name": p["name"], "kind": "province", "valid_from": FOUNDED})
    for p in provinces:
        for w in p["wards"]:
            units.append({"code": w5(w["code"]), "name": w["name"], "kind": kind_of_new(w["division_type"]),
                          "parent_code": p2(p["code"]), "valid_from": FOUNDED})
    current = {u["code"] for u in units}

    for code, entry in sorted(PROVINCE_OLD_TO_NEW.items()):
        if p2(code) in current:
            continue
        units.append({"code": p2(code), "name": str(PROVINCE_MAPPING[code]), "kind": "former_province",
                      "valid_to": ABOLISHED, "successor_codes": sorted(p2(n.code) for n in entry.new_provinces)})

    district_successors: dict[int, set[str]] = {}
    district_province: dict[int, int] = {}
    for entry in OLD_TO_NEW.values():
        district_successors.setdefault(entry.old_ward.district_code, set()).update(w5(n.code) for n in entry.new_wards)
        district_province[entry.old_ward.district_code] = entry.old_ward.province_code
    for code in sorted(district_successors):
        province = district_province[code]
        units.append({"code": d3(code), "name": district_name(code), "kind": "former_district",
                      "parent_code": p2(province), "former_province": str(PROVINCE_MAPPING[province]),
                      "valid_to": ABOLISHED, "successor_codes": sorted(district_successors[code])})

    for code, entry in sorted(OLD_TO_NEW.items()):
        if w5(code) in current:
            continue
        old = entry.old_ward
        units.append({"code": w5(code), "name": ward_name(code), "kind": "former_commune",
                      "parent_code": d3(old.district_code), "former_district": district_name(old.district_code),
                      "former_province": str(PROVINCE_MAPPING[old.province_code]), "valid_to": ABOLISHED,
                      "successor_codes": sorted(w5(n.code) for n in entry.new_wards)})

    checked = cross_check(folder, OLD_TO_NEW)
    source = (f"PyPI vietnam-provinces {VP_VERSION} (data of the General Statistics Office and the 2025 "
              f"conversion table BangChuyendoiĐVHCmoi_cu_khong_merge.csv, {len(NEW_TO_OLD)} new communes), "
              f"cross-checked against vietnamadminunits {VA_VERSION} ({checked} old → new commune pairs agree)")
    out = sys.stdout
    out.write(json.dumps({"source": source, "effective": FOUNDED}, ensure_ascii=False)[:-1] + ', "units": [\n')
    out.write(",\n".join(json.dumps(u, ensure_ascii=False, separators=(",", ":")) for u in units))
    out.write("\n]}\n")


def legacy_names(folder: Path) -> dict[str, dict[int, str]]:
    """Former districts' and communes' names from vietnamadminunits, for the few codes of the
    conversion table that vietnam-provinces' legacy list lacks."""
    root = unpack(folder, "vietnamadminunits", VA_VERSION) / "vietnamadminunits" / "data"
    db = sqlite3.connect(root / "dataset.db")
    names: dict[str, dict[int, str]] = {"district": {}, "ward": {}}
    for district, district_code, ward, ward_code in db.execute(
        "SELECT district, districtCode, ward, wardCode FROM admin_units_legacy"
    ):
        if district_code:
            names["district"][int(district_code)] = district
        if ward_code:
            names["ward"][int(ward_code)] = ward
    return names


def cross_check(folder: Path, old_to_new) -> int:
    """Every (old commune, new commune) pair of vietnamadminunits' undivided conversions, matched by
    name keys and read as codes through its own tables, is in vietnam-provinces' table too."""
    root = unpack(folder, "vietnamadminunits", VA_VERSION) / "vietnamadminunits" / "data"
    db = sqlite3.connect(root / "dataset.db")
    old_code = {f"{p}_{d}_{w}": int(c) for p, d, w, c in
                db.execute("SELECT provinceKey, districtKey, wardKey, wardCode FROM admin_units_legacy") if c}
    new_code = {(p, w): int(c) for p, w, c in db.execute("SELECT provinceKey, wardKey, wardCode FROM admin_units") if c}
    converter = json.loads((root / "converter_2025.json").read_text(encoding="utf-8"))
    agree, disagree = 0, []
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, old_keys in wards.items():
            new = new_code.get((province, ward))
            for key in old_keys:
                old = old_code.get(key)
                if new is None or old is None or old not in old_to_new:
                    continue
                if new in {n.code for n in old_to_new[old].new_wards}:
                    agree += 1
                else:
                    disagree.append((old, new))
    if agree == 0 or len(disagree) > agree // 100:
        sys.exit(f"the packages disagree on {len(disagree)} conversions (agree on {agree}), e.g. {disagree[:5]}")
    return agree


if __name__ == "__main__":
    main()
