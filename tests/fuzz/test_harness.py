"""The fuzz harness itself: inputs, seeds, mutations, crash records, and the saved crash
inputs the fuzzer once found, each of which must now get the planner's own answer."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from fuzz import inputs, seeds
from fuzz.mutate import mutate
from fuzz.target import Run, import_upload, signature
from planner.service import load_files

SAVED = sorted((Path(__file__).parent / "inputs").iterdir())


@pytest.mark.parametrize("path", SAVED, ids=[p.name for p in SAVED])
def test_every_saved_crash_input_gets_the_planners_own_answer(path: Path) -> None:
    import_upload(path.read_bytes())  # any exception but PlannerError fails the test


def test_the_saved_inputs_are_there() -> None:
    assert any(p.name.startswith("negative-seek-") for p in SAVED)


def test_an_input_names_its_upload_by_its_first_byte() -> None:
    for name in ("book.xlsx", "table.csv", "tables.zip"):
        blob = inputs.encode(name, b"PK data")
        assert inputs.decode(blob) == ("upload" + Path(name).suffix, b"PK data")
    assert inputs.decode(bytes([7]) + b"x") == ("upload.csv", b"x")  # any byte picks a name
    assert inputs.decode(b"") == ("upload.xlsx", b"")


def test_the_seeds_cover_workbooks_csv_files_and_zips(tmp_path: Path) -> None:
    files = dict(seeds.seed_files())
    assert {"sample_city.xlsx", "sample_city.zip", "template.xlsx", "messy.xlsx",
            "bomb.xlsx"} <= set(files)
    assert {Path(n).suffix for n in files} >= {".xlsx", ".csv", ".zip"}
    assert seeds.write_seeds(tmp_path) == len(list(tmp_path.iterdir())) == len(files)


def flip_a_byte(data: bytes, max_size: int) -> bytes:
    """A stand-in for libFuzzer's mutator (which needs a fuzzing run): one byte changed."""
    if not data:
        return b"x"
    at = len(data) // 2
    return (data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1:])[:max_size]


def test_a_mutation_changes_a_part_inside_the_zip_and_keeps_it_a_zip() -> None:
    blob = inputs.encode("book.xlsx", dict(seeds.seed_files())["small.xlsx"])
    with zipfile.ZipFile(io.BytesIO(blob[1:])) as archive:
        before = {i.filename: archive.read(i) for i in archive.infolist()}
    changed = 0
    for seed in range(40):
        mutant = mutate(blob, 2_000_000, seed, byte_mutator=flip_a_byte)
        if not mutant[1:].startswith(b"PK"):
            continue
        try:
            with zipfile.ZipFile(io.BytesIO(mutant[1:])) as archive:
                after = {i.filename: archive.read(i) for i in archive.infolist()}
        except zipfile.BadZipFile:  # the bytes of the zip itself were mutated
            continue
        changed += after != before
    assert changed >= 20


def test_a_crash_is_kept_once_per_signature_with_its_traceback(tmp_path: Path) -> None:
    run = Run(tmp_path / "crashes", tmp_path / "stats.json", keep_going=True, slow_limit=30)
    for blob in (b"\x00first", b"\x00second"):
        try:
            int("not a number")
        except ValueError as exc:
            run.crash(blob, exc)
    kept = sorted((tmp_path / "crashes").iterdir())
    assert len(kept) == 2  # the first input and its traceback
    assert kept[0].read_bytes() == b"\x00first"
    assert kept[1].read_text().startswith("ValueError at test_harness.py:")
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert list(stats["crash_signatures"].values()) == [2]


def test_the_planners_own_errors_are_answers_and_anything_else_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = Run(tmp_path / "crashes", tmp_path / "stats.json", keep_going=False, slow_limit=30)
    run.one(inputs.encode("x.xlsx", b"PK\x03\x04 not a zip"))  # refused: no crash
    assert not (tmp_path / "crashes").exists()

    def broken_reader(sources: list[tuple[str, bytes]]) -> None:
        raise KeyError("xl/workbook.xml")

    monkeypatch.setattr("fuzz.target.load_files", broken_reader)
    with pytest.raises(KeyError):
        run.one(inputs.encode("x.xlsx", b"PK\x03\x04 not a zip"))
    assert len(list((tmp_path / "crashes").iterdir())) == 2
    assert signature(KeyError()) == "KeyError at ?"
    assert json.loads(run.stats.read_text())["crash_signatures"] == {
        f"KeyError at test_harness.py:{broken_reader.__code__.co_firstlineno + 1}": 1}


def test_a_crash_signature_names_the_planner_frame_that_raised() -> None:
    with pytest.raises(AttributeError) as caught:
        load_files([("upload.xlsx", None)])  # type: ignore[list-item]
    assert signature(caught.value).startswith("AttributeError at safety.py:")
