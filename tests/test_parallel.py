"""Parsing on two cores: the same results as one process, whatever happens to the child."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from mentorlog.journal import parallel
from mentorlog.journal.parallel import MIN_ITEMS, map_in_two

MANY = MIN_ITEMS * 2 + 1
FORKS = hasattr(os, "fork") and sys.platform != "darwin" and (os.cpu_count() or 1) > 1


def square_with_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_many_items_give_the_results_of_one_process_in_order() -> None:
    items = list(range(MANY))
    results = map_in_two(square_with_pid, items)
    assert [value for value, _ in results] == [n * n for n in items]


@pytest.mark.skipif(not FORKS, reason="parsing stays in one process here")
def test_every_other_item_is_computed_in_another_process() -> None:
    results = map_in_two(square_with_pid, list(range(MANY)))
    pids = [pid for _, pid in results]
    assert set(pids[0::2]) == {os.getpid()}
    assert len(set(pids[1::2])) == 1
    assert os.getpid() not in set(pids[1::2])


def test_a_few_items_stay_in_this_process() -> None:
    results = map_in_two(square_with_pid, list(range(MIN_ITEMS - 1)))
    assert {pid for _, pid in results} == {os.getpid()}


def test_with_another_thread_running_nothing_is_forked() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = map_in_two(square_with_pid, list(range(MANY)))
    finally:
        stop.set()
        other.join()
    assert {pid for _, pid in results} == {os.getpid()}


def test_a_child_that_fails_costs_only_time() -> None:
    parent = os.getpid()

    def fails_in_the_child(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        return n + 1

    assert map_in_two(fails_in_the_child, list(range(MANY))) == [n + 1 for n in range(MANY)]


def test_results_the_pipe_cannot_carry_are_computed_here_instead() -> None:
    parent = os.getpid()
    marker = object()

    def unsendable_in_the_child(n: int) -> object:
        return marker if os.getpid() != parent else n

    # marshal cannot hold an arbitrary object: the child exits with an error and the parent
    # computes the second half itself (where the function returns plain numbers).
    assert map_in_two(unsendable_in_the_child, list(range(MANY))) == list(range(MANY))


def test_a_damaged_payload_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_read_all", lambda fd: b"\x00garbage")
    assert [v for v, _ in map_in_two(square_with_pid, list(range(MANY)))] == [
        n * n for n in range(MANY)
    ]


def test_a_payload_of_the_wrong_length_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    import marshal

    monkeypatch.setattr(parallel, "_read_all", lambda fd: marshal.dumps([(0, 0)]))
    assert [v for v, _ in map_in_two(square_with_pid, list(range(MANY)))] == [
        n * n for n in range(MANY)
    ]


def test_progress_rises_to_the_total_and_never_past_it() -> None:
    seen: list[tuple[int, int]] = []
    map_in_two(square_with_pid, list(range(MANY)), lambda done, total: seen.append((done, total)))
    dones = [done for done, _ in seen]
    assert dones == sorted(dones)
    assert seen[-1] == (MANY, MANY)
    assert all(total == MANY and 0 < done <= MANY for done, total in seen)


def test_no_child_is_left_behind() -> None:
    map_in_two(square_with_pid, list(range(MANY)))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.skipif(not FORKS, reason="parsing stays in one process here")
def test_the_child_sends_the_portable_form_of_its_results() -> None:
    marker = object()

    def with_an_object(n: int) -> tuple[int, object]:
        return n, marker

    results = map_in_two(with_an_object, list(range(MANY)), portable=lambda r: (r[0], None))
    assert results[0::2] == [(n, marker) for n in range(0, MANY, 2)]
    assert results[1::2] == [(n, None) for n in range(1, MANY, 2)]


def test_on_macos_nothing_is_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    results = map_in_two(square_with_pid, list(range(MANY)))
    assert {pid for _, pid in results} == {os.getpid()}
