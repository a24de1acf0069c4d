#!/usr/bin/env python3
"""The house's guards: fast checks of the project's shape that CI runs before the tests.

Each failure names the file and the rule; the script exits 1 if any guard fails.

  python3 .ci/guards.py [POSTGRES_URL]

1. no source file over 500 lines;
2. crates depend on each other only along the planned edges (ARCHITECTURE.md);
3. a domain's `store` and `http` are private (other crates go through its `api`);
4. the SQLite and PostgreSQL migration trees hold the same migrations, equal after normalising the
   known dialect differences (or listed here with the reason they differ);
5. every migration runs up, down and up again on SQLite (and on PostgreSQL when a URL is given);
6. the diesel table definitions (each crate's `schema.rs`) match the migrated database, table by
   table and column by column, and each table has one owner;
7. every path ARCHITECTURE.md names in backticks exists, and every Rust item it names in backticks
   (`Call::upsert`, `record!`, `access::visible`) is defined in the crates (the recipe does not
   drift from the code).
"""

import re
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 500

# Who may depend on whom: the kernel on nothing, each domain on the rooms below it, the gateway on
# all. Reporting is planned; reporting reads the others through
# their `api` modules (or the change feed).
EDGES = {
    "tdc-kernel": set(),
    "tdc-directory": {"tdc-kernel"},
    "tdc-regulations": {"tdc-kernel", "tdc-directory"},
    "tdc-conformity": {"tdc-kernel", "tdc-directory", "tdc-regulations"},
    "tdc-traceability": {"tdc-kernel", "tdc-directory", "tdc-conformity"},
    "tdc-inspections": {"tdc-kernel", "tdc-directory", "tdc-regulations", "tdc-conformity", "tdc-traceability"},
    # Market surveillance: warnings (a recall's scope from traceability), complaints, surveys (a
    # laboratory from conformity, a failing sample's inspection context), metrology.
    "tdc-surveillance": {"tdc-kernel", "tdc-directory", "tdc-regulations", "tdc-conformity", "tdc-traceability",
                         "tdc-inspections"},
    "tdc-reporting": {"tdc-kernel", "tdc-directory", "tdc-regulations", "tdc-conformity", "tdc-traceability",
                      "tdc-inspections", "tdc-surveillance"},
    "tdc-gateway": {"tdc-kernel", "tdc-directory", "tdc-regulations", "tdc-conformity", "tdc-traceability",
                    "tdc-inspections", "tdc-surveillance", "tdc-reporting"},
    # The EPCIS conformance test takes the CBV event hash as its oracle (the hash itself is held
    # to the reference implementation by .ci/check-epcis-hashes).
    "tdc-e2e": {"tdc-kernel", "tdc-gateway", "tdc-traceability"},
    "tdc-bench": {"tdc-gateway"},
}

# Migrations whose two trees differ beyond the dialect, and why (their resulting schemas are still
# compared by guard 6 on SQLite, and the tests run on both databases).
DIALECT_EXCEPTIONS = {
    "20261130000014_public_comments": "SQLite cannot drop NOT NULL from a column: the table is rebuilt",
    "20261201000016_search_indexes": "trigram indexes: pg_trgm GIN indexes on PostgreSQL, FTS5 trigram tables kept by triggers on SQLite",
    "20261201000017_enumeration_checks": "SQLite cannot add a CHECK to an existing table without rebuilding it",
    "20261201000018_instants_with_time_zone": "SQLite has no time zone type; its instants stay UTC text",
    "20261201000019_record_coordinators": "the triggers that keep the table are each database's own (row triggers on SQLite, statement triggers over transition tables on PostgreSQL)",
}

failures: list[str] = []


def fail(where: Path | str, rule: str) -> None:
    shown = where.relative_to(ROOT) if isinstance(where, Path) else where
    failures.append(f"{shown}: {rule}")


def file_sizes() -> None:
    for path in sorted([*ROOT.glob("crates/**/*.rs"), *ROOT.glob("tests/**/*.rs")]):
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_LINES:
            fail(path, f"{lines} lines; a source file has at most {MAX_LINES} (split it by what its parts do)")


def crate_edges() -> None:
    for manifest in sorted([*ROOT.glob("crates/*/Cargo.toml"), ROOT / "tests" / "Cargo.toml"]):
        text = manifest.read_text(encoding="utf-8")
        name = re.search(r'^name\s*=\s*"([^"]+)"', text, re.M).group(1)
        if name not in EDGES:
            fail(manifest, f"crate {name} is not in the dependency plan (add it to ARCHITECTURE.md and .ci/guards.py)")
            continue
        deps = set(re.findall(r"^(tdc-[a-z0-9-]+)\s*[.=]", text, re.M)) - {name}
        for dep in sorted(deps - EDGES[name]):
            fail(manifest, f"{name} may not depend on {dep} (allowed: {', '.join(sorted(EDGES[name])) or 'nothing'})")


def doors() -> None:
    for lib in sorted(ROOT.glob("crates/*/src/lib.rs")):
        if lib.parent.parent.name in ("kernel", "gateway"):
            continue
        text = lib.read_text(encoding="utf-8")
        for module in ("store", "http"):
            if re.search(rf"^pub\s+mod\s+{module}\s*;", text, re.M):
                fail(lib, f"`{module}` is private to its domain; expose what others need in `pub mod api`")
    for source in sorted(ROOT.glob("crates/*/src/**/*.rs")):
        own = source.relative_to(ROOT).parts[1]
        for crate in re.findall(r"tdc_([a-z]+)::(?:store|http)\b", source.read_text(encoding="utf-8")):
            if crate != own:
                fail(source, f"reaches into tdc_{crate}'s store or http; call tdc_{crate}::api")


def savepoints() -> None:
    """A transaction holds its changes until it ends: undoing part of it must forget them too."""
    for source in sorted([*ROOT.glob("crates/*/src/**/*.rs"), *ROOT.glob("tests/**/*.rs")]):
        if source == ROOT / "crates/kernel/src/db/tx.rs":
            continue
        text = source.read_text(encoding="utf-8")
        if re.search(r'"(?:SAVEPOINT|ROLLBACK TO)\b|\.transaction\(', text):
            fail(source, "undo part of a transaction with db::savepoint (it forgets the changes the work held)")


def normalised(sql: str) -> str:
    sql = re.sub(r"--[^\n]*", "", sql)
    sql = sql.replace("DOUBLE PRECISION", "REAL").replace("TIMESTAMPTZ", "TIMESTAMP")
    return " ".join(sql.split())


def migration_trees() -> list[str]:
    sqlite = sorted(p.name for p in (ROOT / "migrations" / "sqlite").iterdir() if p.is_dir())
    postgres = sorted(p.name for p in (ROOT / "migrations" / "postgres").iterdir() if p.is_dir())
    for name in sorted(set(sqlite) ^ set(postgres)):
        fail(f"migrations/*/{name}", "a migration is in one tree only; write it for both databases")
    for name in sorted(set(sqlite) & set(postgres)):
        for part in ("up.sql", "down.sql"):
            for tree in ("sqlite", "postgres"):
                path = ROOT / "migrations" / tree / name / part
                if not path.exists() or not path.read_text(encoding="utf-8").strip():
                    fail(path, "missing or empty")
        up = [normalised((ROOT / "migrations" / t / name / "up.sql").read_text(encoding="utf-8")) for t in ("sqlite", "postgres")]
        if up[0] != up[1] and name not in DIALECT_EXCEPTIONS:
            fail(f"migrations/*/{name}/up.sql", "the trees differ beyond the known dialect differences (REAL / DOUBLE PRECISION, TIMESTAMP / TIMESTAMPTZ); make them equal or list the migration in DIALECT_EXCEPTIONS with the reason")
    return sorted(set(sqlite) & set(postgres))


def sql_of(tree: str, name: str, part: str) -> str:
    return (ROOT / "migrations" / tree / name / part).read_text(encoding="utf-8")


def sqlite_round_trip(names: list[str]) -> sqlite3.Connection | None:
    """The migrated database after up, down and up again; `None` when a step failed."""
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA foreign_keys = ON")
    for step, order, part in (("up", names, "up.sql"), ("down", names[::-1], "down.sql"), ("up again", names, "up.sql")):
        for name in order:
            try:
                db.executescript(sql_of("sqlite", name, part))
            except sqlite3.Error as e:
                fail(ROOT / "migrations" / "sqlite" / name / part, f"fails going {step} on SQLite: {e}")
                return None
    return db


def postgres_round_trip(names: list[str], url: str) -> None:
    scratch = f"tdc_guard_{uuid.uuid4().hex[:12]}"
    psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    subprocess.run([*psql, url, "-c", f"CREATE DATABASE {scratch}"], check=True, capture_output=True)
    target = url.rsplit("/", 1)[0] + "/" + scratch
    try:
        for step, order, part in (("up", names, "up.sql"), ("down", names[::-1], "down.sql"), ("up again", names, "up.sql")):
            for name in order:
                r = subprocess.run([*psql, "-1", target], input=sql_of("postgres", name, part), text=True, capture_output=True)
                if r.returncode != 0:
                    fail(ROOT / "migrations" / "postgres" / name / part, f"fails going {step} on PostgreSQL: {r.stderr.strip()}")
                    return
    finally:
        subprocess.run([*psql, url, "-c", f"DROP DATABASE IF EXISTS {scratch}"], capture_output=True)


def declared_tables() -> dict[str, tuple[Path, dict[str, bool]]]:
    """Every crate's `schema.rs` tables: the file, and column name → nullable."""
    tables = {}
    for schema in sorted(ROOT.glob("crates/*/src/**/schema.rs")):
        text = schema.read_text(encoding="utf-8")
        for table, body in re.findall(r"^\s*(\w+) \([\w, ]+\) \{\n(.*?)^\s*\}", text, re.M | re.S):
            columns = re.findall(r"^\s*(\w+) -> ([\w<>]+),", body, re.M)
            if table in tables:
                fail(schema, f"table {table} is declared in {tables[table][0].relative_to(ROOT)} too; a table has one owner")
            tables[table] = (schema, {c: t.startswith("Nullable<") for c, t in columns})
    return tables


def schema_matches(db: sqlite3.Connection) -> None:
    declared = declared_tables()
    migrated = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    # A full-text index (a virtual table) and the tables that belong to it, named after it, are
    # the database's own: the hub reaches them through raw SQL (`text::contains`), not diesel.
    virtual = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
    migrated = {t for t in migrated if not any(t == v or t.startswith(f"{v}_") for v in virtual)}
    for table in sorted(migrated - set(declared) - {"sqlite_sequence"}):
        fail(f"migrations/sqlite", f"table {table} is created but no crate's schema.rs declares it")
    for table, (schema, columns) in sorted(declared.items()):
        found = {r[1]: not r[3] and not r[5] for r in db.execute(f"PRAGMA table_info({table})")}
        if not found:
            fail(schema, f"table {table} is declared but no migration creates it")
            continue
        for column, nullable in columns.items():
            if column not in found:
                fail(schema, f"{table}.{column} is declared but not in the migrated database")
            elif found[column] != nullable:
                fail(schema, f"{table}.{column} is {'Nullable' if nullable else 'NOT NULL'} here but not in the migrated database")
        for column in sorted(set(found) - set(columns)):
            fail(schema, f"{table}.{column} is in the migrated database but not declared")


def architecture_paths() -> None:
    doc = ROOT / "ARCHITECTURE.md"
    if not doc.exists():
        fail(doc, "the house is written down in ARCHITECTURE.md")
        return
    for path in sorted(set(re.findall(r"`((?:crates|tests|migrations|deploy|openapi)/[^`<>* ]+)`", doc.read_text(encoding="utf-8")))):
        if not (ROOT / path).exists():
            fail(doc, f"names `{path}`, which does not exist; keep the house's description true to the code")


RUST_ITEM = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)(!?)`")


def architecture_items() -> None:
    doc = ROOT / "ARCHITECTURE.md"
    if not doc.exists():
        return
    sources = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.glob("crates/*/src/**/*.rs"))
    for item, bang in sorted(set(RUST_ITEM.findall(doc.read_text(encoding="utf-8")))):
        if not bang and "::" not in item:
            continue
        name = item.split("::")[-1]
        kinds = r"macro_rules!\s*" if bang else r"(?:fn|struct|enum|trait|const|static|mod|type)\s+"
        if not re.search(kinds + re.escape(name) + r"\b", sources):
            fail(doc, f"names `{item}{bang}`, which the crates do not define; keep the recipe true to the code")


def main() -> None:
    file_sizes()
    architecture_paths()
    architecture_items()
    crate_edges()
    doors()
    savepoints()
    names = migration_trees()
    db = sqlite_round_trip(names)
    if db is not None:
        schema_matches(db)
    if len(sys.argv) > 1:
        postgres_round_trip(names, sys.argv[1])
    for line in failures:
        print(f"guard failed: {line}")
    if failures:
        sys.exit(1)
    print(f"guards passed: file sizes, crate edges, doors, savepoints, {len(names)} migrations in both trees, "
          f"up → down → up on SQLite{' and PostgreSQL' if len(sys.argv) > 1 else ''}, schema.rs matches, ARCHITECTURE.md's paths and items exist")


if __name__ == "__main__":
    main()
