"""Kialo's text export, read and written.

::

    Discussion Title: Should hate speech be illegal?

    1. Hate speech should be banned.
    1.1. Con: It is better to challenge bad ideas ...
    1.1.1. Pro: ... \\(escaped brackets\\) ...
    1.2. Pro: -> See 1.1.1.

Every numbered claim line becomes a claim node (lines that follow without a number continue the
claim), ``Pro`` a support edge and ``Con`` an attack edge from the claim to its parent.  A line
``-> See <number>`` is a link, not a claim: a second edge, of that line's stance, from the claim
it names to the parent.  Kialo escapes ``( ) [ ]`` with a backslash; they are unescaped on reading
and escaped (with backslashes themselves) on writing.
"""

from __future__ import annotations

import re
from collections import defaultdict

from debatemap.core.argmap import ArgumentMap
from debatemap.core.ids import new_id
from debatemap.core.model import Edge, EdgeType, Node
from debatemap.interchange.errors import FormatError

TITLE_PREFIX = "Discussion Title:"
_LINE = re.compile(r"^(\d+(?:\.\d+)*)\.(?:\s+|$)(?:(Pro|Con):\s*)?(.*)$")
_SEE = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$")
_UNESCAPE = re.compile(r"\\([\\()\[\]])")
_ESCAPE = re.compile(r"([\\()])")
_MD_LINK = re.compile(r"(\[[^\]\n\\]*\]\([^()\s\\]+\))")


def looks_like_kialo(text: str) -> bool:
    return text.lstrip("\ufeff").lstrip().startswith(TITLE_PREFIX)


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def _escape(text: str) -> str:
    """Backslashes and round brackets escaped as Kialo does, Markdown links left as they are."""
    pieces = _MD_LINK.split(text)
    return "".join(p if i % 2 else _ESCAPE.sub(r"\\\1", p) for i, p in enumerate(pieces))


def read_kialo(text: str, name: str) -> ArgumentMap:
    """Read a Kialo export into a new map; FormatError (with the line) on broken numbering."""
    lines = text.lstrip("\ufeff").splitlines()
    title = ""
    entries: list[list] = []  # [number, stance, text lines, line number]
    for index, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if not entries and line.startswith(TITLE_PREFIX):
            if title:
                raise FormatError(name, "a second discussion title", index)
            title = line[len(TITLE_PREFIX):].strip()
            continue
        match = _LINE.match(line)
        if match:
            entries.append([match.group(1), match.group(2), [match.group(3)], index])
        elif entries:
            entries[-1][2].append(line)
        elif line.strip():
            raise FormatError(name, "expected a numbered claim such as '1. ...'", index)
    if not entries:
        raise FormatError(name, "no numbered claims")

    nodes: dict[str, Node] = {}
    links: list[tuple[str, str, str, int]] = []  # (stance, parent number, target number, line)
    order: list[tuple[str, ...]] = []  # ("tree", number) or ("link", index into links), line order
    parents: dict[str, tuple[str, str]] = {}  # number -> (stance, parent number)
    last_child: dict[str, int] = defaultdict(int)
    for number, stance, body, index in entries:
        parts = number.split(".")
        parent = ".".join(parts[:-1])
        if number in nodes:
            raise FormatError(name, f"claim {number} appears twice", index)
        if parent and parent not in nodes:
            raise FormatError(name, f"claim {number} comes before its parent {parent}", index)
        if parent and nodes[parent] is None:
            raise FormatError(name, f"claim {number} answers a '-> See' link", index)
        if int(parts[-1]) != last_child[parent] + 1:
            raise FormatError(
                name, f"claim {number} should be numbered {'.'.join(parts[:-1] + [str(last_child[parent] + 1)])}", index
            )
        last_child[parent] = int(parts[-1])
        if parent and stance is None:
            raise FormatError(name, f"claim {number} has no 'Pro:' or 'Con:'", index)
        if not parent and stance is not None:
            raise FormatError(name, f"the main claim {number} cannot be a {stance}", index)
        while len(body) > 1 and not body[-1].strip():
            body.pop()
        content = "\n".join(body).strip()
        see = _SEE.match(content)
        if see:
            order.append(("link", len(links)))
            links.append((stance, parent, see.group(1), index))
            nodes[number] = None  # a numbered slot, but no claim of its own
            continue
        if not content:
            raise FormatError(name, f"claim {number} is empty", index)
        nodes[number] = Node(new_id("n"), _unescape(content))
        if parent:
            parents[number] = (stance, parent)
            order.append(("tree", number))

    edges: list[Edge] = []
    seen: set[tuple[str, str]] = {
        (nodes[n].id, nodes[p].id) for n, (_, p) in parents.items()
    }
    for what, key in order:
        if what == "tree":
            stance, parent = parents[key]
            edges.append(Edge(new_id("e"), _type(stance), nodes[key].id, nodes[parent].id))
            continue
        stance, parent, target, index = links[key]
        if nodes.get(target) is None:
            raise FormatError(name, f"'-> See {target}' names no claim", index)
        if nodes[target] is nodes[parent]:
            raise FormatError(name, f"'-> See {target}' links a claim to itself", index)
        pair = (nodes[target].id, nodes[parent].id)
        if pair in seen:
            continue  # the same link twice says nothing more
        seen.add(pair)
        edges.append(Edge(new_id("e"), _type(stance), pair[0], pair[1]))
    claims = [n for n in nodes.values() if n is not None]
    return ArgumentMap.from_parts(title, claims, edges)


def _type(stance: str) -> EdgeType:
    return EdgeType.SUPPORT if stance == "Pro" else EdgeType.ATTACK


def write_kialo(amap: ArgumentMap) -> str:
    """The map's support/attack tree as a Kialo export.

    Main claims are the nodes that support or attack nothing (in map order); each reason is
    written in full under the first parent met and as ``-> See <number>.`` under any further
    parent.  Nodes reachable through no support/attack edge and other edge types are left out
    unless they are main claims; a cycle with no main claim starts at its first node.
    """
    stance_edges = [e for e in amap.edges.values()
                    if e.type in (EdgeType.SUPPORT, EdgeType.ATTACK)
                    and e.source in amap.nodes and e.target in amap.nodes]
    children: dict[str, list] = defaultdict(list)
    outgoing = set()
    for edge in stance_edges:
        children[edge.target].append(edge)
        outgoing.add(edge.source)
    roots = [n for n in amap.nodes if n not in outgoing]
    lines = [f"{TITLE_PREFIX} {_escape_line(amap.title or 'Untitled')}", ""]
    numbers: dict[str, str] = {}
    links: list[tuple[int, str]] = []  # (line index, node id) to fill in once all are numbered

    def emit(node_id: str, number: str) -> None:
        stack = [(node_id, number, None)]
        while stack:
            current, num, stance = stack.pop()
            if current in numbers:
                lines.append("")
                links.append((len(lines) - 1, num, stance, current))
                continue
            numbers[current] = num
            prefix = f"{num}. " + (f"{stance}: " if stance else "")
            lines.append(prefix + _escape(amap.nodes[current].text))
            kids = children.get(current, [])
            for i in range(len(kids) - 1, -1, -1):
                edge = kids[i]
                stack.append((edge.source, f"{num}.{i + 1}",
                              "Pro" if edge.type == EdgeType.SUPPORT else "Con"))

    top = 0
    for root in roots:
        top += 1
        emit(root, str(top))
    while len(numbers) < len(amap.nodes):  # cycles with no main claim
        rest = [n for n in amap.nodes if n not in numbers and any(
            e.source == n for e in stance_edges)]
        if not rest:
            break
        top += 1
        emit(rest[0], str(top))
    for index, num, stance, target in links:
        lines[index] = f"{num}. {stance}: -> See {numbers[target]}."
    return "\n".join(lines) + "\n"


def _escape_line(text: str) -> str:
    return " ".join(text.split())
