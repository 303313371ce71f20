"""MapSession's workshop actions: one transaction and one event each, round trips through the
file, failed writes put the model back, and the replay baseline of new and older files."""

import json
import sqlite3

import pytest

from debatemap.core.errors import InvalidValueError, MissingItemError
from debatemap.core.model import (
    AgendaItem,
    Edge,
    EdgeType,
    Node,
    NodeKind,
    ParkedItem,
    Participant,
)
from debatemap.core.replay import MapState, ReplayUnavailableError
from debatemap.core.workshop import VoteBudgetError
from debatemap.store.mapfile import create_file
from debatemap.store.migrations import SCHEMA_VERSION
from debatemap.store.repository import BASELINE_KEY, MapRepository
from debatemap.store.session import MapSession


def reopened(session):
    return MapSession.open(session.path, readonly=True)


def people(session, *names):
    return [session.add_participant(Participant(id=f"p-{n.lower()}", name=n)) for n in names]


def last_event(session):
    return session.repository.events()[-1]


def test_participants_round_trip_in_order_with_one_event_each(session):
    ada, bo, cy = people(session, "Ada", "Bo", "Cy")
    session.add_participant(Participant(id="p-zed", name="Zed", color="#112233"), index=0)
    session.update_participant(bo.id, name="Bob", color="#aa0000")
    assert session.move_participant(cy.id, 1) == 3
    with reopened(session) as other:
        assert [p.name for p in other.workshop.participants] == ["Zed", "Cy", "Ada", "Bob"]
        assert other.map.participants["p-bo"].color == "#aa0000"
    kinds = [e.kind for e in session.repository.events()]
    assert kinds == ["add_participant"] * 4 + ["update_participant", "move_participant"]
    with pytest.raises(InvalidValueError, match="already a participant called Bob"):
        session.add_participant(Participant(id="p-x", name="bob"))
    assert len(session.repository.events()) == 6


def test_removing_a_participant_keeps_who_acted_in_the_history(session):
    ada, bo = people(session, "Ada", "Bo")
    session.set_speaker(bo.id)
    node = session.add_node("Fares should go", author_id=bo.id)
    session.set_vote(node.id, bo.id, "dot", 2)
    session.park(ParkedItem(id="k1", text="Bike lanes", ordinal=0, author_id=bo.id))
    assert last_event(session).participant_id == bo.id
    removal = session.remove_participant(bo.id)
    assert session.speaker_id is None and last_event(session).participant_id is None
    with reopened(session) as other:
        assert other.map.nodes[node.id].author_id is None and not other.workshop.votes
        assert other.workshop.parked[0].author_id is None
        acted = [e.participant_id for e in other.repository.events()]
        assert acted.count(bo.id) == 3  # the node, the vote, the parked item: still Bo's
    session.restore_participant(removal)
    with reopened(session) as other:
        assert [p.id for p in other.workshop.participants] == [ada.id, bo.id]
        assert other.map.nodes[node.id].author_id == bo.id
        assert other.workshop.vote(node.id, bo.id, "dot").value == 2
        assert other.workshop.parked[0].author_id == bo.id
    with pytest.raises(MissingItemError):
        session.set_speaker("p-nobody")


def test_votes_budget_and_settings_round_trip(session):
    ada, bo = people(session, "Ada", "Bo")
    a = session.add_node("A")
    b = session.add_node("B")
    assert session.set_vote(a.id, ada.id, "dot", 3) is None
    first = session.workshop.vote(a.id, ada.id, "dot")
    replaced = session.set_vote(a.id, ada.id, "dot", 4)
    assert replaced == first and session.workshop.vote(a.id, ada.id, "dot").id == first.id
    session.set_vote(a.id, ada.id, "rating", -2)
    session.set_vote(b.id, bo.id, "rating", 1)
    events = len(session.repository.events())
    with pytest.raises(VoteBudgetError, match="Ada has only 1 of 5 dots left"):
        session.set_vote(b.id, ada.id, "dot", 2)
    assert len(session.repository.events()) == events
    assert session.set_anonymous(True) is False
    with pytest.raises(VoteBudgetError, match="Participant 1 has already placed 4 dots"):
        session.set_dot_budget(3)
    assert session.set_dot_budget(7) == 5
    cleared = session.clear_vote(b.id, bo.id, "rating")
    assert cleared.value == 1
    with reopened(session) as other:
        assert other.workshop.settings.dot_budget == 7 and other.workshop.settings.anonymous
        assert set(other.workshop.votes) == set(session.workshop.votes)
        assert other.workshop.tally(a.id).dots == 4 and other.workshop.tally(a.id).rating_mean == -2


def test_agenda_actions_round_trip(session):
    q1 = session.add_node("Who pays?", NodeKind.QUESTION)
    q2 = session.add_node("When?", NodeKind.QUESTION)
    q3 = session.add_node("Where?", NodeKind.QUESTION)
    for i, node in enumerate((q1, q2, q3)):
        session.add_agenda_item(AgendaItem(id=f"a{i}", node_id=node.id, ordinal=0, timebox=300))
    assert session.move_agenda_item("a2", 0) == 2
    session.set_timebox("a0", 120)
    session.set_agenda_done("a1")
    session.add_spent_time("a1", 30.5)
    session.add_spent_time("a1", 10)
    with pytest.raises(InvalidValueError, match="more than 0 seconds"):
        session.add_spent_time("a1", -4)
    removed = session.remove_agenda_item("a0")
    assert removed.ordinal == 1
    with reopened(session) as other:
        agenda = other.workshop.agenda
        assert [(a.id, a.ordinal) for a in agenda] == [("a2", 0), ("a1", 1)]
        assert agenda[1].done and agenda[1].spent == 40.5 and agenda[1].timebox == 300
    kinds = [e.kind for e in session.repository.events()][3:]
    assert kinds == ["add_agenda_item"] * 3 + ["move_agenda_item", "set_timebox", "mark_done",
                                                "add_spent_time", "add_spent_time",
                                                "remove_agenda_item"]


def test_removing_a_node_takes_its_votes_and_agenda_item_and_restore_puts_them_back(session):
    (ada,) = people(session, "Ada")
    q1, q2, q3 = (session.add_node(t, NodeKind.QUESTION) for t in ("One?", "Two?", "Three?"))
    for i, node in enumerate((q1, q2, q3)):
        session.add_agenda_item(AgendaItem(id=f"a{i}", node_id=node.id, ordinal=0))
    session.set_vote(q2.id, ada.id, "dot", 5)
    before = MapState.of(session.map, session.workshop)
    removal = session.remove_items([q2.id])
    assert [v.kind for v in removal.votes] == ["dot"] and [a.id for a in removal.agenda] == ["a1"]
    assert session.workshop.dots_left(ada.id) == 5
    with reopened(session) as other:
        assert [a.ordinal for a in other.workshop.agenda] == [0, 1] and not other.workshop.votes
    session.restore(removal)
    assert MapState.of(session.map, session.workshop) == before
    with reopened(session) as other:
        assert MapState.of(other.map, other.workshop) == before


def test_unpark_adds_the_node_in_one_action_and_repark_undoes_it(session):
    target = session.add_node("Fares should go")
    session.park(ParkedItem(id="k1", text="Bike lanes", ordinal=0, kind=NodeKind.IDEA))
    session.park(ParkedItem(id="k2", text="Tolls?", ordinal=0, kind="question"), 0)
    assert [p.id for p in session.workshop.parked] == ["k2", "k1"]
    node, _ = session.new_node("Tolls?", "question", x=10, y=20)
    edge = Edge(id="e-k", type=EdgeType.SUPPORT, source=node.id, target=target.id)
    events = len(session.repository.events())
    item = session.unpark("k2", [node], [edge])
    assert item.ordinal == 0 and len(session.repository.events()) == events + 1
    assert last_event(session).kind == "unpark"
    with reopened(session) as other:
        assert [p.id for p in other.workshop.parked] == ["k1"]
        assert other.workshop.parked[0].kind == "idea" and "e-k" in other.map.edges
    removal = session.repark(item, [node.id])
    assert [e.id for e in removal.edges] == ["e-k"]
    with reopened(session) as other:
        assert [p.id for p in other.workshop.parked] == ["k2", "k1"]
        assert node.id not in other.map.nodes and "e-k" not in other.map.edges
    with pytest.raises(InvalidValueError, match="nothing to park"):
        session.park(ParkedItem(id="k3", text=" ", ordinal=0))


@pytest.mark.parametrize("method, call", [
    ("insert_participants", lambda s: s.add_participant(Participant(id="p-x", name="Xi"))),
    ("put_votes", lambda s: s.set_vote("n-a", "p-ada", "dot", 1)),
    ("replace_agenda", lambda s: s.remove_agenda_item("a1")),
    ("replace_parked", lambda s: s.park(ParkedItem(id="k9", text="x", ordinal=0))),
    ("delete_participants", lambda s: s.remove_participant("p-ada")),
    ("insert_nodes", lambda s: s.unpark("k1", [s.new_node("Bikes")[0]])),
    ("set_meta", lambda s: s.set_dot_budget(9)),
])
def test_a_failed_write_puts_the_workshop_back(session, monkeypatch, method, call):
    session.add_participant(Participant(id="p-ada", name="Ada"))
    session.add_items([Node(id="n-a", text="A", author_id="p-ada")])
    session.set_vote("n-a", "p-ada", "rating", 1)
    session.add_agenda_item(AgendaItem(id="a1", node_id="n-a", ordinal=0))
    session.park(ParkedItem(id="k1", text="Bikes", ordinal=0, author_id="p-ada"))
    before = MapState.of(session.map, session.workshop)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(f"debatemap.store.repository.Writer.{method}", broken)
    with pytest.raises(OSError):
        call(session)
    assert MapState.of(session.map, session.workshop) == before
    with reopened(session) as other:
        assert MapState.of(other.map, other.workshop) == before


def test_a_new_file_replays_from_its_empty_start(session):
    (ada,) = people(session, "Ada")
    session.set_title("Renamed")
    assert session.event_count() == 2
    assert session.state_at(0) == MapState(title="Test map")
    assert session.state_at(1).participants == {ada.id: ada}
    assert session.state_at(2) == MapState.of(session.map, session.workshop)


def _v6_file_with_old_events(path):
    create_file(path, "Old map", schema_version=6)
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO participant VALUES ('p-1', 'Ada', NULL);
        INSERT INTO node (id, text, kind, created, author_id)
            VALUES ('n-1', 'Transit should be free', 'claim', '2025-01-01T00:00:00+00:00', 'p-1');
        INSERT INTO event (at, kind, participant_id, payload)
            VALUES ('2025-01-01T00:00:00+00:00', 'join', NULL, '{"participants": ["p-1"]}'),
                   ('2025-01-01T00:00:01+00:00', 'add_node', 'p-1', '{"nodes": ["n-1"]}');
        """
    )
    connection.commit()
    connection.close()


def test_an_older_file_replays_from_where_this_version_first_opened_it(tmp_path):
    path = tmp_path / "old.debatemap"
    _v6_file_with_old_events(path)
    with MapSession.open(path, readonly=True) as reader:  # read-only: nothing written
        assert reader.repository.baseline() is None
        assert reader.state_at(2).nodes.keys() == {"n-1"}  # "now" is always there
        with pytest.raises(ReplayUnavailableError, match="open the map for editing once"):
            reader.state_at(1)
    with MapSession.open(path) as session:
        assert session.repository.baseline()[0] == 2
        session.update_node("n-1", text="Transit should be cheap")
        history = session.history()
        assert (history.first, history.last, history.count) == (2, 3, 3)
        assert session.state_at(2).nodes["n-1"].text == "Transit should be free"
        assert session.state_at(2).participants["p-1"].name == "Ada"
        assert session.state_at(3).nodes["n-1"].text == "Transit should be cheap"
        with pytest.raises(ReplayUnavailableError, match="first 2 events were recorded by an older"):
            session.state_at(1)
        # the events of the older version keep who acted after the table was rebuilt
        assert [e.participant_id for e in session.repository.events()] == [None, "p-1", None]
    with MapRepository.open(path, readonly=True) as repository:
        stored = json.loads(_meta(path, BASELINE_KEY))
        assert stored["after_seq"] == 2 and stored["change"]["reset"] is True
        assert repository.last_seq() == 3
    assert _pragma(path, "user_version") == SCHEMA_VERSION


def _meta(path, key):
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]
    finally:
        connection.close()


def _pragma(path, name):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


def test_event_payloads_record_changes_in_full(session):
    (ada,) = people(session, "Ada")
    node = session.add_node("A", author_id=ada.id)
    session.update_node(node.id, x=5.0, text="A")  # only x changed
    payloads = [e.payload for e in session.repository.events()]
    nodes = payloads[1]["put"]["nodes"]
    assert dict(zip(nodes["fields"], nodes["rows"][0]))["author_id"] == ada.id
    assert payloads[2]["patch"] == {"nodes": {node.id: {"x": 5.0}}}
    assert all(p["v"] == 2 for p in payloads)
