"""Changes as event payloads, and History rebuilding a map from them (pure, no file)."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.changes import Change, text_hash
from debatemap.core.errors import InvalidValueError
from debatemap.core.model import (
    AgendaItem,
    Document,
    Edge,
    EdgeType,
    Event,
    Excerpt,
    Node,
    NodeKind,
    ParkedItem,
    Participant,
    Vote,
)
from debatemap.core.replay import History, MapState, ReplayUnavailableError
from debatemap.core.workshop import Workshop

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
TEXT = "Transit should be free. It pays for itself."


def records():
    return {
        "documents": [Document(id="d1", title="Essay", text=TEXT, format="txt", encoding="utf-8",
                               metadata={"author": "Kim"}, imported=T0)],
        "excerpts": [Excerpt(id="x1", document_id="d1", start=0, end=23, quote=TEXT[:23])],
        "participants": [Participant(id="p1", name="Ada", color="#aa0000")],
        "nodes": [Node(id="n1", text="Free transit", kind=NodeKind.QUESTION, x=1.5, y=-2,
                       tags=("a", "한"), author_id="p1", excerpt_id="x1", created=T0),
                  Node(id="n2", text="It pays", created=T0, mark="accept", title="Pays")],
        "edges": [Edge(id="e1", type=EdgeType.SUPPORT, source="n2", target="n1", created=T0)],
        "votes": [Vote(id="v1", node_id="n1", participant_id="p1", kind="rating", value=-2,
                       created=T0)],
        "agenda": [AgendaItem(id="a1", node_id="n1", ordinal=0, timebox=300, spent=1.5)],
        "parked": [ParkedItem(id="k1", text="Bikes", ordinal=0, author_id="p1", created=T0)],
    }


def event(change: Change, seq: int, kind: str = "edit") -> Event:
    payload = json.loads(json.dumps(change.to_payload()))  # as the file stores it
    return Event(kind=kind, payload=payload, at=T0 + timedelta(seconds=seq), seq=seq)


def test_every_record_type_round_trips_through_json():
    change = Change(put=records(), meta={"title": "T", "dot_budget": 3, "anonymous": True},
                    order={"participants": ["p1"], "agenda": ["a1"], "parked": ["k1"]})
    decoded = Change.from_payload(json.loads(json.dumps(change.to_payload())))
    for collection, items in records().items():
        if collection == "documents":
            assert decoded.put[collection] == [Document(**{**_fields(items[0]), "text": ""})]
            assert decoded.text_hashes == {"d1": text_hash(TEXT)}
        else:
            assert decoded.put[collection] == items
    assert decoded.meta == {"title": "T", "dot_budget": 3, "anonymous": True}
    assert decoded.put["nodes"][0].kind is NodeKind.QUESTION
    assert decoded.put["nodes"][0].tags == ("a", "한")
    assert decoded.put["edges"][0].type is EdgeType.SUPPORT
    assert change.ids()["nodes"] == ["n1", "n2"]


def _fields(record):
    return {name: getattr(record, name) for name in type(record).__slots__}


def test_old_payloads_are_not_full_changes():
    assert not Change.is_full({"nodes": ["n-1"]})
    assert Change.is_full(Change().to_payload())
    with pytest.raises(ValueError):
        Change.from_payload({"nodes": ["n-1"]})
    with pytest.raises(ValueError, match="unknown collection"):
        Change.from_payload({"v": 2, "put": {"widgets": []}})


def built_history(texts=None):
    """Baseline: empty map titled "M"; then four events."""
    r = records()
    events = [
        event(Change(put={k: r[k] for k in ("documents", "excerpts", "participants", "nodes",
                                             "edges")}, order={"participants": ["p1"]}), 1),
        event(Change(put={"votes": r["votes"], "agenda": r["agenda"], "parked": r["parked"]},
                     order={"agenda": ["a1"], "parked": ["k1"]}, meta={"dot_budget": 3}), 2),
        event(Change(patch={"nodes": {"n2": {"x": 40.0, "tags": ("b",)}}},
                     remove={"parked": ["k1"]}, order={"parked": []}), 3),
        event(Change(remove={"edges": ["e1"], "nodes": ["n1"], "votes": ["v1"], "agenda": ["a1"]},
                     order={"agenda": []}, meta={"title": "Renamed"}), 4),
    ]
    baseline = Change(reset=True, meta={"title": "M"})
    return History(events, baseline, 0, texts if texts is not None else {"d1": TEXT})


def test_history_rebuilds_each_point():
    history = built_history()
    assert (history.count, history.first, history.last) == (4, 0, 4)
    empty = history.state_at(0)
    assert empty == MapState(title="M") and empty.nodes == {}
    one = history.state_at(1)
    assert set(one.nodes) == {"n1", "n2"} and one.documents["d1"].text == TEXT
    assert one.missing_texts == set()
    two = history.state_at(2)
    assert two.dot_budget == 3 and list(two.agenda) == ["a1"] and two.votes["v1"].value == -2
    three = history.state_at(3)
    assert three.nodes["n2"].x == 40.0 and three.nodes["n2"].tags == ("b",) and not three.parked
    four = history.state_at(4)
    assert four.title == "Renamed" and set(four.nodes) == {"n2"} and not four.edges
    assert not four.votes and not four.agenda
    assert history.state_at(1) == one  # from a checkpoint, the same
    amap = two.to_map()
    workshop = two.to_workshop(amap)
    assert amap.problems() == [] and workshop.problems() == []
    assert MapState.of(amap, workshop) == two
    with pytest.raises(InvalidValueError, match="from 0 to 4"):
        history.state_at(5)
    assert history.index_at(T0 + timedelta(seconds=2.5)) == 2 and history.index_at(T0) == 0


def test_order_matters_for_state_equality():
    a = MapState(participants={"p1": Participant("p1", "A"), "p2": Participant("p2", "B")})
    b = MapState(participants={"p2": Participant("p2", "B"), "p1": Participant("p1", "A")})
    assert a != b and a == a.copy()


def test_a_document_whose_text_changed_comes_back_without_text():
    history = built_history(texts={"d1": "A later version of the essay."})
    state = history.state_at(1)
    assert state.documents["d1"].text == "" and state.missing_texts == {"d1"}
    assert built_history(texts={}).state_at(1).missing_texts == {"d1"}


def test_history_before_the_baseline_cannot_be_replayed():
    old = [Event(kind="add_node", payload={"nodes": ["n-1"]}, seq=1),
           Event(kind="move", payload={"nodes": ["n-1"]}, seq=2)]
    snapshot = Change(reset=True, put={"nodes": [Node(id="n-1", text="Old", created=T0)]},
                      meta={"title": "Old map"})
    later = event(Change(patch={"nodes": {"n-1": {"text": "Older"}}}), 3)
    history = History(old + [later], snapshot, baseline_seq=2)
    assert (history.first, history.last) == (2, 3)
    assert history.state_at(2).nodes["n-1"].text == "Old"
    assert history.state_at(3).nodes["n-1"].text == "Older"
    with pytest.raises(ReplayUnavailableError, match="first 2 events were recorded by an older"):
        history.state_at(1)
    no_baseline = History(old)
    assert no_baseline.first is None and not no_baseline.can_replay(2)
    with pytest.raises(ReplayUnavailableError, match="open the map for editing once"):
        no_baseline.state_at(2)


def test_an_event_without_a_change_ends_replay():
    history = built_history()
    history.extend([Event(kind="import", payload={"documents": ["d9"]}, seq=5),
                    event(Change(meta={"title": "X"}), 6)])
    assert history.last == 4 and history.can_replay(4) and not history.can_replay(5)
    with pytest.raises(ReplayUnavailableError, match=r"event 5 \(import\) does not record"):
        history.state_at(6)


def test_a_change_that_does_not_fit_is_reported_as_damage():
    history = History([event(Change(patch={"nodes": {"nX": {"x": 1.0}}}), 1)],
                      Change(reset=True), 0)
    with pytest.raises(ReplayUnavailableError, match="does not fit the map before it"):
        history.state_at(1)


def test_state_of_a_live_map_matches_its_replayed_twin():
    amap = ArgumentMap("Live")
    workshop = Workshop(amap)
    workshop.add_participant(Participant("p1", "Ada"))
    amap.add_node(Node(id="n1", text="x", created=T0))
    workshop.put_vote(Vote("v1", "n1", "p1", "dot", 2, created=T0))
    state = MapState.of(amap, workshop)
    assert state.votes == {"v1": workshop.vote("n1", "p1", "dot")}
    assert state.to_workshop().tally("n1").dots == 2
