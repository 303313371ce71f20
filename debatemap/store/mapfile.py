"""The .debatemap file itself: recognising it, opening it safely, creating it, migrating it."""

from __future__ import annotations

import os
import sqlite3
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from debatemap.core.errors import DebatemapError
from debatemap.store.migrations import MIGRATIONS, SCHEMA_VERSION, split_statements

APPLICATION_ID = 0x44424D50  # "DBMP": PRAGMA application_id of every Debatemap file
SUFFIX = ".debatemap"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


class MapFileError(DebatemapError):
    """A file that cannot be opened as a map; the message names the file and the reason."""

    def __init__(self, path: os.PathLike | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    schema_version: int
    application_id: int


def read_header(path: Path) -> Header:
    """Recognise a Debatemap file from its first 100 bytes, without letting SQLite touch it."""
    if not path.exists():
        raise MapFileError(path, "no such file")
    if path.is_dir():
        raise MapFileError(path, "is a directory, not a map file")
    try:
        with open(path, "rb") as stream:
            head = stream.read(_HEADER_SIZE)
            size = os.fstat(stream.fileno()).st_size
    except PermissionError:
        raise MapFileError(path, "permission denied") from None
    except OSError as error:
        raise MapFileError(path, f"cannot be read ({error.strerror})") from None
    if size == 0:
        raise MapFileError(path, "empty file (0 bytes), not a Debatemap map")
    if not head.startswith(_SQLITE_MAGIC[: len(head)]) or len(head) < len(_SQLITE_MAGIC):
        raise MapFileError(path, "not a Debatemap map (not an SQLite database)")
    if len(head) < _HEADER_SIZE:
        raise MapFileError(path, f"truncated: only {size} bytes, the file is damaged")
    (page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (page_count,) = struct.unpack(">I", head[28:32])
    (schema_version,) = struct.unpack(">I", head[60:64])
    (application_id,) = struct.unpack(">I", head[68:72])
    if application_id != APPLICATION_ID:
        raise MapFileError(
            path, "not a Debatemap map (an SQLite database of another application)"
        )
    if schema_version > SCHEMA_VERSION:
        raise MapFileError(
            path,
            f"written by a newer Debatemap (file format {schema_version}; this version reads"
            f" up to {SCHEMA_VERSION}): update Debatemap to open it",
        )
    wal = path.with_name(path.name + "-wal")
    if page_size * page_count > size and not wal.exists():
        raise MapFileError(
            path,
            f"truncated: {size} bytes where the header promises {page_size * page_count},"
            " the file is damaged",
        )
    return Header(page_size, page_count, schema_version, application_id)


def _uri(path: Path, readonly: bool) -> str:
    uri = "file:" + quote(str(path.resolve()))
    if not readonly:
        return uri + "?mode=rw"
    sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    if not any(s.exists() for s in sidecars):
        # Nobody has the file open: read it as immutable so that no -wal/-shm is left behind.
        return uri + "?mode=ro&immutable=1"
    return uri + "?mode=ro"


def connect_engine(path: Path, *, readonly: bool) -> Engine:
    """One SQLAlchemy engine on one SQLite connection, with our pragmas and explicit BEGINs."""
    uri = _uri(path, readonly)

    def creator() -> sqlite3.Connection:
        connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 5000")
        if not readonly:
            connection.execute("PRAGMA synchronous = FULL")  # a finished action survives power loss
        return connection

    engine = create_engine("sqlite://", creator=creator, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


def connect_memory_copy(path: Path) -> Engine:
    """A writable in-memory copy of a file opened read-only, so an old file can be upgraded
    for reading without changing a byte of it."""
    source_uri = _uri(path, readonly=True)

    def creator() -> sqlite3.Connection:
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        source = sqlite3.connect(source_uri, uri=True)
        try:
            source.backup(memory)
        finally:
            source.close()
        memory.execute("PRAGMA foreign_keys = ON")
        return memory

    engine = create_engine("sqlite://", creator=creator, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def check_readable(path: Path, engine: Engine) -> None:
    """Fail with a clear reason when SQLite finds the file damaged."""
    try:
        with engine.connect() as connection:
            result = connection.exec_driver_sql("PRAGMA quick_check(1)").scalar()
    except Exception as error:  # sqlite3 or SQLAlchemy wrapping it
        raise MapFileError(path, f"damaged ({_reason(error)})") from None
    if result != "ok":
        raise MapFileError(path, f"damaged ({result})")


def migrate(engine: Engine, path: Path, *, target: int = SCHEMA_VERSION) -> None:
    """Apply the migrations the file lacks, each in one transaction with its version bump."""
    with engine.connect() as connection:
        current = connection.exec_driver_sql("PRAGMA user_version").scalar()
    for version in range(current + 1, target + 1):
        _description, script = MIGRATIONS[version - 1]
        try:
            with engine.begin() as connection:
                for statement in split_statements(script):
                    connection.exec_driver_sql(statement)
                connection.exec_driver_sql(f"PRAGMA user_version = {version}")
        except Exception as error:
            raise MapFileError(path, f"cannot upgrade to file format {version}: {_reason(error)}")


def create_file(path: Path, title: str, *, schema_version: int = SCHEMA_VERSION) -> None:
    """Write a new, empty map file; fails if the path exists, and never leaves half a file."""
    if path.exists():
        raise MapFileError(path, "already exists")
    if not path.parent.is_dir():
        raise MapFileError(path, f"the folder {path.parent} does not exist")
    temporary = _temporary_beside(path, ".new-")
    temporary_path = Path(temporary)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.close()
        engine = connect_engine(temporary_path, readonly=False)
        migrate(engine, path, target=schema_version)
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO meta (key, value) VALUES ('title', ?)", (title,)
            )
        engine.dispose()
        for suffix in ("-wal", "-shm"):  # left by a map once at this path: SQLite would
            stale = Path(f"{path}{suffix}")  # replay that old journal into the new file
            if stale.exists():
                stale.unlink()
        try:
            os.link(temporary, path)  # unlike rename, refuses to replace a file made meanwhile
        except FileExistsError:
            raise MapFileError(path, "already exists") from None
        except OSError:
            os.replace(temporary, path)
    finally:
        _remove_with_sidecars(temporary)


def copy_map_file(source: Path, target: Path) -> Path:
    """Write a consistent copy of ``source`` at ``target`` (Save As) and return ``target``.

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
        raise MapFileError(
            target, "is open in another program; close it there or choose another name"
        )
    temporary = _temporary_beside(target, ".copy-")
    try:
        reader = sqlite3.connect(_uri(source, readonly=True), uri=True)
        writer = sqlite3.connect(temporary, isolation_level=None)
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode = WAL")  # the backup copies pages, not the mode
        finally:
            writer.close()
            reader.close()
        os.replace(temporary, target)
    except sqlite3.Error as error:
        raise MapFileError(target, f"could not copy the map ({error})") from None
    except OSError as error:
        raise MapFileError(target, f"cannot be written ({error.strerror})") from None
    finally:
        _remove_with_sidecars(temporary)
    return target


_SIDECARS = ("-wal", "-shm")


def _temporary_beside(path: Path, prefix: str) -> str:
    """An empty file next to ``path`` with the permissions a new file would get (not 0600)."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=SUFFIX, dir=path.parent)
    except OSError as error:
        raise MapFileError(path, f"cannot be written ({error.strerror})") from None
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    return temporary


def _remove_with_sidecars(path: str) -> None:
    for leftover in (path, *(path + s for s in _SIDECARS)):
        if os.path.exists(leftover):
            os.unlink(leftover)


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).splitlines()[0] if str(original) else type(original).__name__
