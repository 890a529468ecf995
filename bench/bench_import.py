"""Import speed: a 20,000-row Systems sheet plus 20,000 Candidates in one xlsx; hostile files;
and files at and past the limits (planner.ingest.limits), each in its own process so that
its peak memory is its own: the issue's hostile files must be refused within 2 s and 500 MB,
files at the limits imported within 30 s and 2 GB.
"""

from __future__ import annotations

import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from bench import median_seconds
from planner.errors import UnreadableFileError
from planner.ingest.files import read_bytes
from planner.service import load_book, load_files

ROWS = 20_000
REPEATS = 3


def inventory_bytes(rows: int = ROWS, seed: int = 0) -> bytes:
    """Systems and Candidates as a clerk types them: alias headers, text money, a title row."""
    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    systems = wb.create_sheet("App Inventory")
    systems.append(["Riverton application inventory"])
    systems.append(["App ID", "App Name", "Dept", "Vendor", "Platform", "Go-Live Year",
                    "End of Support", "Annual Maint. ($)", "Users", "Residents",
                    "Mission Criticality", "Security Rating", "Condition", "Business Fit",
                    "Notes"])
    for i in range(rows):
        systems.append([
            f"S-{i:05d}", f"System {i}", rng.choice(["Police", "Finance", "Parks", "Utilities"]),
            rng.choice(["Tyler", "Oracle", "In-house"]), rng.choice(["AS/400", "SaaS", ".NET"]),
            rng.randint(1985, 2022), rng.choice([2026, "June 2027", "2028-12-31", None]),
            rng.choice([f"${rng.randint(5, 900)}k", rng.randint(5_000, 900_000), "N/A"]),
            rng.randint(1, 400), rng.randint(0, 150_000), rng.randint(1, 5),
            rng.choice(["High", "Low", 3, 4]), rng.randint(1, 5), rng.randint(1, 5),
            rng.choice(["", "legacy", "replace soon"])])
    candidates = wb.create_sheet("Project Requests")
    candidates.append(["Project #", "Project Name", "Replaces", "Strategy", "Est. Cost",
                       "Duration (months)", "Operating Cost", "Annual Savings", "FTE", "Risk",
                       "Alignment", "Depends On", "Group", "Mandatory?", "Start FY",
                       "Deadline", "Funding Source", "Notes"])
    for i in range(rows):
        candidates.append([
            f"C-{i:05d}", f"Project {i}", f"S-{rng.randrange(rows):05d}",
            rng.choice(["replace", "SaaS", "rehost", "retire"]),
            rng.choice([f"${rng.randint(20, 3000)}k", f"{rng.randint(20, 3000) * 1000:,}"]),
            rng.choice([6, 12, 18, 24]), rng.randint(0, 90_000), rng.randint(0, 200_000),
            rng.choice([0.5, 1, 2]), rng.randint(1, 5), rng.randint(1, 5),
            f"C-{rng.randrange(i):05d}" if i and rng.random() < 0.1 else None,
            f"G{rng.randrange(500)}" if rng.random() < 0.1 else None,
            rng.choice(["no", "no", "yes"]) if rng.random() < 0.05 else "no",
            rng.choice(["FY2027", "FY28", 2029]), None, "General Fund", None])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    from tests.messy_files import zip_bomb_ratio

    return zip_bomb_ratio(40)


def _refusal_ms(data: bytes) -> float:
    def run() -> None:
        try:
            read_bytes("bomb.xlsx", data)
        except UnreadableFileError:
            return
        raise AssertionError("the file was not refused")

    return median_seconds(run, REPEATS) * 1000


def main() -> None:
    """Print the median import figures."""
    started = time.perf_counter()
    data = inventory_bytes()
    print(f"generated {2 * ROWS:,} rows as {len(data) / 2**20:.1f} MB xlsx in "
          f"{time.perf_counter() - started:.1f} s")
    book = read_bytes("inventory.xlsx", data)
    read = median_seconds(lambda: read_bytes("inventory.xlsx", data), REPEATS)
    validate = median_seconds(lambda: load_book(book), REPEATS)
    total = median_seconds(lambda: load_files([("inventory.xlsx", data)]), REPEATS)
    result = load_files([("inventory.xlsx", data)])
    print(f"rows read: {result.counts}; issues: {len(result.log.items):,}")
    print(f"read xlsx (safety checks + cells):      {read:6.2f} s (median of {REPEATS})")
    print(f"recognize + map + validate:             {validate:6.2f} s")
    print(f"import and validate, end to end:        {total:6.2f} s  (target < 5 s)")

    from tests import messy_files as mf

    print(f"zip bomb (40 MB sheet) refused in:      {_refusal_ms(_zip_bomb()):6.2f} ms")
    print(f"declared 2 GB member refused in:        {_refusal_ms(mf.zip_bomb_declared()):6.2f} ms")
    print(f"XML bomb refused in:                    {_refusal_ms(mf.xml_bomb()):6.1f} ms")
    far = mf.far_cell("XFD1048576")
    far_ms = median_seconds(lambda: load_files([("far.xlsx", far)]), REPEATS) * 1000
    print(f"stray cell at XFD1048576 read in:       {far_ms:6.1f} ms")


    limit_cases()


# --- files at and past the limits, one process per run -----------------------------------

def _child(path: str) -> None:
    """Import one file as the app does (read, recognize, validate); print time and peak."""
    import pandas  # noqa: F401  (loaded before the baseline, as in a running server)

    from planner.errors import PlannerError
    from planner.service import load_paths

    before = _peak_kib()
    started = time.perf_counter()
    try:
        result = load_paths([path])
        outcome = f"imported {sum(result.counts.values()):,} rows"
    except PlannerError as exc:
        outcome = f"refused: {str(exc)[:150]}"
    seconds = time.perf_counter() - started
    peak = _peak_kib()
    print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024,
                      "added_mb": (peak - before) / 1024, "outcome": outcome}))


def _peak_kib() -> int:
    """This process's peak resident memory (VmHWM; unlike ru_maxrss, not inherited from the
    parent that started it)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def _measure(path: Path, repeats: int) -> dict:
    runs = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, "-m", "bench.bench_import", "--child", str(path)],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "peak_mb": statistics.median(r["peak_mb"] for r in runs),
            "added_mb": statistics.median(r["added_mb"] for r in runs),
            "outcome": runs[0]["outcome"]}


def _wide_csv() -> bytes:
    from tests import messy_files as mf

    return mf.tiny_cells_csv(100_000, 200)


def _systems_csv(rows: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    lines = ["system_id,name,department,vendor,platform,year_implemented,end_of_support,"
             "annual_om_cost,staff_users,residents_served,criticality,security_risk,"
             "technical_condition,functional_fit,notes"]
    lines += [f"S-{i:06d},System {i},{rng.choice(['Police', 'Parks', 'Finance'])},"
              f"{rng.choice(['Tyler', 'Oracle'])},{rng.choice(['AS/400', 'SaaS'])},"
              f"{rng.randint(1985, 2022)},{rng.randint(2024, 2032)},{rng.randint(5, 900) * 1000},"
              f"{rng.randint(1, 400)},{rng.randint(0, 150_000)},{rng.randint(1, 5)},"
              f"{rng.randint(1, 5)},{rng.randint(1, 5)},{rng.randint(1, 5)},note {i}"
              for i in range(rows)]
    return "\n".join(lines).encode()


def _candidates_csv(rows: int, systems: int, seed: int = 2) -> bytes:
    rng = random.Random(seed)
    lines = ["candidate_id,name,targets,approach,one_time_cost,duration_months,"
             "annual_operating_cost,annual_savings,staff_fte,delivery_risk,"
             "strategic_alignment,requires,alternative_group,mandatory,earliest_start,"
             "must_finish_by,funding_sources,notes"]
    lines += [f"C-{i:05d},Project {i},S-{rng.randrange(systems):06d},replace,"
              f"{rng.randint(20, 3000) * 1000},{rng.choice([6, 12, 24])},{rng.randint(0, 90_000)},"
              f"{rng.randint(0, 200_000)},1,{rng.randint(1, 5)},{rng.randint(1, 5)},,,no,2027,,"
              f"General Fund,note {i}" for i in range(rows)]
    return "\n".join(lines).encode()


def _at_limit_zip() -> bytes:
    """Candidates at the candidate limit beside 35,000 Systems, as CSV files in a zip:
    525,000 filled cells of Systems, 360,000 of Candidates (the cell limit is 1,000,000)."""
    from tests import messy_files as mf

    return mf.csv_zip({"Systems.csv": _systems_csv(35_000),
                       "Candidates.csv": _candidates_csv(20_000, 35_000),
                       "Budget.csv": b"fiscal_year,fund,capital_budget\n2027,General Fund,9e6\n"})


def _at_limit_workbook() -> bytes:
    """The same tables as one workbook's two sheets (inline strings, as some tools write)."""
    import csv as csv_module

    from tests import messy_files as mf

    def sheet(data: bytes) -> bytes:
        return mf.sheet_xml(list(csv_module.reader(io.StringIO(data.decode()))))

    shell = Workbook()
    shell.active.title = "Systems"
    shell.create_sheet("Candidates")
    return mf.rezip(mf.save(shell), replace={
        "xl/worksheets/sheet1.xml": sheet(_systems_csv(35_000)),
        "xl/worksheets/sheet2.xml": sheet(_candidates_csv(20_000, 35_000))})


def _at_cell_limit_csv() -> bytes:
    """One CSV of exactly 1,000,000 filled cells: 50,000 rows of 20 columns."""
    header = ",".join(["system_id", "name"] + [f"measure_{c}" for c in range(18)])
    body = "\n".join(f"S-{i:06d},System {i}," + ",".join(str(i % 97 + c) for c in range(18))
                     for i in range(49_999))
    return (header + "\n" + body + "\n").encode()


def _limit_cases() -> dict[str, tuple[str, Callable[[], bytes]]]:
    from tests import messy_files as mf

    return {
        "30,000 merges of B2:B100000": ("merges.xlsx", lambda: mf.many_merges(30_000)),
        "one merge of B2:XFD1048576": ("merge.xlsx", mf.whole_sheet_merge),
        "290 CSV files, 290 MB unpacked": (
            "tables.zip", lambda: mf.csv_zip_of_tiny_cells(290, rows=25_000, columns=20)),
        "50 CSV files of tiny cells, 1 MB each": (
            "tables.zip", lambda: mf.csv_zip_of_tiny_cells(50, rows=26_000, columns=20)),
        "13 million shared strings, declared": (
            "strings.xlsx", lambda: mf.many_shared_strings(13_000_000)),
        "13 million shared strings, undeclared": (
            "strings.xlsx", lambda: mf.many_shared_strings(13_000_000, declare=False)),
        "100,000 x 200 CSV": ("wide.csv", _wide_csv),
        "at the limits: 20,000 candidates + 35,000 systems": ("inventory.zip", _at_limit_zip),
        "the same as a workbook": ("inventory.xlsx", _at_limit_workbook),
        "at the cell limit: 1,000,000 cells in one CSV": ("Systems.csv", _at_cell_limit_csv),
    }


def limit_cases() -> None:
    """Print the median time and peak memory of each file at or past the limits."""
    quick = os.environ.get("BENCH_QUICK") == "1"
    repeats = 1 if quick else 3
    print(f"\nfiles at and past the limits (median of {repeats} runs, each in its own process; "
          "peak = the process's maximum resident memory, added = above its start):")
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, build) in _limit_cases().items():
            path = Path(folder) / name
            path.write_bytes(build())
            size = path.stat().st_size / 2**20
            figures = _measure(path, repeats)
            print(f"  {label:<50} {size:6.1f} MB file  {figures['seconds']:6.2f} s  "
                  f"peak {figures['peak_mb']:6.0f} MB (added {figures['added_mb']:5.0f} MB)"
                  f"  {figures['outcome']}", flush=True)
            path.unlink()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2])
    else:
        main()
