"""Heap: keeps a large open map's objects out of Python's full garbage-collection passes, which
otherwise stop the window for 0.1-0.2 s now and then while a 10,000-card map is open (each pass
walked some 360,000 objects: cards, links, their Qt wrappers, the map itself)."""

from __future__ import annotations

import gc

FREEZE_FROM_ITEMS = 3000  # cards + links; below this a full pass is short enough


def settle(item_count: int, replaced: bool = True) -> None:
    """Call once a map has been shown. When it ``replaced`` another, frees what that one left
    in reference cycles (one full pass); then, for a large map, moves every object alive now
    to the collector's permanent generation (``gc.freeze``): later passes scan only newer
    objects. Frozen objects are still freed by reference counting; their cycles wait for the
    next ``settle``, which unfreezes first."""
    gc.unfreeze()
    if replaced:
        gc.collect()
    if item_count >= FREEZE_FROM_ITEMS:
        gc.freeze()
