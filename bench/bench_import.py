"""Import speed: a 20,000-row Systems sheet plus 20,000 Candidates in one xlsx; hostile files."""

from __future__ import annotations

import io
import random
import time

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


if __name__ == "__main__":
    main()
