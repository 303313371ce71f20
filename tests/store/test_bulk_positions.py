"""MapSession.update_nodes writes only the fields that changed: the rows, the event, the model
and the returned nodes are exactly those of the whole-row path it replaced (kept here as
``whole_row_update``), a failure anywhere changes nothing, and undo and replay still work."""

import shutil
import sqlite3
from dataclasses import fields, replace
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debatemap.core.changes import Change
from debatemap.core.errors import DomainError, MissingItemError
from debatemap.core.ids import new_id
from debatemap.core.model import Document, Edge, EdgeType, Node, NodeKind, Participant
from debatemap.core.replay import MapState
from debatemap.store import rows
from debatemap.store.imports import DocumentImport
from debatemap.store.mapfile import MapFileError
from debatemap.store.session import MapSession

TEXT = "Fares should be free. Buses are cheap to run; “fair” for 안녕하세요 riders.\n"
NODE_FIELDS = [name for name in Node.__slots__ if name != "id"]


def whole_row_update(session: MapSession, changes: dict[str, dict], action: str) -> list[Node]:
    """update_nodes as it was: every node through update_node, every field compared, and
    every column of every node's row written."""
    before: list[Node] = []
    try:
        for node_id, values in changes.items():
            before.append(session.map.update_node(node_id, **values))
        after = [session.map.nodes[node_id] for node_id in changes]
        patch = {n.id: {name: getattr(session.map.nodes[n.id], name) for name in NODE_FIELDS
                        if getattr(session.map.nodes[n.id], name) != getattr(n, name)}
                 for n in before}
        with session.repository.action(action, Change(patch={"nodes": patch}),
                                       participant_id=session.speaker_id) as writer:
            writer.update_nodes(after)
    except BaseException:
        for node in before:
            session.map.nodes[node.id] = node
        raise
    return before


def make_map(path, count: int = 40) -> list[str]:
    """A map with every kind of node field set somewhere; returns the node ids in order."""
    with MapSession.create(path, "Bulk") as session:
        ada = Participant(id=new_id("p"), name="Ada", color="#aa0000")
        session.add_participants([ada])
        document = Document(id=new_id("d"), title="Essay", text=TEXT, format="txt",
                            encoding="utf-8")
        session.import_documents([DocumentImport(document, [(0, len(TEXT), "paragraph")], [])])
        nodes, excerpts = [], []
        for i in range(count):
            source = (document.id, i % 20, i % 20 + 10) if i % 5 == 0 else None
            node, excerpt = session.new_node(
                f"Claim {i}", NodeKind.ARGUMENT if i % 7 == 3 else NodeKind.CLAIM,
                x=float(i * 31), y=i * 17, source=source,
                author_id=ada.id if i % 3 == 0 else None)
            node.pinned = i % 4 == 0
            node.tags = ("cost", "한국") if i % 6 == 0 else ()
            node.color = "#00aa00" if i % 2 else None
            node.mark = "accept" if i % 8 == 1 else None
            node.title = f"T{i}" if i % 9 == 2 else None
            nodes.append(node)
            excerpts += [excerpt] if excerpt else []
        edges = [Edge(id=new_id("e"), type=EdgeType.SUPPORT, source=nodes[i].id,
                      target=nodes[i - 1].id) for i in range(1, count, 2)]
        session.add_items(nodes, edges, excerpts)
        return [n.id for n in nodes]


def node_rows(path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT * FROM node ORDER BY rowid").fetchall()


def last_event(path) -> tuple:
    """The newest event as stored, its time left out: kind, who, and the payload's JSON text."""
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT seq, kind, participant_id, payload FROM event ORDER BY seq DESC LIMIT 1"
        ).fetchone()


def exact(nodes) -> list[str]:
    """Nodes with their values' types (5 and 5.0 are equal, but not the same record)."""
    return [repr(n) for n in nodes]


def assert_same_as_whole_rows(tmp_path, changes_of, action: str = "layout") -> None:
    """``changes_of(ids)`` applied by update_nodes and by whole_row_update to two copies of
    one map give the same rows, event, model and return value, or the same refusal."""
    fast_path, slow_path = tmp_path / "fast.debatemap", tmp_path / "slow.debatemap"
    ids = make_map(fast_path)
    shutil.copyfile(fast_path, slow_path)
    with MapSession.open(fast_path) as fast, MapSession.open(slow_path) as slow:
        changes = changes_of(ids, fast.map)
        outcomes = []
        for session, update in ((fast, MapSession.update_nodes), (slow, whole_row_update)):
            try:
                outcomes.append(("done", exact(update(session, changes, action=action))))
            except (DomainError, MapFileError, ValueError, TypeError) as error:
                outcomes.append((type(error), str(error)))
        assert outcomes[0] == outcomes[1]
        assert exact(fast.map.nodes.values()) == exact(slow.map.nodes.values())
        assert MapState.of(fast.map, fast.workshop) == MapState.of(slow.map, slow.workshop)
    assert node_rows(fast_path) == node_rows(slow_path)
    assert last_event(fast_path) == last_event(slow_path)


def test_a_relayout_of_every_node_is_written_as_the_whole_row_path_wrote_it(tmp_path):
    def relayout(ids, amap):
        return {i: {"x": n * 1.5 + 0.1, "y": -n / 3} for n, i in enumerate(ids)}

    assert_same_as_whole_rows(tmp_path, relayout)


def test_a_drag_with_pins_unmoved_nodes_whole_numbers_and_any_field_order(tmp_path):
    def drag(ids, amap):
        return {
            ids[0]: {"x": amap.nodes[ids[0]].x, "y": amap.nodes[ids[0]].y},  # did not move
            ids[1]: {"y": 5, "x": 7, "pinned": True},  # ints, another order
            ids[2]: {"pinned": False},
            ids[3]: {"x": amap.nodes[ids[3]].x, "y": 2.5, "pinned": amap.nodes[ids[3]].pinned},
            ids[4]: {"x": True, "y": -0.0},  # a bool is not a position: the general path
        }

    assert_same_as_whole_rows(tmp_path, drag, action="move")


def test_a_text_edit_and_a_mixed_batch_are_written_as_before(tmp_path):
    def mixed(ids, amap):
        return {ids[0]: {"text": "Changed"}, ids[1]: {"x": 1.0, "y": 2.0},
                ids[2]: {"tags": ("a", "ü"), "color": "#123456", "x": 3.0},
                ids[3]: {"kind": "argument", "title": "  Named  "}, ids[4]: {"mark": "reject"}}

    assert_same_as_whole_rows(tmp_path, mixed, action="set_fields")


def test_a_refused_batch_is_refused_alike_and_changes_nothing(tmp_path):
    def bad(ids, amap):
        return {ids[0]: {"x": 1.0, "y": 1.0}, ids[1]: {"mark": "maybe"}, ids[2]: {"x": 3.0}}

    assert_same_as_whole_rows(tmp_path, bad)


VALUES = {
    "x": st.floats(-1e6, 1e6) | st.integers(-500, 500) | st.sampled_from(["12.5", "abc"]),
    "y": st.floats(allow_nan=False) | st.integers(-500, 500),
    "pinned": st.booleans(),
    "text": st.sampled_from(["New text", "  spaced  ", "", "한국 “fair”"]),
    "tags": st.lists(st.sampled_from(["cost", "ü", "x"]), max_size=2).map(tuple),
    "color": st.sampled_from([None, "#abcdef"]),
    "mark": st.sampled_from([None, "accept", "bogus"]),
    "title": st.sampled_from([None, "Title", " padded ", "two\nlines"]),
    "kind": st.sampled_from(["claim", "argument", "evidence"]),
}
PLACEMENT = st.fixed_dictionaries({}, optional={k: VALUES[k] for k in ("x", "y", "pinned")})
ANY_FIELDS = st.fixed_dictionaries({}, optional=VALUES)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_batch_of_changes_matches_the_whole_row_path(tmp_path_factory, data):
    tmp_path = tmp_path_factory.mktemp("batch")

    def changes_of(ids, amap):
        chosen = data.draw(st.lists(st.sampled_from(ids + ["n-unknown"]), unique=True,
                                    min_size=1, max_size=12), label="nodes")
        mostly_moves = data.draw(st.booleans(), label="only placements")
        return {i: data.draw(PLACEMENT if mostly_moves else PLACEMENT | ANY_FIELDS, label=i)
                for i in chosen}

    assert_same_as_whole_rows(tmp_path, changes_of)


def test_an_unknown_node_half_way_changes_nothing(tmp_path):
    path = tmp_path / "m.debatemap"
    ids = make_map(path)
    with MapSession.open(path) as session:
        nodes_before = dict(session.map.nodes)
        rows_before, events = node_rows(path), session.event_count()
        changes = {i: {"x": 1.0, "y": 2.0} for i in ids[:20]}
        changes["n-nowhere"] = {"x": 0.0, "y": 0.0}
        changes.update({i: {"x": 3.0, "y": 4.0} for i in ids[20:]})
        with pytest.raises(MissingItemError, match="n-nowhere"):
            session.update_nodes(changes, action="layout")
        assert session.map.nodes == nodes_before
        assert all(session.map.nodes[i] is nodes_before[i] for i in ids)
        assert node_rows(path) == rows_before and session.event_count() == events


def test_a_write_failing_half_way_changes_nothing(tmp_path):
    """SQLite refuses the 30th row's update: the rows written before it are rolled back and
    the model is put back as it was."""
    path = tmp_path / "m.debatemap"
    ids = make_map(path)
    with sqlite3.connect(path) as connection:
        connection.execute(f"CREATE TRIGGER refuse BEFORE UPDATE ON node WHEN NEW.id = '{ids[29]}'"
                           " BEGIN SELECT RAISE(ABORT, 'disk says no'); END")
    with MapSession.open(path) as session:
        nodes_before = dict(session.map.nodes)
        rows_before, events = node_rows(path), session.event_count()
        with pytest.raises(MapFileError, match="disk says no"):
            session.update_nodes({i: {"x": 9.0, "y": 9.0} for i in ids}, action="layout")
        assert all(session.map.nodes[i] is nodes_before[i] for i in ids)
        assert node_rows(path) == rows_before and session.event_count() == events
        session.update_nodes({i: {"x": 9.0, "y": 9.0} for i in ids[:29]}, action="layout")
        assert {r[3] for r in node_rows(path)[:29]} == {9.0}


def test_undoing_an_arrangement_puts_every_position_back_and_replays(tmp_path):
    """As ArrangeNodes does it: do, undo with the returned nodes, redo; pins untouched; the
    history rebuilds the map after each step."""
    path = tmp_path / "m.debatemap"
    ids = make_map(path)
    with MapSession.open(path) as session:
        start = {i: (n.x, n.y, n.pinned) for i, n in session.map.nodes.items()}
        original = dict(session.map.nodes)
        snapshots = [MapState.of(session.map, session.workshop)]
        arrangement = {i: {"x": 100.0 + n, "y": 200.0 - n} for n, i in enumerate(ids)}
        before = session.update_nodes(arrangement, action="layout")
        assert [n.id for n in before] == ids and before == [original[i] for i in ids]
        assert {i: (n.x, n.y) for i, n in session.map.nodes.items()} == {
            i: (f["x"], f["y"]) for i, f in arrangement.items()}
        snapshots.append(MapState.of(session.map, session.workshop))
        session.update_nodes({n.id: {"x": n.x, "y": n.y} for n in before}, action="layout")
        assert {i: (n.x, n.y, n.pinned) for i, n in session.map.nodes.items()} == start
        assert session.map.nodes == original
        snapshots.append(MapState.of(session.map, session.workshop))
        session.update_nodes(arrangement, action="layout")
        snapshots.append(MapState.of(session.map, session.workshop))
        history = session.history()
        for k, expected in enumerate(snapshots):
            assert history.state_at(history.count - len(snapshots) + 1 + k) == expected
    with MapSession.open(path, readonly=True) as reopened:
        assert MapState.of(reopened.map, reopened.workshop) == snapshots[-1]


def test_a_move_leaves_the_old_node_as_it_was():
    """Undo commands and replay snapshots hold the old records: a move makes a new one."""
    from debatemap.core.argmap import ArgumentMap

    amap = ArgumentMap.from_parts("m", [Node(id="n1", text="A", x=1.0, y=2.0)])
    old = amap.nodes["n1"]
    assert amap.update_nodes({"n1": {"x": 5.0, "y": 6.0, "pinned": True}}) == [old]
    assert (old.x, old.y, old.pinned) == (1.0, 2.0, False)
    assert amap.nodes["n1"] is not old and amap.nodes["n1"] == replace(
        old, x=5.0, y=6.0, pinned=True)


def test_every_node_field_is_carried_over_and_written_as_a_whole_row_would_be():
    """A node with no field at its default: the fast copy and the per-field column values
    agree with dataclasses.replace and node_to_row (a new Node field must join both)."""
    from debatemap.core.argmap import _changed_node

    node = Node(id="n1", text="T", kind=NodeKind.EVIDENCE, x=1.5, y=-2.0, pinned=True,
                tags=("a", "ü"), color="#abcdef", author_id="p1", excerpt_id="x1",
                created=datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc), mark="reject",
                title="Name")
    defaults = Node(id="n0", text="")
    assert all(getattr(node, f.name) != getattr(defaults, f.name) for f in fields(Node))
    assert _changed_node(node, {"x": 3.0}) == replace(node, x=3.0)
    assert set(rows.NODE_COLUMN_VALUES) == set(NODE_FIELDS)
    whole_row = rows.node_to_row(node)
    assert {name: write(getattr(node, name)) for name, write in rows.NODE_COLUMN_VALUES.items()} \
        == {k: v for k, v in whole_row.items() if k != "id"}
