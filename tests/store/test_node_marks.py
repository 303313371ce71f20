"""Manual evaluation marks (``Node.mark``): validated, saved, and absent from older files."""

import sqlite3
from pathlib import Path

import pytest

from debatemap.core.errors import InvalidValueError
from debatemap.store.mapfile import create_file
from debatemap.store.migrations import SCHEMA_VERSION
from debatemap.store.session import MapSession


def _v4_file(path: Path) -> None:
    """A map as schema 4 wrote it: nodes without a mark column."""
    create_file(path, "Schema 4 map", schema_version=4)
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO node VALUES ('n-1', 'Transit should be free', 'claim', 10, 20, 1, '[]',
                                 NULL, NULL, '2025-01-01T00:00:00+00:00', NULL);
        INSERT INTO node VALUES ('n-2', 'It costs too much', 'objection', 0, 0, 0, '[]',
                                 NULL, NULL, '2025-01-01T00:00:00+00:00', NULL);
        INSERT INTO edge VALUES ('e-1', 'attack', 'n-2', 'n-1', NULL, '2025-01-01T00:00:00+00:00');
        """
    )
    connection.commit()
    connection.close()


def _version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


def test_a_version_4_file_opens_with_no_marks(tmp_path):
    path = tmp_path / "v4.debatemap"
    _v4_file(path)
    with MapSession.open(path, readonly=True) as reader:
        assert [n.mark for n in reader.map.nodes.values()] == [None, None]
    assert _version(path) == 4
    with MapSession.open(path) as session:
        assert all(n.mark is None for n in session.map.nodes.values())
        assert session.map.problems() == []
        session.update_node("n-2", mark="reject")
    assert _version(path) == SCHEMA_VERSION >= 5
    with MapSession.open(path, readonly=True) as reader:
        assert reader.map.nodes["n-2"].mark == "reject"
        assert reader.map.nodes["n-1"].mark is None


def test_marks_round_trip_and_unknown_marks_are_refused(tmp_path):
    path = tmp_path / "marks.debatemap"
    with MapSession.create(path, "Marks") as session:
        a = session.add_node("A claim")
        session.update_node(a.id, mark="accept")
        with pytest.raises(InvalidValueError, match="unknown mark"):
            session.update_node(a.id, mark="maybe")
        assert session.map.nodes[a.id].mark == "accept"
    with MapSession.open(path, readonly=True) as reader:
        assert reader.map.nodes[a.id].mark == "accept"
    with MapSession.open(path) as session:
        session.update_node(a.id, mark=None)
    with MapSession.open(path, readonly=True) as reader:
        assert reader.map.nodes[a.id].mark is None
