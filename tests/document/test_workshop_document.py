"""WorkshopDocument: every workshop intent is one undo step (do, undo, redo change the model and
the file together) with its signals; refusals say why; capture, the speaker, and replay."""

import sqlite3

import pytest

from debatemap.core.model import EdgeType, NodeKind
from debatemap.core.replay import MapState
from debatemap.document import MapDocument
from debatemap.store.session import MapSession

SIGNALS = ("participantsChanged", "currentSpeakerChanged", "votesChanged", "agendaChanged",
           "parkingChanged", "settingsChanged")


@pytest.fixture
def document(qapp, tmp_path):
    opened = MapDocument.create(tmp_path / "workshop.debatemap", "Workshop")
    yield opened
    opened.close()


@pytest.fixture
def emitted(document):
    """The workshop's signals and errorOccurred, as (name, args) in order."""
    log = []
    for name in SIGNALS:
        getattr(document.workshop, name).connect(lambda *args, name=name: log.append((name, args)))
    document.errorOccurred.connect(lambda message: log.append(("errorOccurred", (message,))))
    return log


def live(document) -> MapState:
    return MapState.of(document.map, document.session.workshop)


def stored(document) -> MapState:
    with MapSession.open(document.path, readonly=True) as reader:
        return MapState.of(reader.map, reader.workshop)


def one_step(document, action, text=None):
    """Run ``action``; it must be one undo step that undo and redo take back and forth exactly,
    in memory and in the file. Returns the action's result."""
    before, steps = live(document), document.undo_stack.count()
    result = action()
    after = live(document)
    assert document.undo_stack.count() == steps + 1 and after != before
    if text is not None:
        assert document.undo_stack.undoText() == text
    assert stored(document) == after
    document.undo_stack.undo()
    assert live(document) == before and stored(document) == before
    document.undo_stack.redo()
    assert live(document) == after and stored(document) == after
    return result


def errors(log):
    return [args[0] for name, args in log if name == "errorOccurred"]


# ---- participants ----------------------------------------------------------------------------


def test_participant_intents_are_one_step_each(document, emitted):
    shop = document.workshop
    ada = one_step(document, lambda: shop.add_participant("  Ada  "), "Add participant Ada")
    assert ada.name == "Ada"
    bo = one_step(document, lambda: shop.add_participant("Bo", "#00aa00"))
    one_step(document, lambda: shop.rename_participant(bo.id, "Bob"), "Rename participant")
    one_step(document, lambda: shop.recolour_participant(ada.id, "#aa0000"))
    one_step(document, lambda: shop.move_participant(bo.id, 0), "Reorder participants")
    assert [p.name for p in shop.participants] == ["Bob", "Ada"]
    one_step(document, lambda: shop.remove_participant(ada.id), "Remove participant Ada")
    assert [p.name for p in shop.participants] == ["Bob"]
    assert {name for name, _ in emitted} == {"participantsChanged"}

    steps = document.undo_stack.count()
    assert shop.add_participant("bob") is None  # names are told apart without case
    assert shop.rename_participant("p-nobody", "X") is False
    assert shop.recolour_participant(bo.id, "blue") is False
    assert errors(emitted) == [
        "Could not add participant bob: there is already a participant called Bob",
        "Could not rename the participant: no participant 'p-nobody' in this map",
        "Could not change participant colour: 'blue' is not a colour like #3366cc",
    ]
    assert document.undo_stack.count() == steps


def test_removing_a_participant_takes_their_votes_and_authorship_and_undo_returns_them(
        document, emitted):
    shop = document.workshop
    ada = shop.add_participant("Ada")
    shop.set_current_speaker(ada.id)
    node = document.add_node("Fares should go")
    shop.add_dot(node.id)
    shop.park("Bike lanes")
    emitted.clear()
    one_step(document, lambda: shop.remove_participant(ada.id))
    assert shop.current_speaker is None  # the removed speaker is nobody now
    assert document.map.nodes[node.id].author_id is None and not shop.tallies()
    document.undo_stack.undo()
    assert document.map.nodes[node.id].author_id == ada.id and shop.tally(node.id).dots == 1
    assert shop.parked[0].author_id == ada.id
    names = [name for name, _ in emitted]
    assert ("currentSpeakerChanged", (None,)) in emitted
    assert {"participantsChanged", "votesChanged", "parkingChanged"} <= set(names)


# ---- the current speaker -----------------------------------------------------------------------


def test_the_speaker_authors_new_nodes_and_acts_in_events_without_an_undo_step(document, emitted):
    shop = document.workshop
    ada, bo = shop.add_participant("Ada"), shop.add_participant("Bo")
    steps = document.undo_stack.count()
    assert shop.set_current_speaker(bo.id)
    assert document.undo_stack.count() == steps and emitted[-1] == ("currentSpeakerChanged", (bo.id,))
    claim = document.add_node("Buses fill up")
    captured = shop.capture("? Who pays", claim.id)
    linked = document.add_linked_node(claim.id, "Rail too", NodeKind.CLAIM, EdgeType.SUPPORT,
                                      x=0, y=200)
    assert {claim.author_id, captured.author_id, linked.author_id} == {bo.id}
    document.set_node_text(claim.id, "Buses fill up at rush hour", merge=False)
    assert document.map.nodes[claim.id].author_id == bo.id  # an edit keeps the author
    events = document.session.repository.events()
    assert [e.participant_id for e in events[-4:]] == [bo.id] * 4
    shop.set_current_speaker(None)
    assert document.add_node("Nobody said this").author_id is None
    assert shop.set_current_speaker("p-ghost") is False
    assert errors(emitted) == ["Could not pick the speaker: no participant 'p-ghost' in this map"]
    assert shop.current_speaker is None and ada.id in document.map.participants


# ---- votes -----------------------------------------------------------------------------------


def test_dot_votes_respect_the_budget_and_each_is_one_step(document, emitted):
    shop = document.workshop
    ada = shop.add_participant("Ada")
    shop.set_current_speaker(ada.id)
    a, b = document.add_node("A"), document.add_node("B")
    emitted.clear()
    one_step(document, lambda: shop.add_dot(a.id), "Add dot")
    assert emitted[0] == ("votesChanged", ([a.id],))
    for _ in range(3):
        shop.add_dot(a.id)
    one_step(document, lambda: shop.add_dot(b.id))
    assert shop.dots_left() == 0 and shop.tally(a.id).dots == 4
    steps = document.undo_stack.count()
    assert shop.add_dot(b.id) is False
    assert errors(emitted) == ["Could not add dot: Ada has no dots left (the budget is 5)"]
    assert document.undo_stack.count() == steps and shop.tally(b.id).dots == 1
    one_step(document, lambda: shop.remove_dot(b.id), "Remove dot")
    assert shop.tally(b.id).dots == 0
    one_step(document, lambda: shop.set_dots(a.id, 0), "Take dots back")
    assert shop.dots_left(ada.id) == 5


def test_ratings_and_voting_for_someone_else(document, emitted):
    shop = document.workshop
    ada, bo = shop.add_participant("Ada"), shop.add_participant("Bo")
    node = document.add_node("Free fares")
    assert shop.rate(node.id, 2) is False  # nobody is speaking
    one_step(document, lambda: shop.rate(node.id, 2, ada.id), "Rate +2")
    one_step(document, lambda: shop.rate(node.id, -1, bo.id), "Rate -1")
    assert shop.tally(node.id).rating_mean == 0.5
    one_step(document, lambda: shop.rate(node.id, 1, ada.id))
    one_step(document, lambda: shop.clear_rating(node.id, bo.id), "Clear rating")
    assert shop.rate(node.id, 3, ada.id) is False
    assert shop.results("rating")[0].node_id == node.id
    assert errors(emitted) == ["Pick who is voting first: choose the current speaker",
                               "Could not rate +3: a rating is from -2 to 2, not 3"]


def test_deleting_a_node_takes_its_votes_and_agenda_item_in_the_same_undo_step(document, emitted):
    shop = document.workshop
    ada = shop.add_participant("Ada")
    question = document.add_node("Who pays?", NodeKind.QUESTION)
    other = document.add_node("When?", NodeKind.QUESTION)
    shop.add_agenda_item(question.id)
    shop.add_agenda_item(other.id)
    shop.add_dot(question.id, ada.id)
    emitted.clear()
    one_step(document, lambda: document.remove_items([question.id]), "Delete node")
    assert [a.node_id for a in shop.agenda] == [other.id] and not shop.tallies()
    assert ("votesChanged", ([question.id],)) in emitted and ("agendaChanged", ()) in emitted
    document.undo_stack.undo()
    assert [a.node_id for a in shop.agenda] == [question.id, other.id]
    assert shop.tally(question.id).dots == 1


# ---- agenda ----------------------------------------------------------------------------------


def test_agenda_intents_are_one_step_each(document, emitted):
    shop = document.workshop
    q1, q2 = document.add_node("One?", "question"), document.add_node("Two?", "question")
    first = one_step(document, lambda: shop.add_agenda_item(q1.id, 300), "Add to agenda")
    second = one_step(document, lambda: shop.add_agenda_item(q2.id, index=0))
    assert [a.id for a in shop.agenda] == [second.id, first.id]
    one_step(document, lambda: shop.move_agenda_item(second.id, 1), "Reorder agenda")
    one_step(document, lambda: shop.set_timebox(first.id, 120), "Set timebox")
    one_step(document, lambda: shop.set_agenda_done(first.id), "Mark agenda item done")
    one_step(document, lambda: shop.add_spent_time(first.id, 12.5), "Record time spent")
    one_step(document, lambda: shop.remove_agenda_item(second.id), "Remove from agenda")
    assert [(a.timebox, a.done, a.spent) for a in shop.agenda] == [(120, True, 12.5)]
    assert {name for name, _ in emitted} == {"agendaChanged"}
    assert shop.add_agenda_item(q1.id) is None
    assert shop.set_timebox(first.id, 0) is False
    assert errors(emitted) == [
        "Could not add to agenda: “One?” is already on the agenda",
        "Could not set timebox: a timebox is from 1 second to 24 hours (in seconds), not 0",
    ]


def test_consecutive_spent_time_of_one_item_is_one_undo_step(document):
    shop = document.workshop
    item = shop.add_agenda_item(document.add_node("One?", "question").id)
    steps = document.undo_stack.count()
    for seconds in (10, 20, 5.5):
        assert shop.add_spent_time(item.id, seconds)
    assert document.undo_stack.count() == steps + 1 and shop.agenda[0].spent == 35.5
    document.undo_stack.undo()
    assert shop.agenda[0].spent == 0.0 and stored(document) == live(document)
    document.undo_stack.redo()
    assert shop.agenda[0].spent == 35.5 and stored(document) == live(document)
    assert shop.add_spent_time(item.id, -3) is False


# ---- parking lot -----------------------------------------------------------------------------


def test_park_unpark_and_discard(document, emitted):
    shop = document.workshop
    ada = shop.add_participant("Ada")
    shop.set_current_speaker(ada.id)
    parent = document.add_node("Transit should be free")
    parked = one_step(document, lambda: shop.park("What about bikes?", NodeKind.QUESTION),
                      "Park “What about bikes?”")
    assert parked.author_id == ada.id and parked.kind == "question"
    shop.set_current_speaker(None)
    node = one_step(document, lambda: shop.unpark(parked.id, parent.id),
                    "Unpark “What about bikes?”")
    assert not shop.parked and node.kind == NodeKind.QUESTION and node.author_id == ada.id
    assert node.y > parent.y  # placed under its parent
    link = next(iter(document.map.edges.values()))
    assert (link.source, link.target, link.type) == (node.id, parent.id, EdgeType.SUPPORT)
    document.undo_stack.undo()
    assert [p.id for p in shop.parked] == [parked.id] and node.id not in document.map.nodes
    dropped = shop.unpark(parked.id, x=400.0, y=-50.0)
    assert (dropped.x, dropped.y) == (400.0, -50.0) and len(document.map.edges) == 0
    other = shop.park("Tolls")
    one_step(document, lambda: shop.discard_parked(other.id), "Delete parked “Tolls”")
    assert shop.park("   ") is None and shop.unpark("k-nope") is None
    assert errors(emitted) == ["Could not park: the text is empty",
                               "Could not change the parking lot: no parked item 'k-nope'"]


# ---- settings --------------------------------------------------------------------------------


def test_settings_are_undoable_and_the_budget_never_drops_below_dots_placed(document, emitted):
    shop = document.workshop
    ada = shop.add_participant("Ada")
    node = document.add_node("A")
    shop.set_dots(node.id, 4, ada.id)
    emitted.clear()
    one_step(document, lambda: shop.set_dot_budget(8), "Set dot budget to 8")
    one_step(document, lambda: shop.set_anonymous(True), "Anonymous mode on")
    assert shop.display_name(ada.id) == "Participant 1"
    assert [name for name, _ in emitted] == ["settingsChanged"] * 6  # do, undo, redo; twice
    assert shop.set_dot_budget(3) is False
    assert errors(emitted)[-1] == ("Could not set dot budget to 3: Participant 1 has already"
                                   " placed 4 dots; take some back before lowering the budget to 3")
    assert shop.set_anonymous(True) is False  # no change, no step


# ---- capture ---------------------------------------------------------------------------------


def test_capture_places_links_and_attributes_in_one_step(document, emitted):
    shop = document.workshop
    root = one_step(document, lambda: shop.capture("? Should fares be free"), "Capture question")
    assert (root.kind, root.text, document.map.edges) == (NodeKind.QUESTION, "Should fares be free", {})
    pro = one_step(document, lambda: shop.capture("+ Buses fill up", root.id), "Capture claim")
    con = one_step(document, lambda: shop.capture("-Costs too much", root.id), "Capture objection")
    idea = shop.capture("! Try one month free", root.id)
    note = shop.capture("n ask the council", root.id)
    types = {e.source: e.type for e in document.map.edges.values() if e.target == root.id}
    assert types == {pro.id: EdgeType.SUPPORT, con.id: EdgeType.ATTACK,
                     idea.id: EdgeType.SUPPORT, note.id: EdgeType.SUPPORT}
    assert (idea.kind, note.kind, con.kind) == (NodeKind.IDEA, NodeKind.NOTE, NodeKind.OBJECTION)
    children = [pro, con, idea, note]
    assert all(child.y > root.y for child in children)
    spots = {(round(c.x), round(c.y)) for c in children}
    assert len(spots) == 4  # none on top of another
    loose = shop.capture("A new topic")
    assert loose.y > max(c.y for c in children) and not document.map.edges_of(loose.id)
    steps = document.undo_stack.count()
    assert shop.capture("?   ", root.id) is None and shop.capture("x", "n-gone") is None
    assert document.undo_stack.count() == steps
    assert errors(emitted) == ["Could not capture: nothing to capture after “?”: type the text too",
                               "Could not capture: no node 'n-gone' in this map"]


# ---- replay ----------------------------------------------------------------------------------


def test_map_at_replays_every_step_undo_included(document):
    shop = document.workshop
    history_signals = []
    shop.historyChanged.connect(lambda: history_signals.append(shop.event_count()))
    states = [live(document)]

    def step(action):
        action()
        states.append(live(document))

    ada = shop.add_participant("Ada")
    states.append(live(document))
    step(lambda: shop.set_current_speaker(ada.id) and shop.capture("? Who pays"))
    question = next(iter(document.map.nodes))
    step(lambda: shop.capture("+ Riders", question))
    step(lambda: shop.add_dot(question))
    step(lambda: shop.add_agenda_item(question, 300))
    step(lambda: shop.park("Bikes"))
    step(document.undo_stack.undo)
    step(document.undo_stack.undo)
    step(document.undo_stack.redo)
    step(lambda: document.remove_items([question]))
    step(document.undo_stack.undo)
    assert shop.event_count() == len(states) - 1 == 11
    assert shop.replay_range() == (0, 11)
    for k, state in enumerate(states):
        assert shop.map_at(k) == state, k
    assert history_signals[-1] == 11
    past = shop.map_at(4)  # after the dot
    amap = past.to_map()
    assert past.to_workshop(amap).tally(question).dots == 1 and len(amap.nodes) == 2


def test_history_changed_follows_merged_steps_too(document):
    shop = document.workshop
    item = shop.add_agenda_item(document.add_node("One?", "question").id)
    counts = []
    shop.historyChanged.connect(lambda: counts.append(shop.event_count()))
    shop.add_spent_time(item.id, 10)
    shop.add_spent_time(item.id, 10)  # merged into the step before: still a new event
    assert counts[-1] == shop.event_count() == 4


def test_a_failed_undo_leaves_the_votes_as_they_are_and_says_so(document, monkeypatch, qtbot):
    shop = document.workshop
    ada = shop.add_participant("Ada")
    node = document.add_node("A")
    shop.add_dot(node.id, ada.id)
    messages = []
    document.errorOccurred.connect(messages.append)

    def broken(*args, **kwargs):  # what a full disk looks like to the repository
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("debatemap.store.repository.Writer.delete_votes", broken)
    document.undo_stack.undo()
    assert shop.tally(node.id).dots == 1 and stored(document) == live(document)
    assert messages[-1].startswith("Could not undo “Add dot”: ")
    assert "disk I/O error" in messages[-1]
    qtbot.waitUntil(lambda: document.undo_stack.count() == 0)
