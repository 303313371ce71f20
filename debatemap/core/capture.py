"""Quick capture: a line typed in the workshop's capture bar -> kind, text and link of a new node.

One-key prefixes set the kind: ``?`` a question, ``+`` a supporting claim, ``-`` an objection
(it attacks the selected node), ``!`` an idea, ``n `` (n and a space) a note; no prefix is a
claim. The new node supports the selected node, except after ``-``, where it attacks it; with
nothing selected there is no link. A leading backslash keeps a prefix character as text
(``\\-5 degrees is too cold`` is the claim "-5 degrees is too cold").
"""

from __future__ import annotations

from dataclasses import dataclass

from debatemap.core.errors import InvalidValueError
from debatemap.core.model import EdgeType, NodeKind

#: prefix -> (kind of the new node, link to the selected node)
PREFIXES: dict[str, tuple[NodeKind, EdgeType]] = {
    "?": (NodeKind.QUESTION, EdgeType.SUPPORT),
    "+": (NodeKind.CLAIM, EdgeType.SUPPORT),
    "-": (NodeKind.OBJECTION, EdgeType.ATTACK),
    "!": (NodeKind.IDEA, EdgeType.SUPPORT),
    "n ": (NodeKind.NOTE, EdgeType.SUPPORT),
}
ESCAPE = "\\"


@dataclass(frozen=True)
class Capture:
    """What a captured line makes: a node of ``kind`` with ``text``, linked to the selected
    node by ``link`` (new node -> selected node), or unlinked when ``link`` is None."""

    kind: NodeKind
    text: str
    link: EdgeType | None
    prefix: str = ""  # the prefix that was typed ("" for none)


def parse_capture(line: str, *, has_parent: bool) -> Capture:
    """Read one captured line; ``has_parent`` says whether a node is selected to hang it on.

    Raises InvalidValueError when nothing is left to capture (a blank line, or a prefix alone).
    """
    stripped = line.strip()
    if stripped.startswith(ESCAPE) and stripped[1:2] and _prefix_of(stripped[1:]):
        kind, link, prefix, text = NodeKind.CLAIM, EdgeType.SUPPORT, "", stripped[1:]
    else:
        prefix = _prefix_of(stripped)
        kind, link = PREFIXES.get(prefix, (NodeKind.CLAIM, EdgeType.SUPPORT))
        text = stripped[len(prefix):]
    text = text.strip()
    if not text:
        if prefix:
            raise InvalidValueError(
                f"nothing to capture after “{prefix.strip()}”: type the text too"
            )
        raise InvalidValueError("nothing to capture: the line is empty")
    return Capture(kind=kind, text=text, link=link if has_parent else None, prefix=prefix)


def _prefix_of(text: str) -> str:
    """The prefix ``text`` starts with ("" for none). ``n`` counts only with a space after it
    (or alone), so that words like "nobody" are plain claims."""
    if text[:1] in ("?", "+", "-", "!"):
        return text[:1]
    if text[:2] == "n " or text == "n":
        return "n "
    return ""
