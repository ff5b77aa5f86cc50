"""Work on untrusted files in another process, with a deadline and a memory cap.

A parser that takes minutes or gigabytes on a crafted file must not hold the server's
interpreter (and so every other visitor) or its memory. The dashboard reads each batch of
uploads in a child process that handles the files one after another and sends back each
result as it is done; a file that takes longer than its deadline, or makes the child die
(a memory cap reached, a crash in a parser's C code), is refused on its own, the child is
ended, and a new one goes on with the files after it.

The child is a fresh interpreter (`python -m analysis.isolated`), not a fork of the server:
it inherits none of the server's threads, locks or memory. Work and results cross by pickle
over its pipes; results are built by the child's own code, never taken from the file.

Work that gives its result in parts (a generator: a table of a hundred thousand rows, a batch
of rows at a time) sends each part as it is made; the deadline then holds for each part, and
the child waits while the server is still busy with the parts before (the server's memory
holds a few parts, never the whole file).
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import inspect
import os
import pickle
import queue
import resource
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.errors import RefusedInput
from analysis.limits import MAX_READ_MEMORY_BYTES, MAX_READ_SECONDS

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Make this (worker) process end when the process that started it does: a killed import
    must not leave its workers running. Linux only; elsewhere nothing happens."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


@dataclass(frozen=True)
class Refused:
    """Why one item was refused."""

    reason: str


def serve() -> None:
    """The child (`python -m analysis.isolated`): reads the work, the items and the memory cap
    from its input, and writes each item's result, or why it was refused, as soon as it is done."""
    die_with_parent()
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing a parser prints may corrupt the results
    module_name, function_name, items, memory = pickle.load(source)
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit is already set: it stays
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    work = getattr(importlib.import_module(module_name), function_name)

    def send(index: int, outcome: Any, last: bool) -> None:
        pickle.dump((index, outcome, last), sink)
        sink.flush()

    for index, item in enumerate(items):
        try:
            outcome: Any = work(*item)
            if inspect.isgenerator(outcome):  # each part as soon as it is made
                for part in outcome:
                    send(index, part, False)
                outcome = _DONE
        except RefusedInput as error:
            outcome = Refused(str(error))
        except MemoryError:
            outcome = Refused(f"reading it needs more than {memory / 1e9:.0f} GB of memory: refused")
        except Exception as error:  # a parser's own failure: this item only
            outcome = Refused(f"could not be read ({type(error).__name__})")
        send(index, outcome, True)


@dataclass(frozen=True)
class _PartsDone:
    """What the child sends after the last part of work given in parts."""


_DONE = _PartsDone()
# Parts that wait for the server to take them: more and the child waits before it reads on.
_WAITING_PARTS = 2


def _results(stream, into: queue.Queue, stop: threading.Event) -> None:
    """What the child sends back, item by item; None once it has stopped."""
    try:
        while not stop.is_set():
            _put(into, pickle.load(stream), stop)
    except (EOFError, pickle.UnpicklingError, OSError, ValueError, AttributeError):
        pass
    _put(into, None, stop)


def _put(into: queue.Queue, message: Any, stop: threading.Event) -> None:
    """Hand a message on once there is room, unless the server stopped listening."""
    while not stop.is_set():
        with contextlib.suppress(queue.Full):
            into.put(message, timeout=0.1)
            return


def run_isolated(
    work: Callable[..., Any],
    items: Sequence[tuple],
    seconds: float = MAX_READ_SECONDS,
    memory: int = MAX_READ_MEMORY_BYTES,
) -> list[Any]:
    """`work(*item)` for every item, in a child process: each result in order, or a `Refused`
    for an item that raised `RefusedInput`, took longer than `seconds` or ended the child.
    `work` must be a module-level function (the child imports it by name)."""
    results: list[Any] = [None] * len(items)
    for index, outcome in stream_isolated(work, items, seconds, memory):
        results[index] = outcome
    return results


def stream_isolated(
    work: Callable[..., Any],
    items: Sequence[tuple],
    seconds: float = MAX_READ_SECONDS,
    memory: int = MAX_READ_MEMORY_BYTES,
) -> Iterator[tuple[int, Any]]:
    """`work(*item)` for every item, in a child process, as (item's index, result) pairs in
    order: a `Refused` for an item that raised `RefusedInput`, took longer than `seconds` or
    ended the child. Work that is a generator gives a pair for each part it yields, within
    `seconds` of the one before, and a `Refused` after them if it stopped on the way.
    `work` must be a module-level function (the child imports it by name)."""
    start = 0
    root = Path(__file__).resolve().parent.parent
    while start < len(items):
        child = subprocess.Popen(
            [sys.executable, "-m", "analysis.isolated"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=root,
        )
        arrived: queue.Queue = queue.Queue(maxsize=_WAITING_PARTS)
        stop = threading.Event()
        listener = threading.Thread(target=_results, args=(child.stdout, arrived, stop), daemon=True)
        listener.start()
        next_index = start
        try:
            assert child.stdin is not None  # opened with stdin=PIPE
            with contextlib.suppress(BrokenPipeError):
                pickle.dump((work.__module__, work.__name__, list(items[start:]), memory), child.stdin)
                child.stdin.close()
            while next_index < len(items):
                try:
                    message = arrived.get(timeout=seconds)
                except queue.Empty:
                    yield (
                        next_index,
                        Refused(
                            f"reading it took longer than {seconds:.0f} s: refused so that it does not hold up the rest"
                        ),
                    )
                    break
                if message is None:  # the child died on this item (memory cap, a crash in C code)
                    yield (
                        next_index,
                        Refused(
                            f"reading it stopped the reader (it needs more than {memory / 1e9:.0f} GB of memory, or "
                            "the file is damaged): refused"
                        ),
                    )
                    break
                offset, outcome, last = message
                if not isinstance(outcome, _PartsDone):
                    yield start + offset, outcome
                if last:
                    next_index = start + offset + 1
        finally:
            stop.set()
            child.kill()
            child.wait()
            listener.join(timeout=5)
        start = next_index + 1 if next_index < len(items) else next_index


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is still running, a zombie not counted (for tests of
    workers ending with their parent)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")
