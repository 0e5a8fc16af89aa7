"""Batch progress for whoever runs the flow in this process (the CLI's progress bar).

Kept out of the flow's module on purpose: Dask pickles the flow function by value, with the module
globals it names, and a listener holding a terminal (with its locks) cannot be pickled. Functions
of this module are pickled by reference, so the listeners never leave the process.
"""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[int, int, int], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def batch_done(done: int, total: int, files: int) -> None:
    for listener in list(_listeners):
        listener(done, total, files)
