"""Following one object's signals: move a widget's (signal, slot) connections from the old object to the new."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Connections = Callable[[Any], Iterable[tuple[Any, Callable]]]


def refollow(old: Any, new: Any, connections: Connections) -> None:
    """Disconnect ``connections(old)`` and connect ``connections(new)``; either may be None."""
    if old is not None:
        for signal, slot in connections(old):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the old document or scene is already gone
                pass
    if new is not None:
        for signal, slot in connections(new):
            signal.connect(slot)
