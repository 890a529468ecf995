"""The seed corpus: the sample city, the blank template and the test suite's messy files."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from fuzz.inputs import encode


def _sample_city() -> list[tuple[str, bytes]]:
    import tempfile

    from planner.samples.sample_city import build_sample_city, write_sample_city

    frames = build_sample_city()
    with tempfile.TemporaryDirectory() as folder:
        write_sample_city(Path(folder) / "sample_city.xlsx")
        workbook = (Path(folder) / "sample_city.xlsx").read_bytes()
    csvs = {f"{name}.csv": frame.to_csv(index=False).encode() for name, frame in frames.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in csvs.items():
            archive.writestr(member, content)
    semicolons = frames["Candidates"].head(8).to_csv(index=False, sep=";", decimal=",")
    return [("sample_city.xlsx", workbook), ("sample_city.zip", out.getvalue()),
            ("Candidates.csv", csvs["Candidates.csv"]), ("Budget.csv", csvs["Budget.csv"]),
            ("Systems.csv", csvs["Systems.csv"]),
            ("semicolons.csv", semicolons.encode("cp1252", "replace")),
            ("utf16.csv", csvs["Settings.csv"].decode().encode("utf-16"))]


def _template() -> list[tuple[str, bytes]]:
    from planner.export.template import template_bytes

    return [("template.xlsx", template_bytes())]


def _messy() -> list[tuple[str, bytes]]:
    from tests import messy_files as m

    files = [("messy.xlsx", m.messy_workbook()), ("small.xlsx", m.small_workbook()),
             ("formulas.xlsx", m.formulas_without_results()), ("hidden.xlsx", m.hidden_things()),
             ("epoch1904.xlsx", m.workbook_1904()), ("shared.xlsx", m.shared_strings_workbook()),
             ("macros.xlsm", m.with_macros()), ("links.xlsx", m.with_external_links()),
             ("far.xlsx", m.far_cell("AB300")), ("truncated.xlsx", m.truncated()),
             ("no_types.xlsx", m.without_content_types()), ("bomb.xlsx", m.xml_bomb()),
             ("declared.xlsx", m.zip_bomb_declared()), ("old.xlsx", m.ole_file(False)),
             ("csvs.zip", m.csv_zip({"Candidates.csv": b"candidate_id,name,one_time_cost\n"
                                     b"C1,One,\"$1,200\"\nC2,Two,TBD\n",
                                     "notes.txt": b"hello", "__MACOSX/._x.csv": b"\0"}))]
    return files


def seed_files() -> list[tuple[str, bytes]]:
    """Every seed as (file name, bytes)."""
    return _sample_city() + _template() + _messy()


def write_seeds(folder: Path) -> int:
    """Write every seed as a fuzz input into `folder`; the number written."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = seed_files()
    for name, data in seeds:
        blob = encode(name, data)
        digest = hashlib.sha1(blob).hexdigest()[:12]
        (folder / f"{Path(name).stem}-{digest}").write_bytes(blob)
    return len(seeds)
