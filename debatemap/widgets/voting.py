"""Casting votes for the current speaker, with a sentence for the user either way.

Keys, menus and the voting panel all vote through ``cast``: it checks what the workshop would
refuse (nobody speaking, no dots left, nothing to take back) and says so in words fit for a
status line, instead of letting the refusal become an error dialog in the middle of a session.
The vote itself is one WorkshopDocument intent, one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from debatemap.canvas.vote_badge import rating_text
from debatemap.document.commands import shortened

#: What ``cast`` can do.
ADD_DOT, REMOVE_DOT, RATE, CLEAR_RATING = "add-dot", "remove-dot", "rate", "clear-rating"
#: The agreement scale, -2 .. +2, as the Rate menu and the panel name it.
RATINGS = ((-2, "Strongly Disagree"), (-1, "Disagree"), (0, "Neutral"), (1, "Agree"),
           (2, "Strongly Agree"))


@dataclass(frozen=True)
class Outcome:
    done: bool
    message: str


def rating_word(value: int) -> str:
    return f"{value:+d}".replace("-", "−") if value else "0"


def dots_left_text(workshop, participant_id: str | None = None) -> str:
    """ "3 of 5 dots left" for the participant (the current speaker when None)."""
    budget = workshop.settings.dot_budget
    left = workshop.dots_left(participant_id)
    return f"{left} of {budget} dot{'s' if budget != 1 else ''} left"


def voter_line(document) -> str:
    """Who votes now and what they have left, or why nobody can vote."""
    if document is None:
        return "No map is open."
    workshop = document.workshop
    speaker = workshop.current_speaker
    if speaker is None:
        return "Nobody is voting: pick the current speaker first."
    return f"Voting as {workshop.display_name(speaker)}: {dots_left_text(workshop)}"


def cast(document, node_id: str | None, action: str, value: int | None = None) -> Outcome:
    """Vote for the current speaker on a node: add or take back a dot, rate it (``value``
    -2..+2), or clear the rating. The outcome says what happened, or why nothing did."""
    if document is None:
        return Outcome(False, "Open a map to vote.")
    if node_id is None or node_id not in document.map.nodes:
        return Outcome(False, "Select a card to vote on.")
    workshop = document.workshop
    speaker = workshop.current_speaker
    if speaker is None:
        return Outcome(False, "Nobody is voting: pick the current speaker first.")
    who = workshop.display_name(speaker)
    card = f"“{shortened(document.map.nodes[node_id].text, 40)}”"
    mine = workshop.tally(node_id).by_participant.get(speaker)
    if action == ADD_DOT:
        if workshop.dots_left() <= 0:
            budget = workshop.settings.dot_budget
            return Outcome(False, f"{who} has no dots left ({budget} of {budget} placed):"
                                  " take one back first, or raise the dot budget.")
        done = workshop.add_dot(node_id)
        return Outcome(done, f"{who} put a dot on {card}: {dots_left_text(workshop)}."
                       if done else f"Could not add {who}'s dot.")
    if action == REMOVE_DOT:
        if mine is None or not mine.dots:
            return Outcome(False, f"{who} has no dots on {card} to take back.")
        done = workshop.remove_dot(node_id)
        return Outcome(done, f"{who} took a dot back from {card}: {dots_left_text(workshop)}."
                       if done else f"Could not take back {who}'s dot.")
    if action == RATE:
        if mine is not None and mine.rating == value:
            return Outcome(False, f"{who} already rates {card} {rating_word(value)}.")
        done = workshop.rate(node_id, value)
        tally = workshop.tally(node_id)
        mean = f" (mean {rating_text(tally.rating_mean)})" if tally.rating_mean is not None else ""
        return Outcome(done, f"{who} rates {card} {rating_word(value)}{mean}."
                       if done else f"Could not record {who}'s rating.")
    if action == CLEAR_RATING:
        if mine is None or mine.rating is None:
            return Outcome(False, f"{who} has not rated {card}.")
        done = workshop.clear_rating(node_id)
        return Outcome(done, f"{who}'s rating of {card} was taken back."
                       if done else f"Could not take back {who}'s rating.")
    raise ValueError(f"unknown vote action {action!r}")


def breakdown(workshop, tally) -> str:
    """Each participant's share of a tally, one line each (a table row's tooltip)."""
    lines = []
    for participant_id, share in tally.by_participant.items():
        parts = []
        if share.dots:
            parts.append(f"{'●' * share.dots} {share.dots} dot{'s' if share.dots != 1 else ''}")
        if share.rating is not None:
            parts.append(f"rates {rating_word(share.rating)}")
        name = workshop.display_name(participant_id) \
            if participant_id in workshop.document.map.participants else "(removed)"
        lines.append(f"{name}: {', '.join(parts)}")
    return "\n".join(lines)
