"""Run progress events for whoever runs the flow in this process (the CLI's terminal display).

Kept out of the flow's module on purpose: Dask pickles the flow function by value, with the module
globals it names, and a listener holding a terminal (with its locks) cannot be pickled. Functions
of this module are pickled by reference, so the listeners never leave the process.

The events, in the order a run sends them: ``ServerStarting`` and ``ServerStarted`` (only when the
run starts a temporary Prefect server), ``Planned`` (how many files the run will read), then one
``BatchDone`` per batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ServerStarting:
    url: str


@dataclass(frozen=True)
class ServerStarted:
    url: str
    seconds: float


@dataclass(frozen=True)
class Planned:
    files: int
    batches: int


@dataclass(frozen=True)
class BatchDone:
    done: int
    total: int
    files: int


Event = ServerStarting | ServerStarted | Planned | BatchDone
Listener = Callable[[Event], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def publish(event: Event) -> None:
    for listener in list(_listeners):
        listener(event)


def batch_done(done: int, total: int, files: int) -> None:
    publish(BatchDone(done, total, files))
