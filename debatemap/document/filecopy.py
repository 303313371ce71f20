"""Copying an open map file to a new path with SQLite's backup API (for Save As)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from urllib.parse import quote

from debatemap.store.mapfile import SUFFIX, MapFileError

_SIDECARS = ("-wal", "-shm")


def copy_map_file(source: Path, target: Path) -> Path:
    """Write a consistent copy of ``source`` at ``target`` and return ``target``.

    The copy is made in a temporary file next to the target and then renamed over it, so a
    failure never leaves half a map behind. A target that some program has open (it has a
    -wal or -shm file) is refused rather than replaced under that program's feet.
    """
    source, target = Path(source), Path(target)
    if target.exists() and target.resolve() == source.resolve():
        raise MapFileError(target, "is the map that is open now; choose another name")
    if target.is_dir():
        raise MapFileError(target, "is a directory")
    if not target.parent.is_dir():
        raise MapFileError(target, f"the folder {target.parent} does not exist")
    if any(target.with_name(target.name + s).exists() for s in _SIDECARS):
        raise MapFileError(target, "is open in another program; close it there or choose another name")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".copy-", suffix=SUFFIX, dir=target.parent)
    except OSError as error:
        raise MapFileError(target, f"cannot be written ({error.strerror})") from None
    os.close(handle)
    try:
        reader = sqlite3.connect(f"file:{quote(str(source.resolve()))}?mode=ro", uri=True)
        writer = sqlite3.connect(temporary, isolation_level=None)
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = WAL")  # as every map file; the backup keeps pages only
        finally:
            writer.close()
            reader.close()
        os.replace(temporary, target)
    except sqlite3.Error as error:
        raise MapFileError(target, f"could not copy the map ({error})") from None
    except OSError as error:
        raise MapFileError(target, f"cannot be written ({error.strerror})") from None
    finally:
        for leftover in (temporary, *(temporary + s for s in _SIDECARS)):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return target
