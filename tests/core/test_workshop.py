"""Workshop rules: participants in order, votes within budget, agenda and parking lot, tallies."""

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.errors import DomainError, InvalidValueError, MissingItemError
from debatemap.core.model import AgendaItem, Node, NodeKind, ParkedItem, Participant, Vote
from debatemap.core.workshop import VoteBudgetError, Workshop, WorkshopSettings


@pytest.fixture
def workshop():
    amap = ArgumentMap("Transit")
    for i in range(4):
        amap.add_node(Node(id=f"n{i}", text=f"claim {i}", kind=NodeKind.QUESTION if i == 0 else "claim"))
    shop = Workshop(amap)
    for pid, name in (("p1", "Ada"), ("p2", "Bo"), ("p3", "Cy")):
        shop.add_participant(Participant(id=pid, name=name, color="#336699"))
    return shop


def dot(node, who, value, vote_id=None):
    return Vote(id=vote_id or f"v-{node}-{who}-dot", node_id=node, participant_id=who, kind="dot",
                value=value)


def rating(node, who, value):
    return Vote(id=f"v-{node}-{who}-rating", node_id=node, participant_id=who, kind="rating",
                value=value)


# ---- participants ----------------------------------------------------------------------------


def test_participants_keep_their_order_and_can_move(workshop):
    assert [p.name for p in workshop.participants] == ["Ada", "Bo", "Cy"]
    workshop.add_participant(Participant(id="p0", name="Zed"), index=0)
    assert [p.id for p in workshop.participants] == ["p0", "p1", "p2", "p3"]
    assert workshop.move_participant("p0", 10) == 0
    assert [p.id for p in workshop.participants] == ["p1", "p2", "p3", "p0"]
    assert workshop.map.participants is workshop.map.participants  # one dict, kept


@pytest.mark.parametrize("name, message", [
    ("  ", "needs a name"), ("ada", "already a participant called Ada"),
    (" Eve", "leading or trailing"), ("x" * 61, "at most 60"),
])
def test_bad_participant_names_are_refused(workshop, name, message):
    with pytest.raises(InvalidValueError, match=message):
        workshop.add_participant(Participant(id="p9", name=name))
    assert len(workshop.participants) == 3


def test_rename_and_recolour_validate_and_return_the_old_value(workshop):
    before = workshop.update_participant("p1", name="Ada L.", color="#aa0000")
    assert before.name == "Ada" and workshop.participant("p1").color == "#aa0000"
    with pytest.raises(InvalidValueError, match="not a colour"):
        workshop.update_participant("p1", color="red")
    with pytest.raises(InvalidValueError, match="already a participant called Bo"):
        workshop.update_participant("p1", name="BO")
    with pytest.raises(InvalidValueError, match="no field"):
        workshop.update_participant("p1", id="p7")
    assert workshop.participant("p1").name == "Ada L."


def test_removing_a_participant_takes_votes_and_authorship_and_restores_them(workshop):
    amap = workshop.map
    amap.nodes["n1"].author_id = "p2"
    workshop.put_vote(dot("n1", "p2", 2))
    workshop.put_vote(rating("n2", "p2", -1))
    workshop.put_vote(dot("n1", "p1", 1))
    workshop.park(ParkedItem(id="k1", text="Parking fees", ordinal=0, author_id="p2"))
    removal = workshop.remove_participant("p2")
    assert removal.index == 1 and removal.authored == ["n1"] and removal.parked == ["k1"]
    assert len(removal.votes) == 2 and len(workshop.votes) == 1
    assert amap.nodes["n1"].author_id is None and workshop.parked[0].author_id is None
    assert "p2" not in amap.participants

    workshop.restore_participant(removal)
    assert [p.id for p in workshop.participants] == ["p1", "p2", "p3"]
    assert amap.nodes["n1"].author_id == "p2" and workshop.parked[0].author_id == "p2"
    assert workshop.tally("n1").dots == 3 and workshop.tally("n2").rating_mean == -1


def test_anonymous_mode_shows_numbers_instead_of_names(workshop):
    assert workshop.display_name("p2") == "Bo"
    assert workshop.set_anonymous(True) is False
    assert workshop.display_name("p2") == "Participant 2"
    with pytest.raises(InvalidValueError):
        workshop.set_anonymous("yes")


# ---- votes -----------------------------------------------------------------------------------


def test_dot_votes_stay_within_the_budget(workshop):
    assert workshop.settings.dot_budget == 5
    workshop.put_vote(dot("n1", "p1", 3))
    workshop.put_vote(dot("n2", "p1", 2))
    assert workshop.dots_left("p1") == 0
    with pytest.raises(VoteBudgetError, match="Ada has no dots left"):
        workshop.put_vote(dot("n3", "p1", 1))
    replaced = workshop.put_vote(dot("n1", "p1", 1))  # fewer dots on n1 frees two
    assert replaced.value == 3 and workshop.dots_left("p1") == 2
    with pytest.raises(VoteBudgetError, match="only 2 of 5 dots left"):
        workshop.put_vote(dot("n3", "p1", 3))
    assert workshop.vote("n3", "p1", "dot") is None
    assert isinstance(VoteBudgetError("x"), DomainError)


def test_one_dot_row_and_one_rating_row_per_participant_and_node(workshop):
    workshop.put_vote(dot("n1", "p1", 1))
    workshop.put_vote(rating("n1", "p1", 2))
    workshop.put_vote(dot("n1", "p1", 2, vote_id="v-other"))  # replaces the dot row
    assert len(workshop.votes) == 2 and workshop.vote("n1", "p1", "dot").id == "v-other"
    with pytest.raises(InvalidValueError, match="already in use"):
        workshop.put_vote(dot("n2", "p1", 1, vote_id="v-other"))


@pytest.mark.parametrize("vote, message", [
    (Vote("v", "n1", "p1", "rating", 3), "from -2 to 2"),
    (Vote("v", "n1", "p1", "rating", -3), "from -2 to 2"),
    (Vote("v", "n1", "p1", "dot", 0), "1 or more"),
    (Vote("v", "n1", "p1", "dot", True), "whole number"),
    (Vote("v", "n1", "p1", "like", 1), "unknown vote kind"),
    (Vote("v", "nX", "p1", "dot", 1), "no node 'nX'"),
    (Vote("v", "n1", "pX", "dot", 1), "no participant 'pX'"),
])
def test_invalid_votes_are_refused(workshop, vote, message):
    with pytest.raises(DomainError, match=message):
        workshop.put_vote(vote)
    assert workshop.votes == {}


def test_removing_a_vote_that_is_not_there_says_so(workshop):
    with pytest.raises(MissingItemError, match="Bo has no rating on n1"):
        workshop.remove_vote("n1", "p2", "rating")


def test_budget_cannot_drop_below_dots_placed(workshop):
    workshop.put_vote(dot("n1", "p1", 4))
    with pytest.raises(VoteBudgetError, match="already placed 4 dots"):
        workshop.set_dot_budget(3)
    assert workshop.set_dot_budget(4) == 5 and workshop.settings.dot_budget == 4
    for bad in (0, 100, 2.5, True):
        with pytest.raises(InvalidValueError, match="from 1 to 99"):
            workshop.set_dot_budget(bad)


def test_tallies_and_results_orders(workshop):
    workshop.put_vote(dot("n1", "p1", 2))
    workshop.put_vote(dot("n1", "p2", 1))
    workshop.put_vote(rating("n1", "p1", -1))
    workshop.put_vote(dot("n2", "p3", 3))
    workshop.put_vote(rating("n2", "p1", 1))
    workshop.put_vote(rating("n2", "p2", 2))
    workshop.put_vote(rating("n3", "p1", 2))
    n1 = workshop.tally("n1")
    assert (n1.dots, n1.dot_voters, n1.rating_count, n1.rating_mean) == (3, 2, 1, -1.0)
    assert list(n1.by_participant) == ["p1", "p2"]
    assert n1.by_participant["p1"].dots == 2 and n1.by_participant["p1"].rating == -1
    assert n1.by_participant["p2"].rating is None
    assert workshop.tally("n0").dots == 0 and workshop.tally("n0").rating_mean is None
    # n1 and n2 both have 3 dots: n2's better mean rating puts it first
    assert [t.node_id for t in workshop.results("dots")] == ["n2", "n1", "n3"]
    # n3 (mean 2, one rating) and n2 (mean 1.5): then n1
    assert [t.node_id for t in workshop.results("rating")] == ["n3", "n2", "n1"]
    with pytest.raises(InvalidValueError, match="unknown order"):
        workshop.results("votes")


# ---- agenda ----------------------------------------------------------------------------------


def item(item_id, node_id, timebox=600):
    return AgendaItem(id=item_id, node_id=node_id, ordinal=-1, timebox=timebox)


def test_agenda_order_ordinals_and_updates(workshop):
    workshop.add_agenda_item(item("a1", "n0"))
    workshop.add_agenda_item(item("a2", "n1"))
    stored = workshop.add_agenda_item(item("a0", "n2"), index=0)
    assert stored.ordinal == 0
    assert [(a.id, a.ordinal) for a in workshop.agenda] == [("a0", 0), ("a1", 1), ("a2", 2)]
    assert workshop.move_agenda_item("a0", 2) == 0
    assert [a.id for a in workshop.agenda] == ["a1", "a2", "a0"]
    before = workshop.update_agenda_item("a2", timebox=300, done=True, spent=12.5)
    assert before.timebox == 600 and workshop.agenda_item("a2").done
    removed = workshop.remove_agenda_item("a1")
    assert removed.ordinal == 0 and [a.ordinal for a in workshop.agenda] == [0, 1]
    workshop.add_agenda_item(removed, removed.ordinal)
    assert [a.id for a in workshop.agenda] == ["a1", "a2", "a0"]


@pytest.mark.parametrize("changes, message", [
    ({"timebox": 0}, "from 1 second to 24 hours"), ({"timebox": 90000}, "24 hours"),
    ({"timebox": 1.5}, "24 hours"), ({"spent": -1}, "0 seconds or more"),
    ({"spent": float("nan")}, "0 seconds or more"), ({"done": 1}, "true or false"),
    ({"node_id": "n2"}, "no field"),
])
def test_bad_agenda_changes_are_refused(workshop, changes, message):
    workshop.add_agenda_item(item("a1", "n0"))
    with pytest.raises(InvalidValueError, match=message):
        workshop.update_agenda_item("a1", **changes)
    assert workshop.agenda_item("a1") == AgendaItem("a1", "n0", 0)


def test_a_node_is_on_the_agenda_once_and_must_exist(workshop):
    workshop.add_agenda_item(item("a1", "n0"))
    with pytest.raises(InvalidValueError, match="“claim 0” is already on the agenda"):
        workshop.add_agenda_item(item("a2", "n0"))
    with pytest.raises(MissingItemError, match="no node 'nX'"):
        workshop.add_agenda_item(item("a3", "nX"))
    assert [a.id for a in workshop.agenda] == ["a1"]


# ---- parking lot -----------------------------------------------------------------------------


def test_parking_lot(workshop):
    workshop.park(ParkedItem(id="k1", text="Bike lanes", ordinal=0))
    workshop.park(ParkedItem(id="k2", text="Tolls", ordinal=0, kind="question", author_id="p1"), 0)
    assert [(p.id, p.ordinal) for p in workshop.parked] == [("k2", 0), ("k1", 1)]
    gone = workshop.unpark("k2")
    assert gone.ordinal == 0 and [p.ordinal for p in workshop.parked] == [0]
    for bad, message in ((ParkedItem("k3", "  ", 0), "nothing to park"),
                         (ParkedItem("k3", "x", 0, kind="argument"), "kind is one of"),
                         (ParkedItem("k3", "x", 0, author_id="pX"), "no participant"),
                         (ParkedItem("k1", "x", 0), "already in use")):
        with pytest.raises(DomainError, match=message):
            workshop.park(bad)
    with pytest.raises(MissingItemError):
        workshop.unpark("k2")


# ---- nodes leaving -------------------------------------------------------------------------


def test_detach_and_reattach_nodes_is_exact(workshop):
    workshop.add_agenda_item(item("a0", "n0"))
    workshop.add_agenda_item(item("a1", "n1"))
    workshop.add_agenda_item(item("a2", "n2"))
    workshop.put_vote(dot("n1", "p1", 2))
    workshop.put_vote(rating("n1", "p2", 1))
    workshop.put_vote(dot("n3", "p1", 1))
    before = (dict(workshop.votes), list(workshop.agenda))
    traces = workshop.detach_nodes(["n1", "n0"])
    assert {v.id for v in traces.votes} == {"v-n1-p1-dot", "v-n1-p2-rating"}
    assert [a.id for a in workshop.agenda] == ["a2"] and workshop.agenda[0].ordinal == 0
    workshop.reattach(traces)
    assert (dict(workshop.votes), list(workshop.agenda)) == before
    assert not workshop.detach_nodes(["n2"]).votes


def test_problems_lists_broken_stored_parts():
    amap = ArgumentMap.from_parts("m", [Node(id="n1", text="x")],
                                  participants=[Participant("p1", "Ada"), Participant("p2", "ada")])
    workshop = Workshop.from_parts(
        amap,
        votes=[Vote("v1", "n1", "p1", "dot", 7), Vote("v2", "nX", "p1", "rating", 1)],
        agenda=[AgendaItem("a1", "n1", 3)],
        parked=[ParkedItem("k1", "", 0)],
        settings=WorkshopSettings(dot_budget=5),
    )
    found = workshop.problems()
    assert any(p.startswith("participant p2: there is already") for p in found)
    assert any(p.startswith("vote v1: Ada has only 5 of 5 dots left") for p in found)
    assert any(p.startswith("vote v2: no node") for p in found)
    assert "agenda item a1: ordinal 3 at place 0" in found
    assert any(p.startswith("parked item k1: there is nothing to park") for p in found)
    assert Workshop.from_parts(ArgumentMap()).problems() == []
