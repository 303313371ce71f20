"""The replay's captions: each kind of event in words, who acted (numbered when anonymous, found
before the event when it removed them), and the local time."""

from datetime import datetime, timedelta, timezone

import pytest

from debatemap.core.model import AgendaItem, EdgeType, ParkedItem, Participant, Vote
from debatemap.store.session import MapSession
from debatemap.widgets.replay_events import Moment, local_time, moment, quoted


@pytest.fixture
def session(tmp_path):
    with MapSession.create(tmp_path / "captions.debatemap", "Captions") as opened:
        yield opened


def captions(session, anonymous=False):
    """Every point's caption line, from 1 on."""
    history = session.history()
    lines = []
    for k in range(1, history.count + 1):
        said = moment(history, k, session.state_at(k), lambda k=k: session.state_at(k - 1),
                      anonymous)
        lines.append(said.line().split(" · ", 1)[1])  # without the time
    return lines


def test_each_kind_of_event_in_words(session):
    session.add_participant(Participant("p-ada", "Ada"))
    session.set_speaker("p-ada")
    question = session.add_node("Should transit be free?", "question")
    reason = session.add_node("It cuts car traffic, jams and the noise of the rush hour downtown")
    session.add_edge(reason.id, question.id, EdgeType.SUPPORT)
    session.put_vote(Vote("v1", reason.id, "p-ada", "dot", 2))
    session.add_agenda_item(AgendaItem("a1", question.id, 0))
    session.set_agenda_done("a1")
    session.park(ParkedItem("k1", "Night buses", 0))
    session.update_node(reason.id, text="It cuts traffic")
    session.set_title("Free transit")
    session.set_anonymous(True)
    session.remove_items([reason.id])
    assert captions(session) == [
        "Added participant Ada",
        "Added “Should transit be free?” · by Ada",
        "Added “It cuts car traffic, jams and the noise of the …” · by Ada",
        "Linked “It cuts car traffic, ja…” → “Should transit be free?” (support) · by Ada",
        "Voted on “It cuts car traffic, jams and the noise of the …” · by Ada",
        "Put on the agenda “Should transit be free?” · by Ada",
        "Marked “Should transit be free?” done · by Ada",
        "Parked “Night buses” · by Ada",
        "Edited “It cuts traffic” · by Ada",
        "Renamed the map to “Free transit” · by Ada",
        "Switched anonymous mode on · by Participant 1",  # hidden from then on
        "Removed “It cuts traffic” · by Participant 1",
    ]


def test_anonymous_numbers_and_removals_named_from_before(session):
    session.add_participant(Participant("p-ada", "Ada"))
    session.add_participant(Participant("p-bo", "Bo"))
    session.set_speaker("p-bo")
    claim = session.add_node("A claim")
    session.add_agenda_item(AgendaItem("a1", claim.id, 0))
    session.set_speaker("p-ada")
    session.remove_agenda_item("a1")
    session.remove_participant("p-bo")
    assert captions(session)[2:] == ["Added “A claim” · by Bo",
                                     "Put on the agenda “A claim” · by Bo",
                                     "Took off the agenda “A claim” · by Ada",
                                     "Removed participant Bo · by Ada"]
    assert captions(session, anonymous=True) == [
        "Added participant Participant 1", "Added participant Participant 2",
        "Added “A claim” · by Participant 2", "Put on the agenda “A claim” · by Participant 2",
        "Took off the agenda “A claim” · by Participant 1",
        "Removed participant Participant 2 · by Participant 1"]


def test_positions_and_times():
    assert Moment(0, 3).position == "Start — before the first of 3 events"
    assert Moment(2, 3, "10:00:00", "Added “x”").line() == "10:00:00 · Added “x”"
    assert Moment(2, 3).position == "Event 2 of 3"
    assert quoted("a  b\nc") == "“a b c”"
    noon = datetime(2025, 3, 12, 12, 0, 5, tzinfo=timezone.utc)
    local = noon.astimezone()
    assert local_time(noon, today=local) == local.strftime("%H:%M:%S")
    assert local_time(noon, today=local + timedelta(days=1)) == local.strftime("%Y-%m-%d %H:%M:%S")
    assert local_time(noon.replace(tzinfo=None), today=local) == local.strftime("%H:%M:%S")
