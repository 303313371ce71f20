"""core.analysis without Qt: the cancellation hook, and snapshots that later edits leave alone."""

import gc

import pytest

from debatemap.core.analysis import AnalysisCancelled, MapSnapshot, findings
from debatemap.core.argmap import ArgumentMap
from debatemap.core.layout_samples import random_graph
from debatemap.core.model import Document, Edge, EdgeType, Excerpt, Node, NodeKind
from debatemap.store.session import MapSession


class CountingHook:
    """Answers True from its ``stop_at``-th question on; counts the questions."""

    def __init__(self, stop_at: int | None = None) -> None:
        self.stop_at = stop_at
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.stop_at is not None and self.asked >= self.stop_at


@pytest.fixture(scope="module")
def graph():
    return random_graph(1500, seed=4, back=0.1)  # every kind of finding but coverage


def test_a_hook_that_never_stops_changes_nothing(graph):
    hook = CountingHook()
    assert findings(graph, cancelled=hook) == findings(graph)
    # asked inside the long loops too, not only between the seven kinds
    assert hook.asked > 50


def test_the_first_true_answer_stops_the_analysis(graph):
    total = CountingHook()
    findings(graph, cancelled=total)
    for stop_at in (1, 2, 5, total.asked // 3, total.asked - 1, total.asked):
        hook = CountingHook(stop_at)
        with pytest.raises(AnalysisCancelled):
            findings(graph, cancelled=hook)
        assert hook.asked == stop_at  # not asked again: it stopped right there


def test_cancelling_leaves_the_collector_as_it_was(graph):
    assert gc.isenabled()
    with pytest.raises(AnalysisCancelled):
        findings(graph, cancelled=CountingHook(30))
    assert gc.isenabled()
    gc.disable()
    try:
        findings(graph)
        assert not gc.isenabled()  # one that was off stays off
    finally:
        gc.enable()


def small_map() -> ArgumentMap:
    amap = ArgumentMap("Snapshot")
    amap.add_document(Document("d1", "Essay", "Free transit cuts traffic. " * 4, "txt", "utf-8"))
    amap.add_excerpt(Excerpt("x1", "d1", 0, 26, "Free transit cuts traffic."))
    amap.add_node(Node("a", "Make transit free"))
    amap.add_node(Node("b", "It cuts traffic", excerpt_id="x1"))
    amap.add_node(Node("c", "It costs too much", NodeKind.OBJECTION))
    amap.add_node(Node("d", "A loose thought"))
    amap.add_edge(Edge("e1", EdgeType.SUPPORT, "b", "a"))
    amap.add_edge(Edge("e2", EdgeType.ATTACK, "c", "a"))
    return amap


def test_a_snapshot_keeps_the_map_as_it_was_whatever_is_edited_after():
    amap = small_map()
    snapshot = MapSnapshot.of(amap)
    expected = [f.to_json() for f in findings(amap)]
    texts = {i: n.text for i, n in snapshot.nodes.items()}

    amap.update_node("d", text="Now about something else", kind=NodeKind.OBJECTION, x=40.0)
    amap.update_node("a", x=10.0, y=5.0)
    amap.update_node("b", text="Changed")
    amap.set_edge_type("e2", EdgeType.SUPPORT)
    amap.add_node(Node("f", "A new claim"))
    amap.add_edge(Edge("e3", EdgeType.ATTACK, "f", "d"))
    amap.remove_node("c")
    amap.documents["d1"] = Document("d1", "Essay v2", "Other words entirely.", "txt", "utf-8")
    amap.excerpts["x1"] = Excerpt("x1", "d1", 0, 5, "Other", status="lost")

    assert [f.to_json() for f in findings(snapshot)] == expected
    assert {i: n.text for i, n in snapshot.nodes.items()} == texts
    assert set(snapshot.edges) == {"e1", "e2"} and snapshot.edges["e2"].type == EdgeType.ATTACK
    assert snapshot.nodes["d"].kind == NodeKind.CLAIM and snapshot.nodes["a"].x == 0.0
    assert [f.to_json() for f in findings(amap)] != expected


def test_a_snapshot_is_left_alone_by_the_sessions_edits(tmp_path):
    """The GUI edits through MapSession (moves of many nodes included): a snapshot holds the
    values as they were, because the session puts new values in place of the old ones."""
    with MapSession.create(tmp_path / "snap.debatemap", "Snapshot") as session:
        a = session.add_node("Make transit free")
        b = session.add_node("It cuts traffic")
        link = session.add_edge(b.id, a.id, EdgeType.SUPPORT)
        snapshot = MapSnapshot.of(session.map)
        expected = [f.to_json() for f in findings(snapshot)]
        session.update_nodes({a.id: {"x": 120.0, "y": -40.0, "pinned": True},
                              b.id: {"x": 5.0, "y": 6.0}}, action="layout")
        session.update_nodes({b.id: {"text": "It makes traffic worse", "kind": "objection"}})
        session.set_edge_types({link.id: EdgeType.ATTACK})
        session.add_node("Something new")
        assert [f.to_json() for f in findings(snapshot)] == expected
        assert (snapshot.nodes[a.id].x, snapshot.nodes[a.id].pinned) == (0.0, False)
        assert snapshot.nodes[b.id].text == "It cuts traffic"
        assert snapshot.edges[link.id].type == EdgeType.SUPPORT
