"""The .debatemap file: pragmas, recognising bad files, migrations, schema agreement."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from debatemap.store import tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from debatemap.store.mapfile import APPLICATION_ID, MapFileError, create_file
from debatemap.store.migrations import MIGRATIONS, SCHEMA_VERSION
from debatemap.store.repository import MapRepository
from debatemap.store.session import MapSession


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pragma(path: Path, name: str):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def map_path(tmp_path) -> Path:
    path = tmp_path / "debate.debatemap"
    with MapSession.create(path, "Transit") as session:
        a = session.add_node("Fares should be free")
        b = session.add_node("Free fares raise ridership", "evidence")
        session.add_edge(b.id, a.id, "support")
    return path


def test_new_file_carries_identity_version_and_wal(map_path):
    assert pragma(map_path, "application_id") == APPLICATION_ID
    assert pragma(map_path, "user_version") == SCHEMA_VERSION
    assert pragma(map_path, "journal_mode") == "wal"
    with MapRepository.open(map_path) as repository:
        with repository.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert repository.title() == "Transit"


def test_closing_leaves_no_sidecar_files(map_path):
    MapSession.open(map_path).close()
    MapSession.open(map_path, readonly=True).close()
    assert sorted(p.name for p in map_path.parent.iterdir()) == ["debate.debatemap"]


def test_create_refuses_an_existing_file_and_leaves_it_alone(map_path):
    before = digest(map_path)
    with pytest.raises(MapFileError, match="already exists"):
        MapSession.create(map_path)
    assert digest(map_path) == before
    assert sorted(p.name for p in map_path.parent.iterdir()) == ["debate.debatemap"]


def test_create_in_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(MapFileError, match="does not exist"):
        MapSession.create(tmp_path / "nope" / "x.debatemap")


def _not_sqlite(path: Path) -> None:
    path.write_text("Claim: transit should be free.\n", encoding="utf-8")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    with MapSession.create(path) as session:
        for index in range(300):
            session.add_node(f"claim number {index} " + "x" * 200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _tiny_truncated(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00\x10\x00")


def _newer(path: Path) -> None:
    MapSession.create(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    connection.close()


def _foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()


def _binary_junk(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 8)


@pytest.mark.parametrize(
    "make, reason",
    [
        (_not_sqlite, "not a Debatemap map (not an SQLite database)"),
        (_empty, "empty file"),
        (_truncated, "truncated"),
        (_tiny_truncated, "truncated"),
        (_newer, "written by a newer Debatemap"),
        (_foreign_sqlite, "another application"),
        (_binary_junk, "not an SQLite database"),
    ],
)
@pytest.mark.parametrize("readonly", [True, False])
def test_bad_files_are_refused_with_a_reason_and_left_unchanged(tmp_path, make, reason, readonly):
    path = tmp_path / "bad.debatemap"
    make(path)
    before = digest(path)
    with pytest.raises(MapFileError) as caught:
        MapSession.open(path, readonly=readonly)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.debatemap"]


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(MapFileError, match="is a directory"):
        MapSession.open(tmp_path)
    with pytest.raises(MapFileError, match="no such file"):
        MapSession.open(tmp_path / "missing.debatemap")


def test_damaged_page_is_reported(tmp_path):
    path = tmp_path / "damaged.debatemap"
    with MapSession.create(path) as session:
        for index in range(200):
            session.add_node(f"claim {index} " + "y" * 300)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size * 3, page_size * 6):  # scribble over b-tree pages
        data[offset] = 0xA5
    path.write_bytes(bytes(data))
    with pytest.raises(MapFileError, match="damaged"):
        MapSession.open(path, readonly=True)


def test_schema_built_by_migrations_matches_the_sqlmodel_tables(map_path):
    connection = sqlite3.connect(map_path)
    on_disk = {
        name: {row[1] for row in connection.execute(f"PRAGMA table_info('{name}')")}
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    connection.close()
    declared = {
        table.name: {column.name for column in table.columns}
        for table in SQLModel.metadata.sorted_tables
    }
    assert on_disk == declared


def _v1_file(path: Path) -> None:
    """A map as the first release wrote it: schema 1, before participants and history."""
    create_file(path, "Old map", schema_version=1)
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO document VALUES ('d-1', 'Essay', 'txt', 'utf-8', '/tmp/essay.txt', '', '{}',
                                     'Transit should be free. It pays for itself.', '2025-01-01T00:00:00+00:00');
        INSERT INTO excerpt VALUES ('x-1', 'd-1', 0, 23, 'Transit should be free.', '', ' It pays');
        INSERT INTO node VALUES ('n-1', 'Transit should be free', 'claim', 10, 20, 1, '["transit"]',
                                 '#336699', 'x-1', '2025-01-01T00:00:00+00:00');
        INSERT INTO node VALUES ('n-2', 'It pays for itself', 'claim', 10, 120, 0, '[]', NULL, NULL,
                                 '2025-01-01T00:00:00+00:00');
        INSERT INTO edge VALUES ('e-1', 'support', 'n-2', 'n-1', NULL, '2025-01-01T00:00:00+00:00');
        """
    )
    connection.commit()
    connection.close()


def test_every_migration_is_described():
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2
    assert all(description and script.strip() for description, script in MIGRATIONS)


def test_a_version_1_file_opens_and_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.debatemap"
    _v1_file(path)
    assert pragma(path, "user_version") == 1
    with MapSession.open(path) as session:
        assert session.map.title == "Old map"
        node = session.map.nodes["n-1"]
        assert node.tags == ("transit",) and node.pinned and node.author_id is None
        assert session.map.excerpts[node.excerpt_id].quote == "Transit should be free."
        assert session.map.problems() == []
        session.add_node("A new claim after the upgrade")
    assert pragma(path, "user_version") == SCHEMA_VERSION
    with MapRepository.open(path, readonly=True) as repository:
        assert [e.kind for e in repository.events()] == ["add_node"]


def test_a_version_1_file_reads_without_being_changed(tmp_path):
    path = tmp_path / "old.debatemap"
    _v1_file(path)
    before = digest(path)
    with MapSession.open(path, readonly=True) as session:
        assert set(session.map.nodes) == {"n-1", "n-2"}
        assert session.map.edges["e-1"].target == "n-1"
    assert digest(path) == before
    assert pragma(path, "user_version") == 1


def test_new_and_copied_files_get_ordinary_permissions(tmp_path):
    import os

    from debatemap.store.mapfile import copy_map_file

    umask = os.umask(0o022)
    try:
        MapSession.create(tmp_path / "a.debatemap").close()
        copy_map_file(tmp_path / "a.debatemap", tmp_path / "b.debatemap")
    finally:
        os.umask(umask)
    for name in ("a.debatemap", "b.debatemap"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644


def test_copy_is_a_consistent_map_and_refuses_its_own_source(map_path, tmp_path):
    from debatemap.store.mapfile import copy_map_file

    with MapSession.open(map_path) as open_session:  # copied while open for writing
        open_session.add_node("Written just before the copy")
        copy = copy_map_file(map_path, tmp_path / "copy.debatemap")
        with pytest.raises(MapFileError, match="open now"):
            copy_map_file(map_path, map_path)
    assert pragma(copy, "journal_mode") == "wal"
    with MapSession.open(copy, readonly=True) as copied:
        assert len(copied.map.nodes) == 3 and copied.map.problems() == []


def _v3_file(path: Path) -> None:
    """A map as schema 3 wrote it: excerpts without a status."""
    create_file(path, "Schema 3 map", schema_version=3)
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO document VALUES ('d-1', 'Essay', 'txt', 'utf-8', '/tmp/essay.txt', '', '{}',
                                     'Transit should be free. It pays for itself.', '2025-01-01T00:00:00+00:00');
        INSERT INTO paragraph (document_id, start, "end", kind) VALUES ('d-1', 0, 43, 'paragraph');
        INSERT INTO excerpt VALUES ('x-1', 'd-1', 0, 23, 'Transit should be free.', '', ' It pays');
        INSERT INTO node VALUES ('n-1', 'Transit should be free', 'claim', 10, 20, 1, '[]',
                                 NULL, 'x-1', '2025-01-01T00:00:00+00:00', NULL);
        """
    )
    connection.commit()
    connection.close()


def test_a_version_3_file_gets_excerpt_statuses(tmp_path):
    path = tmp_path / "v3.debatemap"
    _v3_file(path)
    assert pragma(path, "user_version") == 3
    with MapSession.open(path, readonly=True) as reader:  # read-only: upgraded in memory
        assert reader.map.excerpts["x-1"].status == "ok"
    assert pragma(path, "user_version") == 3
    with MapSession.open(path) as session:
        excerpt = session.map.excerpts["x-1"]
        assert (excerpt.status, excerpt.quote) == ("ok", "Transit should be free.")
        assert session.map.problems() == []
        assert session.repository.paragraphs("d-1") == [(0, 43, "paragraph")]
    assert pragma(path, "user_version") == SCHEMA_VERSION >= 4
