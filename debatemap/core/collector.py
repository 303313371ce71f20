"""Collector: pausing Python's cyclic garbage collector around bursts of short-lived objects."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection passes inside; as it was after. For work that makes tens of
    thousands of short-lived objects (a 10,000-node evaluation, layout write or analysis):
    they would set off dozens of passes, some full ones of 0.1 s, and are freed by reference
    counting anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
