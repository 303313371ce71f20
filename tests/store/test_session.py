"""MapSession and the repository: actions are atomic, round-trip exactly, and survive crashes."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.errors import DuplicateEdgeError, MissingItemError, SelfLinkError
from debatemap.core.ids import new_id
from debatemap.core.model import Document, Edge, EdgeType, Node, NodeKind, Participant
from debatemap.store.mapfile import MapFileError
from debatemap.store.repository import MapRepository
from debatemap.store.session import MapSession

ESSAY = "Free transit works.\nIt is cheap — 안녕하세요 — and “fair”.\n"


@pytest.fixture
def session(tmp_path):
    with MapSession.create(tmp_path / "m.debatemap", "Test map") as opened:
        yield opened


def add_document(session: MapSession, text: str = ESSAY) -> Document:
    document = Document(id=new_id("d"), title="Essay", text=text, format="txt",
                        encoding="utf-8", metadata={"author": "Kim"})
    with session.repository.action("import", {"documents": [document.id]}) as writer:
        writer.insert_documents([document])
    session.map.add_document(document)
    return document


def reopened(session: MapSession) -> MapSession:
    return MapSession.open(session.path, readonly=True)


def test_everything_round_trips_through_the_file(session):
    document = add_document(session)
    participant = Participant(id="p-1", name="Ada", color="#aa0000")
    with session.repository.action("join") as writer:
        writer.insert_participants([participant])
    session.map.add_participant(participant)
    claim = session.add_node("Free transit works", source=(document.id, 0, 19), x=1.5, y=-2)
    reason = session.add_node("It is cheap", NodeKind.EVIDENCE)
    session.update_node(reason.id, tags=("cost", "한국"), color="#00ff00", pinned=True,
                        author_id="p-1")
    support = session.add_edge(reason.id, claim.id, EdgeType.SUPPORT)
    doubt = session.add_node("Cheap for whom?", NodeKind.QUESTION)
    undercut = session.add_edge(doubt.id, support.id, EdgeType.UNDERCUT)
    session.set_title("Transit, revisited")

    with reopened(session) as other:
        assert other.map.title == "Transit, revisited"
        assert other.map.nodes == session.map.nodes
        assert other.map.edges == session.map.edges
        assert other.map.documents == session.map.documents
        assert other.map.excerpts == session.map.excerpts
        assert other.map.participants == session.map.participants
        assert other.map.edges[undercut.id].target == support.id
        assert other.map.problems() == []
        kinds = [e.kind for e in other.repository.events()]
    assert kinds == ["import", "join", "add_node", "add_node", "update_node", "add_edge",
                     "add_node", "add_edge", "set_title"]


def test_excerpt_quotes_the_document(session):
    document = add_document(session)
    node = session.add_node("cheap", source=(document.id, 20, 31))
    excerpt = session.map.excerpts[node.excerpt_id]
    assert excerpt.quote == ESSAY[20:31] == "It is cheap"
    assert excerpt.before == ESSAY[:20] and excerpt.after.startswith(" — 안녕")
    with pytest.raises(MissingItemError):
        session.add_node("x", source=("d-nope", 0, 3))


def test_a_refused_edit_changes_neither_model_nor_file(session):
    a = session.add_node("A")
    b = session.add_node("B")
    session.add_edge(a.id, b.id, "attack")
    events = len(session.repository.events())
    with pytest.raises(DuplicateEdgeError):
        session.add_edge(a.id, b.id, "attack")
    with pytest.raises(DuplicateEdgeError):  # the bad edge makes the whole batch fail
        session.add_items(
            nodes=[Node(id="n-new", text="new")],
            edges=[Edge(id="e-ok", type=EdgeType.SUPPORT, source="n-new", target=a.id),
                   Edge(id="e-dup", type=EdgeType.ATTACK, source=a.id, target=b.id)],
        )
    assert "n-new" not in session.map.nodes and "e-ok" not in session.map.edges
    assert len(session.repository.events()) == events
    with reopened(session) as other:
        assert set(other.map.nodes) == {a.id, b.id} and len(other.map.edges) == 1


def test_a_failed_write_puts_the_model_back(session, monkeypatch):
    a = session.add_node("A")

    def broken(self, nodes):
        raise OSError("disk full")

    monkeypatch.setattr("debatemap.store.repository.Writer.patch_nodes", broken)
    with pytest.raises(OSError):
        session.update_node(a.id, text="changed")
    assert session.map.nodes[a.id].text == "A"
    monkeypatch.setattr("debatemap.store.repository.Writer.insert_nodes", broken)
    with pytest.raises(OSError):
        session.add_node("B")
    assert len(session.map.nodes) == 1
    with reopened(session) as other:
        assert [n.text for n in other.map.nodes.values()] == ["A"]


def test_read_only_sessions_refuse_to_write(session):
    session.add_node("A")
    with reopened(session) as other:
        with pytest.raises(MapFileError, match="read-only"):
            other.add_node("B")
        assert len(other.map.nodes) == 1


def test_remove_takes_dependents_and_restore_brings_back_exactly(session):
    document = add_document(session)
    a = session.add_node("A", source=(document.id, 0, 4))
    b = session.add_node("B")
    c = session.add_node("C")
    ab = session.add_edge(a.id, b.id, "support")
    cut = session.add_edge(c.id, ab.id, "undercut")
    bc = session.add_edge(b.id, c.id, "attack")
    snapshot = (dict(session.map.nodes), dict(session.map.edges), dict(session.map.excerpts))

    removal = session.remove_items([a.id])
    assert {e.id for e in removal.edges} == {ab.id, cut.id}
    assert [x.id for x in removal.excerpts] == [a.excerpt_id]
    assert set(session.map.edges) == {bc.id} and not session.map.excerpts
    with reopened(session) as other:
        assert set(other.map.edges) == {bc.id} and not other.map.excerpts

    session.restore(removal)
    assert (session.map.nodes, session.map.edges, session.map.excerpts) == snapshot
    with reopened(session) as other:
        assert (other.map.nodes, other.map.edges, other.map.excerpts) == snapshot


def test_bulk_add_of_thousands_in_one_action(session):
    nodes = [Node(id=new_id("n"), text=f"claim {i}", x=i, y=i % 7) for i in range(3000)]
    edges = [Edge(id=new_id("e"), type=EdgeType.SUPPORT, source=nodes[i].id,
                  target=nodes[i - 1].id) for i in range(1, 3000)]
    session.add_items(nodes, edges, action="bulk")
    with reopened(session) as other:
        assert len(other.map.nodes) == 3000 and len(other.map.edges) == 2999
        assert [e.kind for e in other.repository.events()] == ["bulk"]


WRITER = textwrap.dedent(
    """
    import sys, time
    from debatemap.store.session import MapSession
    from debatemap.core.model import Node
    session = MapSession.open(sys.argv[1])
    mode = sys.argv[2]
    if mode == "hold":  # stop inside a transaction, half written, until killed
        with session.repository.action("bulk") as writer:
            writer.insert_nodes([Node(id=f"n-half-{i}", text="half") for i in range(1000)])
            print("inside", flush=True)
            time.sleep(60)
    else:  # write actions as fast as possible until killed
        print("writing", flush=True)
        i = 0
        while True:
            session.add_node(f"claim {i}")
            i += 1
    """
)


def _start_writer(path, mode):
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path), mode],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() in {"inside", "writing"}
    return child


def test_a_crash_inside_a_transaction_leaves_the_previous_state(session):
    a = session.add_node("Kept")
    session.close()
    child = _start_writer(session.path, "hold")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with MapSession.open(session.path) as after:
        assert list(after.map.nodes) == [a.id]
        assert after.repository.sqlite_problems() == [] and after.map.problems() == []


def test_a_crash_between_and_during_commits_never_loses_a_finished_action(session):
    session.close()
    child = _start_writer(session.path, "loop")
    time.sleep(1.0)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with MapSession.open(session.path) as after:
        assert after.repository.sqlite_problems() == [] and after.map.problems() == []
        finished = [e for e in after.repository.events() if e.kind == "add_node"]
        assert len(finished) == len(after.map.nodes) > 0  # every node with its event, no half
        texts = sorted(int(n.text.split()[1]) for n in after.map.nodes.values())
        assert texts == list(range(len(texts)))  # no gap: actions land in order


def test_set_edge_types_round_trips_and_refusals_change_nothing(session):
    a = session.add_node("A")
    b = session.add_node("B")
    first = session.add_edge(a.id, b.id, "support")
    second = session.add_edge(b.id, a.id, "support")
    assert session.set_edge_types({first.id: "attack", second.id: "attack"}) == {
        first.id: EdgeType.SUPPORT, second.id: EdgeType.SUPPORT}
    with reopened(session) as other:
        assert {e.type for e in other.map.edges.values()} == {EdgeType.ATTACK}
    session.add_edge(a.id, b.id, "support")
    with pytest.raises(DuplicateEdgeError):  # the second change fails: the first is put back
        session.set_edge_types({second.id: "support", first.id: "support"})
    assert session.map.edges[second.id].type == EdgeType.ATTACK
    with reopened(session) as other:
        assert other.map.edges[second.id].type == EdgeType.ATTACK


def test_create_from_copies_a_whole_map_or_leaves_no_file(session, tmp_path):
    document = add_document(session)
    a = session.add_node("Free transit works", source=(document.id, 0, 19))
    b = session.add_node("It is cheap", NodeKind.EVIDENCE)
    support = session.add_edge(b.id, a.id, "support")
    session.add_edge(session.add_node("Cheap for whom?").id, support.id, "undercut")
    target = tmp_path / "copy.debatemap"
    with MapSession.create_from(target, session.map) as copy:
        assert copy.map.nodes == session.map.nodes and copy.map.edges == session.map.edges
    with MapSession.open(target, readonly=True) as reread:
        assert reread.map.excerpts == session.map.excerpts and reread.map.problems() == []
    broken = ArgumentMap.from_parts("bad", nodes=[Node(id="n1", text="A")],
                                    edges=[Edge(id="e1", type=EdgeType.ATTACK, source="n1", target="n1")])
    with pytest.raises(SelfLinkError):
        MapSession.create_from(tmp_path / "bad.debatemap", broken)
    assert not (tmp_path / "bad.debatemap").exists()
