"""A new map made where an old one was deleted with its journal left behind (a crash, then the
file removed) must not take that old journal in: SQLite would replay it into the new file."""

import shutil

from debatemap.store.session import MapSession


def test_a_new_map_ignores_the_journal_of_a_deleted_one(tmp_path):
    old = tmp_path / "old.debatemap"
    with MapSession.create(old) as session:
        for i in range(300):
            session.add_node(f"claim {i} " + "words " * 40)
        # a crash: copy the file and its journal while the session still holds them
        for suffix in ("", "-wal", "-shm"):
            source = tmp_path / f"old.debatemap{suffix}"
            if source.exists():
                shutil.copy(source, tmp_path / f"map.debatemap{suffix}")
    target = tmp_path / "map.debatemap"
    assert (tmp_path / "map.debatemap-wal").exists(), "the journal was left behind"
    target.unlink()  # the user deletes the map file; its journal stays
    with MapSession.create(target, "Fresh") as session:
        session.add_node("the only claim")
    with MapSession.open(target, readonly=True) as session:
        assert [n.text for n in session.map.nodes.values()] == ["the only claim"]
        assert session.repository.sqlite_problems() == []
