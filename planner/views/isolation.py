"""Reading an upload in a worker process with a memory and a time limit, so that one hostile or
huge file can neither exhaust the server's memory nor hold a core for the other sessions.

`read_upload_isolated` does what `planner.service.load_files` does (or another reader given
as `reader`, such as `read_workspace`), in a child process at a lower priority. The server
watches the child's resident memory (above what it had when it started) and stops it past
the memory limit; the child's address space is capped (`RLIMIT_AS`) a little higher as a
backstop. The child is killed when its time is up, when the caller says to stop (the session
ended), or when the caller itself is interrupted. Whatever happens, the memory the reading
took goes with the child; the server only ever holds the result. The limits are read from
the environment in one place, `UploadLimits.from_environment`. Workers start from a fork
server (started on first use, with the environment of that moment).
"""

from __future__ import annotations

import importlib.machinery
import multiprocessing
import os
import pickle
import resource
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from planner.errors import PlannerError, UnreadableFileError
from planner.service import MappingSource, load_files
from planner.validate.portfolio import Validated

SECONDS_SETTING = "PLANNER_UPLOAD_SECONDS"
MEMORY_SETTING = "PLANNER_UPLOAD_MEMORY_MB"
WORKERS_SETTING = "PLANNER_UPLOAD_WORKERS"
DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY_MB = 2048
DEFAULT_WORKERS = 2
POLL_S = 0.1  # how often the wait checks whether the caller wants to stop
WORKER_NICENESS = 5  # reading yields the processor to the sessions the server is serving
# The server watches the worker's resident memory and stops it past the limit. The worker's
# own address-space cap sits this far above, a backstop for memory taken between two looks
# (a process that runs into its cap can hang in a library's error path instead of failing).
HEADROOM_MB = 512

Sources = list[tuple[str, bytes]]
# A reader of uploads, defined at module level so that the worker can be told which one:
# load_files (the default) or read_workspace.
Reader = Callable[..., Any]


@dataclass(frozen=True)
class UploadLimits:
    """How long and how much memory reading one upload may take, and how many read at once."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB
    workers: int = DEFAULT_WORKERS

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> UploadLimits:
        """The limits set by PLANNER_UPLOAD_SECONDS, PLANNER_UPLOAD_MEMORY_MB and
        PLANNER_UPLOAD_WORKERS, each falling back to its default when unset."""
        env = os.environ if environ is None else environ
        return cls(seconds=_setting(env, SECONDS_SETTING, DEFAULT_SECONDS, float),
                   memory_mb=_setting(env, MEMORY_SETTING, DEFAULT_MEMORY_MB, int),
                   workers=_setting(env, WORKERS_SETTING, DEFAULT_WORKERS, int))


def _setting(env: Mapping[str, str], name: str, default: Any, kind: type) -> Any:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        raise PlannerError(f"The setting {name}={text!r} is not a number; set it to a "
                           f"positive number such as {default}.") from None
    if value <= 0:
        raise PlannerError(f"The setting {name}={text!r} must be more than zero.")
    return value


_SLOTS_LOCK = threading.Lock()
_SLOTS: dict[int, threading.BoundedSemaphore] = {}


def _slots(workers: int) -> threading.BoundedSemaphore:
    """The server-wide count of uploads being read at once (one semaphore per setting)."""
    with _SLOTS_LOCK:
        return _SLOTS.setdefault(workers, threading.BoundedSemaphore(workers))


def read_upload_isolated(sources: Sources, *, mapping: MappingSource = None,
                         reader: Reader | None = None, limits: UploadLimits | None = None,
                         should_stop: Callable[[], bool] | None = None) -> Validated | Any:
    """`load_files(sources, mapping=mapping)` in a worker process within `limits`.

    With `reader`, `reader(sources)` runs instead (with `mapping=` when one is given), and
    what it returns comes back. Returns the validated upload, or raises the planner's own
    error: the reader's refusal, or a plain UnreadableFileError when the file took too long
    or needed too much memory. When `should_stop()` turns true (the session ended), the
    worker is stopped at once and the upload is refused as abandoned.
    """
    limits = limits or UploadLimits.from_environment()
    name = ", ".join(n for n, _ in sources) or "upload"
    slots = _slots(limits.workers)
    if not _acquire(slots, limits.seconds, should_stop):
        raise UnreadableFileError(
            name, f"the server was busy reading {limits.workers} other upload(s) for "
            f"{limits.seconds:g} s; try again in a minute.")
    try:
        task = (reader or load_files, sources, {} if mapping is None else {"mapping": mapping})
        return _run_worker(name, task, limits, should_stop)
    finally:
        slots.release()


def _acquire(slots: threading.BoundedSemaphore, seconds: float,
             should_stop: Callable[[], bool] | None) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if slots.acquire(timeout=POLL_S):
            return True
        if should_stop is not None and should_stop():
            return False
    return False


@contextmanager
def _main_not_rerun() -> Iterator[None]:
    """Start a worker without it running the server's main script again.

    A child started from the fork server re-runs the parent's `__main__` file when that
    module has no import name. Under Streamlit `__main__` is the app script itself, which
    cannot run outside a session; naming the module `__main__` tells the child to skip it
    (the worker needs only planner modules, imported by name).
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None:
        yield
        return
    main.__spec__ = importlib.machinery.ModuleSpec("__main__", None)
    try:
        yield
    finally:
        main.__spec__ = None


def _context() -> multiprocessing.context.BaseContext:
    """Workers start from a clean server process (never a fork of a threaded server)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["planner.service"])
    return context


def _run_worker(name: str, task: tuple[Reader, Sources, dict[str, Any]], limits: UploadLimits,
                should_stop: Callable[[], bool] | None) -> Any:
    receive, send = _context().Pipe(duplex=False)
    worker = _context().Process(target=_work, args=(send, task, limits.memory_mb),
                                name="planner-upload", daemon=True)
    with _main_not_rerun():
        worker.start()
    send.close()
    try:
        outcome = _wait(worker, receive, limits, should_stop)
    finally:
        receive.close()
        if worker.is_alive():
            worker.kill()
        worker.join()
    return _answer(name, outcome, worker.exitcode, limits)


class _MemoryWatch:
    """The worker's resident memory above what it had when first seen, and its peak."""

    def __init__(self, pid: int, memory_mb: int) -> None:
        self.path = f"/proc/{pid}/statm"
        self.limit = memory_mb * 2**20
        self.start: int | None = None
        self.peak = 0

    def exceeded(self) -> bool:
        try:
            with open(self.path, encoding="ascii") as status:
                resident = int(status.read().split()[1]) * resource.getpagesize()
        except (OSError, ValueError, IndexError):  # gone, or no /proc: the cap still holds
            return False
        if self.start is None:
            self.start = resident
        self.peak = max(self.peak, resident - self.start)
        return self.peak > self.limit


def _wait(worker: Any, receive: Connection, limits: UploadLimits,
          should_stop: Callable[[], bool] | None) -> tuple[str, Any]:
    deadline = time.monotonic() + limits.seconds
    watch = _MemoryWatch(worker.pid, limits.memory_mb)
    while (left := deadline - time.monotonic()) > 0:
        if watch.exceeded():
            return ("memory", None)
        if receive.poll(min(POLL_S, left)):
            try:
                return receive.recv()
            except EOFError:  # the worker died without a word (killed by the system)
                return ("died", None)
        if not worker.is_alive() and not receive.poll(0):
            return ("died", None)
        if should_stop is not None and should_stop():
            return ("stopped", None)
    if watch.peak > 0.9 * watch.limit:  # stuck at its memory cap rather than slow
        return ("memory", None)
    return ("timeout", None)


def _answer(name: str, outcome: tuple[str, Any], exitcode: int | None,
            limits: UploadLimits) -> Any:
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "refused":
        raise _refusal(*value)
    if kind == "timeout":
        raise UnreadableFileError(
            name, f"the file took more than {limits.seconds:g} s to read and was stopped. "
            f"Split it into smaller files, or ask the administrator to raise "
            f"{SECONDS_SETTING}.")
    if kind == "memory" or (kind == "died" and exitcode is not None and exitcode < 0):
        raise UnreadableFileError(
            name, f"the file needed more than {_size(limits.memory_mb)} of memory to read and "
            f"was stopped. Split it into smaller files, or ask the administrator to raise "
            f"{MEMORY_SETTING}.")
    if kind == "stopped":
        raise UnreadableFileError(name, "reading was stopped because the session ended.")
    raise UnreadableFileError(
        name, f"reading stopped on an unexpected problem in the planner ({value or kind}). "
        "The file was not loaded; please report it with the file attached.")


def _address_space() -> int:
    """This process's address space in bytes now (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as status:
            return int(status.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _portable(exc: PlannerError) -> tuple[str, Any]:
    """The reader's refusal as it can cross to the server: UnreadableFileError's arguments
    (file name and reason) are not what it pickles, so it travels as its parts."""
    if isinstance(exc, UnreadableFileError):
        return ("refused", (exc.filename, exc.reason, exc.issues))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return ("error", PlannerError(str(exc), issues=exc.issues))
    return ("error", exc)


def _refusal(filename: str, reason: str, issues: list[dict[str, Any]]) -> UnreadableFileError:
    error = UnreadableFileError(filename, reason)
    error.issues = issues
    return error


def _size(megabytes: int) -> str:
    return f"{megabytes / 1024:g} GB" if megabytes >= 1024 else f"{megabytes} MB"


def _work(send: Connection, task: tuple[Reader, Sources, dict[str, Any]],
          memory_mb: int) -> None:
    """The worker: cap its own memory, lower its priority, read, send the outcome back."""
    limit = _address_space() + (memory_mb + HEADROOM_MB) * 2**20  # above what it has now
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.nice(WORKER_NICENESS)
    try:
        reader, sources, options = task
        outcome: tuple[str, Any] = ("ok", reader(sources, **options))
    except MemoryError:
        outcome = ("memory", None)
    except PlannerError as exc:
        outcome = _portable(exc)
    except Exception as exc:  # a planner bug: said in one line, never a traceback on a page
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        outcome = ("bug", f"{type(exc).__name__} at {os.path.basename(frame.filename)}:"
                          f"{frame.lineno}")
    try:
        send.send(outcome)
    except MemoryError:
        send.send(("memory", None))
    finally:
        send.close()
