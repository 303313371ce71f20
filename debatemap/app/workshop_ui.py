"""The main window's workshop tools (issue 7), installed in one place: participants and quick
capture, agenda and timers, votes and the parking lot, history replay and the handout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from debatemap.app import workshop_agenda, workshop_people, workshop_replay, workshop_votes

if TYPE_CHECKING:
    from debatemap.app.main_window import MainWindow


@dataclass
class WorkshopTools:
    people: workshop_people.WorkshopPeople
    agenda: workshop_agenda.WorkshopAgenda
    votes: workshop_votes.WorkshopVotes
    replay: workshop_replay.WorkshopReplay


def install_workshop(window: "MainWindow") -> WorkshopTools:
    """Every workshop tool in ``window``; each follows the window's open map by itself."""
    return WorkshopTools(
        people=workshop_people.install(window),
        agenda=workshop_agenda.install(window),
        votes=workshop_votes.install(window),
        replay=workshop_replay.install(window),
    )
