"""The collector pause around the text stage must leave the collector as the caller had it."""

from __future__ import annotations

import gc
import threading

import pytest

from cleaner.stages.gcpause import gc_paused


@pytest.fixture(autouse=True)
def _collector_on_afterwards():
    yield
    gc.enable()


def test_pause_is_nestable_and_restores_the_collector() -> None:
    gc.enable()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still on
    assert gc.isenabled()


def test_a_collector_the_caller_switched_off_stays_off() -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_an_exception_ends_the_pause() -> None:
    gc.enable()
    with pytest.raises(ValueError):
        with gc_paused():
            raise ValueError("boom")
    assert gc.isenabled()


def test_overlapping_pauses_in_threads_end_with_the_collector_on() -> None:
    gc.enable()
    inside, release = threading.Barrier(2), threading.Event()

    def work() -> None:
        with gc_paused():
            inside.wait()
            release.wait()

    first = threading.Thread(target=work)
    first.start()
    with gc_paused():
        inside.wait()
        release.set()
        first.join()
        assert not gc.isenabled()  # the other thread's end must not switch it on under us
    assert gc.isenabled()
