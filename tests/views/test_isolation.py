"""Reading an upload in a worker process: the same answers as in-process, and a server whose
memory and processor stay its own when a file is too slow, too big or abandoned."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from planner.errors import PlannerError, UnreadableFileError
from planner.service import load_files
from planner.views import isolation as I
from planner.views.workspace import Workspace, read_workspace
from tests.messy_files import truncated

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample_city.xlsx"


def resident_mb() -> float:
    """This process's resident memory now, in MB."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


def long_descriptions(rows: int = 4_000, words: int = 2_000) -> bytes:
    """A valid Candidates CSV (38 MB by default, within every import limit) whose projects
    each carry a 10,000-character description: about 2 s and 100 MB to read here."""
    head = "candidate_id,name,one_time_cost,annual_savings,description\n"
    body = "".join(f"C{i},Project {i},{1000 + i},{i % 97},{'word ' * words}\n"
                   for i in range(rows))
    return (head + body).encode()


def take_memory(sources: list[tuple[str, bytes]]) -> int:
    """A reader that takes 3 GB as fast as it can."""
    blocks = [bytearray(2**20) for _ in range(3 * 1024)]
    return len(blocks)


def take_time(sources: list[tuple[str, bytes]]) -> None:
    """A reader that never finishes on its own."""
    time.sleep(600)


def no_worker_left() -> bool:
    """Every upload worker has been collected (a killed worker is gone, not a zombie)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if not [p for p in multiprocessing.active_children() if p.name == "planner-upload"]:
            return True
        time.sleep(0.05)
    return False


def test_the_sample_city_reads_the_same_in_a_worker_as_in_process() -> None:
    sources = [("sample_city.xlsx", SAMPLE.read_bytes())]
    isolated = I.read_upload_isolated(sources, limits=I.UploadLimits(seconds=120))
    direct = load_files(sources)
    assert isolated.portfolio == direct.portfolio
    assert isolated.counts == direct.counts
    assert [i.as_dict() for i in isolated.log.items] == [i.as_dict() for i in direct.log.items]
    assert isolated.files == direct.files
    assert no_worker_left()


def test_the_import_pages_reader_runs_in_the_worker_and_gives_the_same_workspace() -> None:
    sources = [("sample_city.xlsx", SAMPLE.read_bytes())]
    isolated = I.read_upload_isolated(sources, reader=read_workspace,
                                      limits=I.UploadLimits(seconds=120))
    direct = read_workspace(sources)
    assert isinstance(isolated, Workspace)
    assert sorted(isolated.frames) == sorted(direct.frames)
    for name, frame in direct.frames.items():
        assert isolated.frames[name].equals(frame)
    assert isolated.mapping == direct.mapping
    assert isolated.sheets == direct.sheets


def test_a_refused_file_keeps_its_file_name_and_reason() -> None:
    with pytest.raises(UnreadableFileError) as direct:
        load_files([("book.xlsx", truncated())])
    with pytest.raises(UnreadableFileError) as isolated:
        I.read_upload_isolated([("book.xlsx", truncated())])
    assert isolated.value.filename == "book.xlsx"
    assert isolated.value.reason == direct.value.reason
    assert str(isolated.value) == str(direct.value)


def test_a_file_that_takes_too_long_is_stopped_and_the_server_keeps_its_memory() -> None:
    data = long_descriptions()
    before = resident_mb()
    began = time.monotonic()
    with pytest.raises(UnreadableFileError) as caught:
        I.read_upload_isolated([("slow.csv", data)],
                               limits=I.UploadLimits(seconds=0.5, memory_mb=2048))
    assert time.monotonic() - began < 5
    assert caught.value.filename == "slow.csv"
    assert caught.value.reason.startswith("the file took more than 0.5 s to read and was "
                                          "stopped")
    assert I.SECONDS_SETTING in caught.value.reason
    assert no_worker_left()
    assert resident_mb() - before < 30


def test_a_file_that_needs_too_much_memory_is_stopped_and_the_server_keeps_its_memory() -> None:
    data = long_descriptions()
    before = resident_mb()
    with pytest.raises(UnreadableFileError) as caught:
        I.read_upload_isolated([("big.csv", data)],
                               limits=I.UploadLimits(seconds=120, memory_mb=20))
    assert caught.value.reason.startswith("the file needed more than 20 MB of memory to read "
                                          "and was stopped")
    assert I.MEMORY_SETTING in caught.value.reason
    assert no_worker_left()
    assert resident_mb() - before < 30


def test_a_reader_taking_memory_fast_is_stopped_at_its_limit() -> None:
    began = time.monotonic()
    with pytest.raises(UnreadableFileError) as caught:
        I.read_upload_isolated([("huge.xlsx", b"")], reader=take_memory,
                               limits=I.UploadLimits(seconds=60, memory_mb=200))
    assert caught.value.reason.startswith("the file needed more than 200 MB of memory")
    assert time.monotonic() - began < 30
    assert no_worker_left()


def test_reading_stops_as_soon_as_the_session_ends() -> None:
    ended = threading.Event()
    threading.Timer(0.5, ended.set).start()
    began = time.monotonic()
    with pytest.raises(UnreadableFileError, match="session ended"):
        I.read_upload_isolated([("slow.csv", b"")], reader=take_time,
                               limits=I.UploadLimits(seconds=120), should_stop=ended.is_set)
    assert time.monotonic() - began < 8
    assert no_worker_left()


def test_an_upload_waits_for_a_free_worker_no_longer_than_its_time_limit() -> None:
    slots = I._slots(1)
    slots.acquire()
    try:
        with pytest.raises(UnreadableFileError, match="busy reading 1 other upload"):
            I.read_upload_isolated([("book.xlsx", truncated())],
                                   limits=I.UploadLimits(seconds=0.3, workers=1))
    finally:
        slots.release()


def test_the_limits_come_from_the_environment_in_one_place() -> None:
    assert I.UploadLimits.from_environment({}) == I.UploadLimits(60.0, 2048, 2)
    limits = I.UploadLimits.from_environment({
        "PLANNER_UPLOAD_SECONDS": "300", "PLANNER_UPLOAD_MEMORY_MB": "8192",
        "PLANNER_UPLOAD_WORKERS": "4"})
    assert limits == I.UploadLimits(300.0, 8192, 4)
    with pytest.raises(PlannerError, match="PLANNER_UPLOAD_MEMORY_MB='lots' is not a number"):
        I.UploadLimits.from_environment({"PLANNER_UPLOAD_MEMORY_MB": "lots"})
    with pytest.raises(PlannerError, match="must be more than zero"):
        I.UploadLimits.from_environment({"PLANNER_UPLOAD_SECONDS": "0"})


def test_the_memory_limit_is_said_in_gigabytes_from_one_gigabyte() -> None:
    assert I._size(2048) == "2 GB"
    assert I._size(300) == "300 MB"


def test_a_worker_started_under_streamlit_does_not_run_the_app_script_again(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Streamlit runs the page script as a module named __main__ with a file and no spec; a
    # fork-server child would run that file again (it cannot run outside a session).
    script = tmp_path / "app.py"
    script.write_text("raise SystemExit('the app script ran in the worker')\n")
    streamlit_main = types.ModuleType("__main__")
    streamlit_main.__file__ = str(script)
    streamlit_main.__spec__ = None
    monkeypatch.setitem(sys.modules, "__main__", streamlit_main)
    validated = I.read_upload_isolated([("sample_city.xlsx", SAMPLE.read_bytes())])
    assert validated.counts["Candidates"] == 77
    assert streamlit_main.__spec__ is None
