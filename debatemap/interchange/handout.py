"""The workshop handout as Markdown: what a facilitator sends round after the session.

``build_handout(amap, workshop)`` gives, in this order: the title and the date; the
participants (numbered, "Participant 1"..., in anonymous mode) with what each contributed; the
agenda (items, timeboxes, time spent, done); the map image, when a file name for it is given;
each agenda question (then every other question, then every other top-level card) with its
arguments nested below it: supports, attacks, undercuts, premises, each with who said it and
its votes; the vote results, most dots first, with the mean agreement ratings; the decisions;
and the parking lot.

Decisions are the cards tagged ``decision`` (any case): a facilitator tags the card that
records what was decided (Inspector → Tags), so a decision is any kind of card and stays one
after its text is edited. No Qt here: app/handout_export.py turns this text into a PDF.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import EdgeType, Node, NodeKind
from debatemap.core.tallies import Tally
from debatemap.core.workshop import Workshop

DECISION_TAG = "decision"
#: a link's type -> how the card it comes from is introduced under the card it goes to
STANCES = {
    EdgeType.SUPPORT: "Supports",
    EdgeType.ATTACK: "Attacks",
    EdgeType.UNDERCUT: "Undercuts",
    EdgeType.PREMISE: "Premise",
    EdgeType.CONCLUSION: "Argument",
}
_MARKDOWN_MARKS = re.compile(r"([\\`*_\[\]<>|~#])")


def escape(text: str) -> str:
    """One line of plain text, its Markdown marks escaped (safe in a list item or a table)."""
    return _MARKDOWN_MARKS.sub(r"\\\1", " ".join(str(text).split()))


def duration(seconds: float) -> str:
    """45 s, 7 min 30 s, 1 h 05 min."""
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min" + (f" {rest} s" if rest else "")
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def rating(mean: float | None) -> str:
    """A mean rating as the cards' vote tabs show it: "+1.5", "−0.5", unsigned "0.0"."""
    if mean is None:
        return "—"
    rounded = round(mean, 1)
    if rounded == 0:
        return "0.0"  # not "+0.0" (nor "−0.0" for a mean just below zero)
    return f"{rounded:+.1f}".replace("-", "−")


def is_decision(node: Node) -> bool:
    return any(tag.casefold() == DECISION_TAG for tag in node.tags)


class _Handout:
    def __init__(self, amap: ArgumentMap, workshop: Workshop, anonymous: bool) -> None:
        self.map = amap
        self.workshop = workshop
        self.anonymous = anonymous
        self.order = list(amap.participants)
        self.tallies = workshop.tallies()
        self.lines: list[str] = []
        self.children: dict[str, list[tuple[str, str]]] = defaultdict(list)  # id -> (stance, id)
        self.has_parent: set[str] = set()
        for edge in amap.edges.values():
            stance = STANCES.get(edge.type)
            target = edge.target
            if target in amap.edges:  # an undercut of a link: under the reason the link is from
                target, stance = amap.edges[target].source, "Undercuts the link"
            if stance is None or edge.source not in amap.nodes or target not in amap.nodes:
                continue
            self.children[target].append((stance, edge.source))
            self.has_parent.add(edge.source)

    # ---- names -----------------------------------------------------------------------------

    def name(self, participant_id: str | None) -> str:
        if participant_id is None or participant_id not in self.map.participants:
            return ""
        if self.anonymous:
            return f"Participant {self.order.index(participant_id) + 1}"
        return self.map.participants[participant_id].name

    def card(self, node: Node) -> str:
        """A card as one line: its title in bold before its text, when it has a title."""
        text = escape(node.text)
        if node.title and " ".join(node.title.split()) != " ".join(node.text.split()):
            return f"**{escape(node.title)}** — {text}"
        return f"**{text}**" if node.title else text

    def details(self, node: Node) -> list[str]:
        """Who said it, its votes and its source."""
        parts = []
        who = self.name(node.author_id)
        if who:
            parts.append(f"*{escape(who)}*")
        tally = self.tallies.get(node.id)
        if tally is not None:
            parts.append(_votes(tally))
        excerpt = self.map.excerpts.get(node.excerpt_id) if node.excerpt_id else None
        document = self.map.documents.get(excerpt.document_id) if excerpt else None
        if document is not None:
            parts.append(f"from *{escape(document.title)}*")
        return parts

    def said(self, node: Node) -> str:
        """The details after a card's line."""
        parts = self.details(node)
        return (" — " + " · ".join(parts)) if parts else ""

    # ---- sections --------------------------------------------------------------------------

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def header(self, when: datetime.date) -> None:
        title = " ".join(self.map.title.split()) or "Workshop"
        self.add(f"# {escape(title)}", "", f"Workshop handout · {when.day} {when:%B} {when.year}", "")

    def participants(self) -> None:
        self.add("## Participants", "")
        if not self.order:
            self.add("No participants were recorded.", "")
            return
        authored: dict[str, int] = defaultdict(int)
        for node in self.map.nodes.values():
            authored[node.author_id] += 1
        dots: dict[str, int] = defaultdict(int)
        for vote in self.workshop.votes.values():
            if vote.kind == "dot":
                dots[vote.participant_id] += vote.value
        for participant_id in self.order:
            cards, placed = authored[participant_id], dots[participant_id]
            said = [f"{cards} card{'s' if cards != 1 else ''}"]
            if placed:
                said.append(f"{placed} dot{'s' if placed != 1 else ''} placed")
            self.add(f"- {escape(self.name(participant_id))} — {', '.join(said)}")
        if self.anonymous:
            self.add("", "*Names are hidden: the workshop ran in anonymous mode.*")
        self.add("")

    def agenda(self) -> None:
        self.add("## Agenda", "")
        items = self.workshop.agenda
        if not items:
            self.add("There was no agenda.", "")
            return
        self.add("| # | Item | Timebox | Time spent | Done |", "|---|---|---|---|---|")
        for number, item in enumerate(items, start=1):
            node = self.map.nodes.get(item.node_id)
            text = self.card(node) if node is not None else "*(card removed)*"
            self.add(f"| {number} | {text} | {duration(item.timebox)} | {duration(item.spent)} |"
                     f" {'✓' if item.done else '—'} |")
        planned = sum(item.timebox for item in items)
        spent = sum(item.spent for item in items)
        done = sum(1 for item in items if item.done)
        self.add("", f"{done} of {len(items)} items done · {duration(planned)} planned ·"
                     f" {duration(spent)} spent", "")

    def map_image(self, image: str) -> None:
        target = f"<{image}>" if re.search(r"[\s()<>]", image) else image
        self.add("## The map", "", f"![The argument map]({target})", "")

    def arguments(self) -> None:
        self.add("## Questions and arguments", "")
        if not self.map.nodes:
            self.add("The map is empty.", "")
            return
        shown: set[str] = set()
        agenda = [a.node_id for a in self.workshop.agenda if a.node_id in self.map.nodes]
        for number, node_id in enumerate(agenda, start=1):
            self.thread(node_id, f"{number}. ", shown)
        questions = [i for i, n in self.map.nodes.items()
                     if n.kind == NodeKind.QUESTION and i not in shown]
        for node_id in questions:
            if node_id not in shown:
                self.thread(node_id, "", shown)
        for node_id in self.map.nodes:  # the other top-level cards, then what cycles left
            if node_id not in shown and node_id not in self.has_parent:
                self.thread(node_id, "", shown)
        for node_id in self.map.nodes:
            if node_id not in shown:
                self.thread(node_id, "", shown)

    def thread(self, root: str, number: str, shown: set[str]) -> None:
        node = self.map.nodes[root]
        self.add(f"### {number}{self.card(node)}", "")
        parts = self.details(node)
        if parts and self.name(node.author_id):
            parts[0] = f"Raised by {parts[0]}"
        if parts:
            self.add(" · ".join(parts), "")
        shown.add(root)
        stack = [(child, stance, 0) for stance, child in reversed(self.children.get(root, []))]
        listed = False
        while stack:
            node_id, stance, depth = stack.pop()
            node = self.map.nodes[node_id]
            indent = "  " * depth
            decision = "**Decision:** " if is_decision(node) else ""
            line = f"{indent}- **{stance}:** {decision}{self.card(node)}"
            listed = True
            if node_id in shown:
                self.add(f"{line} *(see above)*")
                continue
            shown.add(node_id)
            self.add(line + self.said(node))
            for child_stance, child in reversed(self.children.get(node_id, [])):
                stack.append((child, child_stance, depth + 1))
        if listed:
            self.add("")
        else:
            self.add("*No arguments yet.*", "")

    def votes(self) -> None:
        self.add("## Votes", "")
        results = self.workshop.results("dots")
        if not results:
            self.add("Nobody voted.", "")
            return
        budget = self.workshop.settings.dot_budget
        self.add(f"Each participant had {budget} dot{'s' if budget != 1 else ''}; ratings are"
                 " agreement from −2 to +2.", "")
        self.add("| Rank | Card | Dots | Voters | Mean rating | Ratings |",
                 "|---|---|---|---|---|---|")
        for rank, tally in enumerate(results, start=1):
            node = self.map.nodes.get(tally.node_id)
            text = self.card(node) if node is not None else "*(card removed)*"
            self.add(f"| {rank} | {text} | {tally.dots} | {tally.dot_voters} |"
                     f" {rating(tally.rating_mean)} | {tally.rating_count} |")
        self.add("")

    def decisions(self) -> None:
        self.add("## Decisions", "")
        decided = [n for n in self.map.nodes.values() if is_decision(n)]
        if not decided:
            self.add(f"No card is tagged `{DECISION_TAG}`.", "")
            return
        for node in decided:
            self.add(f"- {self.card(node)}{self.said(node)}")
        self.add("")

    def parking_lot(self) -> None:
        self.add("## Parking lot", "")
        if not self.workshop.parked:
            self.add("Nothing was parked.", "")
            return
        for item in self.workshop.parked:
            who = self.name(item.author_id)
            self.add(f"- {escape(item.text)} ({item.kind})" + (f" — *{escape(who)}*" if who else ""))
        self.add("")


def _votes(tally: Tally) -> str:
    parts = []
    if tally.dots:
        parts.append(f"{tally.dots} dot{'s' if tally.dots != 1 else ''}")
    if tally.rating_count:
        parts.append(f"rated {rating(tally.rating_mean)}")
    return ", ".join(parts)


def build_handout(
    amap: ArgumentMap,
    workshop: Workshop,
    *,
    when: datetime.date | None = None,
    map_image: str | None = None,
    anonymous: bool | None = None,
) -> str:
    """The handout as Markdown (see the module docstring). ``map_image``: the file name (or
    URL) of the map picture to show; ``anonymous``: hide names (default: the workshop's
    setting)."""
    hidden = workshop.settings.anonymous if anonymous is None else bool(anonymous)
    handout = _Handout(amap, workshop, hidden)
    handout.header(when or datetime.date.today())
    handout.participants()
    handout.agenda()
    if map_image:
        handout.map_image(map_image)
    handout.arguments()
    handout.votes()
    handout.decisions()
    handout.parking_lot()
    return "\n".join(handout.lines).rstrip("\n") + "\n"
