"""Replay property: after any sequence of actions, the map at event k equals the map rebuilt
from the first k events of the file's history, for every k (hypothesis drives the actions)."""

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from debatemap.core.errors import DomainError  # noqa: E402
from debatemap.core.ids import new_id  # noqa: E402
from debatemap.core.model import (  # noqa: E402
    AgendaItem,
    Document,
    Edge,
    EdgeType,
    NodeKind,
    ParkedItem,
    Participant,
)
from debatemap.core.replay import MapState  # noqa: E402
from debatemap.store.imports import DocumentImport  # noqa: E402
from debatemap.store.session import MapSession  # noqa: E402

WORDS = ["fares", "buses", "free", "cost", "한국", "“fair”", "rail", "night"]
COLORS = [None, "#aa0000", "#00aa00", "#0000aa"]


class Actor:
    """Performs one random action on a session; a refused action must change nothing."""

    def __init__(self, session: MapSession, data) -> None:
        self.session = session
        self.data = data
        self.removals = []  # (Removal) to restore
        self.participant_removals = []
        self.unparked = []  # (ParkedItem, node id)

    def draw(self, strategy):
        return self.data.draw(strategy)

    def pick(self, items):
        items = list(items)  # in the map's order: ids are random, so never sort by them
        return self.draw(st.sampled_from(items)) if items else None

    def text(self):
        return " ".join(self.draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))

    # ---- actions: each returns normally when it did something, or raises DomainError ----------

    def add_node(self):
        s = self.session
        source = None
        documents = [d for d in s.map.documents.values() if len(d.text) > 5]
        if documents and self.draw(st.booleans()):
            document = documents[self.draw(st.integers(0, len(documents) - 1))]
            start = self.draw(st.integers(0, len(document.text) - 2))
            source = (document.id, start, self.draw(st.integers(start + 1, len(document.text))))
        author = self.pick(s.map.participants) if self.draw(st.booleans()) else None
        kind = self.draw(st.sampled_from([k for k in NodeKind if k != NodeKind.ARGUMENT]))
        node, excerpt = s.new_node(self.text(), kind, x=self.draw(st.floats(-500, 500)),
                                   y=self.draw(st.integers(-500, 500)), source=source,
                                   author_id=author)
        s.add_items([node], excerpts=[excerpt] if excerpt else [], action="add_node")

    def add_edge(self):
        s = self.session
        source, target = self.pick(s.map.nodes), self.pick(s.map.nodes)
        if source is None:
            raise DomainError("no nodes")
        edge_type = self.draw(st.sampled_from([EdgeType.SUPPORT, EdgeType.ATTACK]))
        s.add_edge(source, target, edge_type)

    def update_node(self):
        s = self.session
        node_id = self.pick(s.map.nodes)
        if node_id is None:
            raise DomainError("no nodes")
        field = self.draw(st.sampled_from(["text", "move", "tags", "color", "author", "mark"]))
        changes = {
            "text": lambda: {"text": self.text()},
            "move": lambda: {"x": self.draw(st.floats(-900, 900)), "y": 3.5, "pinned": True},
            "tags": lambda: {"tags": tuple(self.draw(st.lists(st.sampled_from(WORDS), max_size=2)))},
            "color": lambda: {"color": self.draw(st.sampled_from(COLORS))},
            "author": lambda: {"author_id": self.pick(s.map.participants)},
            "mark": lambda: {"mark": self.draw(st.sampled_from([None, "accept", "reject"]))},
        }[field]()
        s.update_node(node_id, **changes)

    def set_edge_type(self):
        s = self.session
        edge_id = self.pick(s.map.edges)
        if edge_id is None:
            raise DomainError("no edges")
        s.set_edge_types({edge_id: self.draw(st.sampled_from([EdgeType.SUPPORT, EdgeType.ATTACK]))})

    def remove(self):
        s = self.session
        nodes = self.draw(st.lists(st.sampled_from(list(s.map.nodes)), max_size=2)) if s.map.nodes else []
        edges = self.draw(st.lists(st.sampled_from(list(s.map.edges)), max_size=1)) if s.map.edges else []
        if not nodes and not edges:
            raise DomainError("nothing to remove")
        self.removals.append(s.remove_items(nodes, edges))

    def restore(self):
        if not self.removals:
            raise DomainError("nothing to restore")
        self.session.restore(self.removals.pop())

    def set_title(self):
        self.session.set_title(self.text())

    def import_document(self):
        text = f"{self.text()}. {self.text()}."
        document = Document(id=new_id("d"), title=self.text(), text=text, format="txt",
                            encoding="utf-8", metadata={"k": self.text()})
        self.session.import_documents([DocumentImport(document, [(0, len(text), "paragraph")], [])])

    def remove_document(self):
        s = self.session
        cited = {x.document_id for x in s.map.excerpts.values()}
        document_id = self.pick(d for d in s.map.documents if d not in cited)
        if document_id is None:
            raise DomainError("no uncited document")
        s.remove_documents([document_id])

    def reimport_document(self):
        s = self.session
        document_id = self.pick(s.map.documents)
        if document_id is None:
            raise DomainError("no document")
        old = s.map.documents[document_id]
        preface = self.text() + ". "
        new = replace(old, text=preface + old.text)
        excerpts = [replace(x, start=x.start + len(preface), end=x.end + len(preface))
                    for x in s.map.excerpts.values() if x.document_id == document_id]
        s.replace_document(DocumentImport(new, [], []), excerpts)

    def add_participant(self):
        taken = {p.name for p in self.session.map.participants.values()}
        name = self.draw(st.sampled_from(["Ada", "Bo", "Cy", "Dee", "Eli", "bo"]))
        if len(self.session.map.participants) < 2:  # the set-up must succeed
            name = next(n for n in ("Ada", "Bo", "Cy") if n not in taken)
        index = self.draw(st.none() | st.integers(0, 4))
        self.session.add_participant(
            Participant(id=new_id("p"), name=name, color=self.draw(st.sampled_from(COLORS))), index)

    def update_participant(self):
        s = self.session
        pid = self.pick(s.map.participants)
        if pid is None:
            raise DomainError("no participants")
        if self.draw(st.booleans()):
            s.update_participant(pid, name=self.draw(st.sampled_from(["Fay", "Gus", "Ada"])))
        else:
            s.update_participant(pid, color=self.draw(st.sampled_from(COLORS)))

    def move_participant(self):
        pid = self.pick(self.session.map.participants)
        if pid is None:
            raise DomainError("no participants")
        self.session.move_participant(pid, self.draw(st.integers(0, 5)))

    def remove_participant(self):
        pid = self.pick(self.session.map.participants)
        if pid is None:
            raise DomainError("no participants")
        self.participant_removals.append(self.session.remove_participant(pid))

    def restore_participant(self):
        if not self.participant_removals:
            raise DomainError("nothing to restore")
        self.session.restore_participant(self.participant_removals.pop())

    def vote(self):
        s = self.session
        node_id, pid = self.pick(s.map.nodes), self.pick(s.map.participants)
        if node_id is None or pid is None:
            raise DomainError("nobody or nothing to vote on")
        if self.draw(st.booleans()):
            s.set_vote(node_id, pid, "dot", self.draw(st.integers(1, 4)))
        else:
            s.set_vote(node_id, pid, "rating", self.draw(st.integers(-2, 2)))

    def clear_vote(self):
        s = self.session
        key = self.pick(s.workshop.votes)
        if key is None:
            raise DomainError("no votes")
        s.clear_vote(*key)

    def add_agenda_item(self):
        s = self.session
        node_id = self.pick(s.map.nodes)
        if node_id is None:
            raise DomainError("no nodes")
        item = AgendaItem(id=new_id("a"), node_id=node_id, ordinal=0,
                          timebox=self.draw(st.integers(60, 900)))
        s.add_agenda_item(item, self.draw(st.none() | st.integers(0, 3)))

    def change_agenda_item(self):
        s = self.session
        item_id = self.pick(a.id for a in s.workshop.agenda)
        if item_id is None:
            raise DomainError("empty agenda")
        what = self.draw(st.sampled_from(["remove", "move", "timebox", "done", "spent"]))
        if what == "remove":
            s.remove_agenda_item(item_id)
        elif what == "move":
            s.move_agenda_item(item_id, self.draw(st.integers(0, 3)))
        elif what == "timebox":
            s.set_timebox(item_id, self.draw(st.integers(1, 1200)))
        elif what == "done":
            s.set_agenda_done(item_id, self.draw(st.booleans()))
        else:
            s.add_spent_time(item_id, self.draw(st.floats(0.5, 120)))

    def park(self):
        s = self.session
        author = self.pick(s.map.participants) if self.draw(st.booleans()) else None
        s.park(ParkedItem(id=new_id("k"), text=self.text(), ordinal=0, author_id=author,
                          kind=self.draw(st.sampled_from(["idea", "question", "claim"]))),
               self.draw(st.none() | st.integers(0, 2)))

    def unpark(self):
        s = self.session
        item_id = self.pick(p.id for p in s.workshop.parked)
        if item_id is None:
            raise DomainError("nothing parked")
        item = s.workshop.parked_item(item_id)
        node, _ = s.new_node(item.text, item.kind, x=5.0, y=7.0, author_id=item.author_id)
        parent = self.pick(s.map.nodes)
        edges = [Edge(id=new_id("e"), type=EdgeType.SUPPORT, source=node.id, target=parent)] \
            if parent and self.draw(st.booleans()) else []
        s.unpark(item_id, [node], edges)
        self.unparked.append((item, node.id))

    def repark(self):
        if not self.unparked:
            raise DomainError("nothing unparked")
        item, node_id = self.unparked.pop()
        self.session.repark(item, [node_id])

    def settings(self):
        s = self.session
        if self.draw(st.booleans()):
            s.set_dot_budget(self.draw(st.integers(1, 8)))
        else:
            s.set_anonymous(self.draw(st.booleans()))

    def speaker(self):
        s = self.session
        s.set_speaker(self.pick(s.map.participants) if self.draw(st.booleans()) else None)
        raise DomainError("not an event")  # the speaker is not part of the map


ACTIONS = [name for name in vars(Actor) if not name.startswith("_")
           and name not in ("draw", "pick", "text")]


SETUP = ["import_document", "add_participant", "add_participant", "add_node", "add_node",
         "add_node", "vote", "add_agenda_item", "park"]
# actions that make a later one possible are drawn more often
WEIGHTED = ACTIONS + ["remove", "remove", "remove_participant", "unpark", "vote", "vote",
                      "add_edge"]


def comparable(state: MapState, blank: set[str]) -> MapState:
    """The state with the texts of ``blank`` documents left out (replay could not know them)."""
    state = state.copy()
    for document_id in blank:
        if document_id in state.documents:
            state.documents[document_id] = replace(state.documents[document_id], text="")
    return state


def check_every_point(history, snapshots):
    assert history.count == len(snapshots) - 1
    assert (history.first, history.last) == (0, history.count)
    for k, expected in enumerate(snapshots):
        replayed = history.state_at(k)
        assert comparable(replayed, replayed.missing_texts) == comparable(expected, replayed.missing_texts), k
        assert replayed.missing_texts <= set(expected.documents)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_map_at_event_k_is_the_map_rebuilt_from_the_first_k_events(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "replay.debatemap"
        with MapSession.create(path, "Workshop") as session:
            actor = Actor(session, data)
            snapshots = [MapState.of(session.map, session.workshop)]
            for name in SETUP:  # so that most random steps find something to act on
                getattr(actor, name)()
                snapshots.append(MapState.of(session.map, session.workshop))
            for _ in range(data.draw(st.integers(1, 40), label="steps")):
                name = data.draw(st.sampled_from(WEIGHTED), label="action")
                before, events = snapshots[-1], session.repository.last_seq()
                try:
                    getattr(actor, name)()
                except DomainError:
                    # refused: nothing changed, nothing recorded
                    assert MapState.of(session.map, session.workshop) == before
                    assert session.repository.last_seq() == events
                    continue
                snapshots.append(MapState.of(session.map, session.workshop))
                assert session.repository.last_seq() == events + 1
            check_every_point(session.history(), snapshots)  # the live, incremental history
            assert session.workshop.problems() == [] and session.map.problems() == []
        with MapSession.open(path, readonly=True) as reopened:
            assert MapState.of(reopened.map, reopened.workshop) == snapshots[-1]
            check_every_point(reopened.history(), snapshots)
