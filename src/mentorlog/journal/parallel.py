"""Parsing many files on two cores, for the first read of a large journal.

A journal of ten thousand files read for the first time (a new machine, a fresh clone, a
deleted cache) spends nearly all its time parsing TOML and scanning bodies, work that is the
same for every file and needs nothing from the others. `map_in_two` forks once: the child
parses every other file and sends its results back through a pipe as one `marshal` payload,
while the parent parses the rest. The results must be plain data (`marshal` can hold no
code), which the index's rows already are.

Whatever goes wrong with the child (no `fork`, other threads running, a crash, a short or
damaged payload) costs only time: the parent parses the child's share itself. On macOS, where a
forked child that does not exec is not safe, everything is parsed in one process.

The child holds copies of the parent's open files, the journal's lock among them, until it
exits: if the parent is killed, the lock is released when the child finishes its share (a few
tenths of a second), not at once. The child writes nothing but its pipe.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many files a fork costs more than it saves.
MIN_ITEMS = 400


def map_in_two(
    func: Callable[[Item], Result],
    items: Sequence[Item],
    on_progress: Callable[[int, int], None] | None = None,
    portable: Callable[[Result], Result] | None = None,
) -> list[Result]:
    """[func(item) for item in items], every other item computed in a child process when
    that is possible and worth it (alternate items, not halves: the items that cost most,
    a journal's mentors, come first, and alternating shares them). The child sends
    `portable(result)` (default: the result itself), which must be plain data.
    `on_progress(done, total)` is called as the parent goes, counting the child as keeping
    pace."""
    total = len(items)
    if total < MIN_ITEMS or not _can_fork():
        return _serial(func, items, 0, total, on_progress, step=1)
    # The first item in the parent, before forking: whatever it imports, the child inherits.
    mine = [func(items[0])]
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        _child(func, items[1::2], portable, read_end, write_end)
    os.close(write_end)
    theirs: list[Result] | None = None
    try:
        mine.extend(_serial(func, items[2::2], 0, len(items[2::2]), _paced(on_progress, total), 1))
        payload = _read_all(read_end)
        _, status = os.waitpid(pid, 0)
        pid = 0
        if os.waitstatus_to_exitcode(status) == 0:
            theirs = _decode(payload, total // 2)
    finally:
        os.close(read_end)
        if pid:  # interrupted while the child runs: stop it, leave no zombie
            _stop(pid)
    if theirs is None:
        theirs = [func(item) for item in items[1::2]]
    results: list[Result] = [mine[0]] * total
    results[0::2] = mine
    results[1::2] = theirs
    if on_progress is not None:
        on_progress(total, total)
    return results


def _paced(
    on_progress: Callable[[int, int], None] | None, total: int
) -> Callable[[int, int], None] | None:
    """Progress of the parent's share, reported for both processes."""
    if on_progress is None:
        return None
    report = on_progress

    def paced(done: int, _share: int) -> None:
        report(min(2 * (done + 1), total), total)

    return paced


def _can_fork() -> bool:
    if not hasattr(os, "fork") or _cores() < 2:
        return False
    if sys.platform == "darwin":
        # macOS system libraries are not safe to use in a forked child that does not exec
        # (Python itself stopped forking there by default): one core, no surprises.
        return False
    # A fork copies only the calling thread: a lock another thread holds would never be
    # released in the child. With other threads running, parse in one process.
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the
    machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _serial(
    func: Callable[[Item], Result],
    items: Sequence[Item],
    start: int,
    stop: int,
    on_progress: Callable[[int, int], None] | None,
    step: int,
) -> list[Result]:
    results = []
    total = len(items)
    for position in range(start, stop):
        results.append(func(items[position]))
        if on_progress is not None:
            on_progress(min((position + 1) * step, total), total)
    return results


def _child(
    func: Callable[[Item], Result],
    items: Sequence[Item],
    portable: Callable[[Result], Result] | None,
    read_end: int,
    write_end: int,
) -> None:  # pragma: no cover - runs in the child process
    code = 1
    try:
        os.close(read_end)
        results = [func(item) for item in items]
        if portable is not None:
            results = [portable(result) for result in results]
        view = memoryview(marshal.dumps(results))
        while view:
            view = view[os.write(write_end, view) :]
        code = 0
    except BaseException:
        pass
    finally:
        # Never return into the caller's code, run its cleanup or flush its buffers.
        os._exit(code)


def _read_all(fd: int) -> bytes:
    parts: list[bytes] = []
    while True:
        part = os.read(fd, 1 << 20)
        if not part:
            return b"".join(parts)
        parts.append(part)


def _decode(payload: bytes, expected: int) -> list[Result] | None:
    try:
        results = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(results, list) or len(results) != expected:
        return None
    return results


def _stop(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
