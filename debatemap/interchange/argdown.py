"""Argdown text read and written (no Qt).

Mapping (DESIGN.md, Interchange rules): each equivalence class (statement title; every untitled
statement is a class of its own) is one claim node, each argument one argument node, each relation
of Argdown's own model one edge of the same type.  Premise-conclusion structures give premise
edges (premise -> argument) and one conclusion edge (argument -> last conclusion); intermediate
conclusions of a multi-step structure become premises.  ``#tags`` become node tags, the innermost
heading that is a group becomes the tag ``section:<heading>``, the front matter's ``title`` the
map title.  Relation types follow Argdown's model: in ``mode: strict`` a ``+``/``-`` between two
statements is ``entails``/``contrary``, otherwise ``support``/``attack``; ``><`` is
``contradictory``; ``_`` is ``undercut`` (an undercut of a statement, which our model does not
have, is read as an attack).  Like Argdown, a support from an argument to its own conclusion is
implied by the structure and not counted (a premise's support for its own argument is kept, as
Argdown keeps it), and the same relation stated twice is one relation.

Titles: a statement's ``[Title]`` and an argument's ``<Title>`` are kept as ``node.title``;
untitled statements and anonymous premise-conclusion structures have none.  A node's text is its
first non-empty definition.  A statement or argument that is only ever its title (``[Title]``
with no text anywhere) gets the title as its text too, since a node needs text; the writer then
writes it back as the bare ``[Title]``, so the round trip is stable.

Writing (``argdown_write.py``) uses ``node.title`` where there is one (a title two nodes share
gets " 2", " 3"... on the second), otherwise a title made from the node's first words; reading
drops a title that is exactly such a made-up one (the first six words of the node's own text,
perhaps numbered), so an untitled node comes back untitled instead of repeating its opening.  A support or attack link whose source is a claim and which is undercut has no
Argdown form (Argdown undercuts arguments only), so it is written as an argument of its own: a
claim-to-claim support as ``<S supports T>`` with the premise-conclusion structure ``(1) [S]``
``----`` ``(2) [T]``; an attack (or a link onto an argument) as ``<S attacks T>`` that the source
supports (``[S] +> <...>``) and that attacks the target (``-> [T]``); each undercut becomes
``_> <...>`` onto that argument.  Reading it back gives that argument reconstruction: an argument
node with premise and conclusion edges (or support and attack edges) and the undercuts on it, in
place of the one undercut link.  An undercut of a premise edge becomes an undercut of its
argument; an undercut of a link from an argument, an undercut of that argument.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from debatemap.core.argmap import ArgumentMap
from debatemap.core.ids import new_id
from debatemap.core.model import Edge, EdgeType, Node, NodeKind
from debatemap.interchange.errors import FormatError

__all__ = ["read_argdown", "write_argdown"]

# ---- escapes ------------------------------------------------------------------------------
# ``\X`` is hidden as a private-use character for the whole parse, so that escaped brackets,
# hashes or slashes are never syntax, and restored in the final texts.
_ESC_BASE = 0xF0000


def _hide_escapes(text: str) -> str:
    return re.sub(r"\\([!-~])", lambda m: chr(_ESC_BASE + ord(m.group(1))), text)


def _restore(text: str, *, raw: bool = False) -> str:
    """Escapes restored as the characters they stand for (or, raw, as written: for YAML)."""
    prefix = "\\" if raw else ""
    return re.sub(
        "[\U000f0021-\U000f007e]", lambda m: prefix + chr(ord(m.group(0)) - _ESC_BASE), text
    )


_RELATION_OPS = (
    # (symbol, type, outgoing): outgoing means the parent is the source
    ("<+", "support", False),
    ("<-", "attack", False),
    ("<_", "undercut", False),
    ("+>", "support", True),
    ("->", "attack", True),
    ("_>", "undercut", True),
    ("><", "contradictory", True),
    ("+", "support", False),
    ("-", "attack", False),
    ("_", "undercut", False),
)
_PCS_LINE = re.compile(r"\((\d+)\)\s*(.*)")
_INFERENCE_FULL = re.compile(r"-{3,}")
_INFERENCE_ONE_LINE = re.compile(r"--\s+(.+?)\s+--+")
_LIST_ITEM = re.compile(r"(?:[*]|\d+\.)\s+(\S.*)")  # "* item" or "1. item": one statement each
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_TAG = re.compile(r"(?<!\S)#(\([^)\n]*\)|[\w\-]+)")
_COMMENT = re.compile(r"<!--.*?-->|/\*.*?\*/|(?:(?<=\s)|^)//[^\n]*", re.S | re.M)
_DATA = re.compile(r"(?<!\S)\{")


@dataclass
class _Occurrence:
    key: str
    line: int
    parts: list[str] = field(default_factory=list)


@dataclass
class _Item:
    kind: str  # "s" statement or "a" argument
    title: str
    line: int
    section: str | None
    occurrences: list[_Occurrence] = field(default_factory=list)
    pcs: list[tuple[str, str]] | None = None  # (role, statement key), role premise/conclusion
    titled: bool = False  # written with a title somewhere (not an "Untitled N" of the parser)


@dataclass
class _Pcs:
    argument: str
    line: int
    steps: list[str] = field(default_factory=list)  # statement keys, in order
    premises_since: int = 0  # statements since the last inference
    inferences: int = 0
    awaiting_conclusion: bool = False
    in_rule: int | None = None  # line of an open "--" inference rule
    conclusion: str | None = None


def _strip_data(text: str) -> str:
    """Remove ``{key: value}`` data blocks (balanced braces) from text."""
    out = []
    i = 0
    while i < len(text):
        m = _DATA.search(text, i)
        if not m:
            out.append(text[i:])
            break
        out.append(text[i : m.start()])
        depth = 0
        j = m.start()
        while j < len(text):
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        i = j + 1
    return "".join(out)


def _clean(text: str) -> tuple[str, list[str]]:
    """Text without data blocks and tags, and the tags, escapes restored."""
    text = _strip_data(text)
    tags = []
    for m in _TAG.finditer(text):
        tag = m.group(1)
        if tag.startswith("("):
            tag = tag[1:-1]
        tag = _restore(tag).strip()
        if tag and tag not in tags:
            tags.append(tag)
    text = _TAG.sub("", text)
    return _restore(" ".join(text.split())), tags


class _Parser:
    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.text = text
        self.items: dict[str, _Item] = {}
        self.order: list[str] = []
        self.relations: list[tuple[str, str, str, int]] = []  # (type, source, target, line)
        self.title = ""
        self.strict = False
        self.section: str | None = None
        self._headings: list[tuple[int, str | None]] = []
        self._untitled = 0
        self._anonymous = 0

    def error(self, line: int, reason: str) -> FormatError:
        return FormatError(self.name, reason, line)

    # ---- lines ---------------------------------------------------------------------------

    def lines(self) -> list[tuple[int, str]]:
        text = self.text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        text = _hide_escapes(text)
        raw = text.split("\n")
        start = 0
        while start < len(raw) and not raw[start].strip():
            start += 1
        if start < len(raw) and raw[start].strip() == "===":
            end = next((i for i in range(start + 1, len(raw)) if raw[i].strip() == "==="), None)
            if end is None:
                raise self.error(start + 1, "front matter opened with '===' is never closed")
            self.front_matter(raw[start + 1 : end])
            for i in range(start, end + 1):
                raw[i] = ""
        text = "\n".join(raw)
        for opener, closer in (("<!--", "-->"), ("/*", "*/")):
            pass
        commented: set[int] = set()

        def blank_out(m: re.Match) -> str:
            first = text.count("\n", 0, m.start())
            for k in range(first, first + m.group(0).count("\n") + 1):
                commented.add(k)
            return "\n" * m.group(0).count("\n")

        text = _COMMENT.sub(blank_out, text)
        for opener, closer in (("<!--", "-->"), ("/*", "*/")):
            at = text.find(opener)
            if at >= 0:
                raise self.error(text.count("\n", 0, at) + 1, f"comment '{opener}' is never closed")
        result = []
        for i, line in enumerate(text.split("\n")):
            if not line.strip() and i in commented and raw[i].strip():
                continue  # a line that held only a comment is not a blank line
            result.append((i + 1, line.rstrip()))
        return result

    def front_matter(self, lines: list[str]) -> None:
        key = None
        values: dict[str, list[str]] = {}
        for line in lines:
            m = re.match(r"([A-Za-z_][\w-]*)\s*:\s*(.*)", line)
            if m and not line[0].isspace():
                key = m.group(1)
                values[key] = [m.group(2).strip()]
            elif key is not None and line.strip():
                values[key].append(line.strip())
        if "title" in values:
            title = _restore(" ".join(v for v in values["title"] if v), raw=True).strip()
            if title.startswith('"'):
                try:
                    title = json.loads(title)
                except ValueError:
                    title = title.strip('"')
            elif title.startswith("'"):
                title = title.strip("'").replace("''", "'")
            self.title = title
        if "model" in values and any(re.match(r"mode\s*:\s*strict\b", v) for v in values["model"]):
            self.strict = True

    # ---- elements ------------------------------------------------------------------------

    def item(self, kind: str, title: str, line: int, *, titled: bool = True) -> str:
        key = kind + ":" + title
        if key not in self.items:
            self.items[key] = _Item(kind, title, line, self.section)
            self.order.append(key)
        self.items[key].titled |= titled
        return key

    def element(self, s: str, line: int, *, argument_allowed: bool = True) -> _Occurrence:
        """Parse the start of a statement or argument: ``[T]: text``, ``[T]``, ``<T>: text``,
        ``<T>`` or plain text (an untitled statement)."""
        s = s.strip()
        if s[:1] in ("[", "<"):
            opener, closer = s[0], "]" if s[0] == "[" else ">"
            end = s.find(closer)
            if end < 0:
                raise self.error(line, f"unclosed '{opener}': no '{closer}' ends the title")
            after = s[end + 1 :]
            if not (opener == "[" and after.startswith("(")):  # a Markdown link is text
                title = " ".join(_restore(s[1:end]).split())
                if not title:
                    raise self.error(line, f"empty title '{opener}{closer}'")
                kind = "s" if opener == "[" else "a"
                if kind == "a" and not argument_allowed:
                    raise self.error(
                        line, "a premise or conclusion must be a statement, not an argument"
                    )
                rest = after[1:] if after.startswith(":") else after
                occ = _Occurrence(self.item(kind, title, line), line, [rest])
                self.items[occ.key].occurrences.append(occ)
                return occ
        self._untitled += 1
        key = self.item("s", f"Untitled {self._untitled}", line, titled=False)
        occ = _Occurrence(key, line, [s])
        self.items[occ.key].occurrences.append(occ)
        return occ

    def heading(self, level: int, text: str, line: int) -> None:
        is_group = not re.search(r"\{[^}]*isGroup\s*:\s*false", text)
        title = _clean(text)[0]
        self._headings = [h for h in self._headings if h[0] < level]
        self._headings.append((level, title if is_group and title else None))
        groups = [t for _, t in self._headings if t]
        self.section = groups[-1] if groups else None

    # ---- the parse -----------------------------------------------------------------------

    def parse(self) -> None:
        lines = self.lines()
        block_start = True
        current: _Occurrence | None = None  # the element whose text a plain line continues
        heading: list | None = None  # [level, parts, line] while a heading continues
        stack: list[tuple[int, _Occurrence]] = []  # relation parents by indentation
        last_top: _Occurrence | None = None  # the last top-level element
        pcs: _Pcs | None = None

        def finish_heading() -> None:
            nonlocal heading
            if heading is not None:
                self.heading(heading[0], " ".join(heading[1]), heading[2])
                heading = None

        def close_pcs() -> None:
            nonlocal pcs
            if pcs is None:
                return
            if pcs.in_rule is not None:
                raise self.error(pcs.in_rule, "inference rule opened with '--' is never closed")
            if pcs.inferences == 0:
                raise self.error(
                    pcs.line, "premise-conclusion structure without an inference line ('----')"
                )
            if pcs.awaiting_conclusion or pcs.conclusion is None:
                raise self.error(
                    pcs.line, "premise-conclusion structure ends with an inference but no conclusion"
                )
            arg = self.items[pcs.argument]
            if arg.pcs is None:
                roles = [("premise", k) for k in pcs.steps if k != pcs.conclusion]
                arg.pcs = roles + [("conclusion", pcs.conclusion)]
            pcs = None

        for number, line in lines:
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            if not stripped:
                finish_heading()
                if pcs is not None and pcs.in_rule is not None:
                    raise self.error(pcs.in_rule, "inference rule opened with '--' is never closed")
                block_start = True
                current = None
                stack = []
                continue
            if pcs is not None and pcs.in_rule is not None:
                if stripped == "--":
                    pcs.in_rule = None
                continue  # the rule's text
            m = _HEADING.fullmatch(stripped)
            if m and indent == 0:
                finish_heading()
                close_pcs()
                heading = [len(m.group(1)), [m.group(2)], number]
                block_start, current, stack, last_top = False, None, [], None
                continue
            op = next(
                (o for o in _RELATION_OPS if stripped.startswith(o[0] + " ") or stripped == o[0]),
                None,
            )
            if op is not None:
                finish_heading()
                symbol, rel_type, outgoing = op
                while stack and stack[-1][0] >= indent:
                    stack.pop()
                if block_start or not stack:
                    raise self.error(number, f"relation '{symbol}' has nothing to attach to")
                body = stripped[len(symbol) :].strip()
                if not body:
                    raise self.error(number, f"relation '{symbol}' has no statement or argument")
                parent = stack[-1][1]
                occ = self.element(body, number)
                if outgoing:
                    self.relations.append((rel_type, parent.key, occ.key, number))
                else:
                    self.relations.append((rel_type, occ.key, parent.key, number))
                stack.append((indent, occ))
                current, block_start = occ, False
                continue
            m = _PCS_LINE.fullmatch(stripped)
            if m:
                finish_heading()
                if pcs is None:
                    if block_start and last_top is not None and last_top.key.startswith("a:"):
                        arg_key = last_top.key
                    else:
                        self._anonymous += 1
                        arg_key = self.item(
                            "a", f"Untitled argument {self._anonymous}", number, titled=False
                        )
                    pcs = _Pcs(arg_key, number)
                if not m.group(2).strip():
                    raise self.error(number, f"premise ({m.group(1)}) has no statement")
                occ = self.element(m.group(2), number, argument_allowed=False)
                pcs.steps.append(occ.key)
                pcs.premises_since += 1
                if pcs.awaiting_conclusion:
                    pcs.conclusion = occ.key
                    pcs.awaiting_conclusion = False
                else:
                    pcs.conclusion = None
                stack = [(-1, occ)]
                current, block_start = occ, False
                continue
            inference = (
                stripped == "--"
                or _INFERENCE_FULL.fullmatch(stripped)
                or _INFERENCE_ONE_LINE.fullmatch(stripped)
            )
            if inference:
                finish_heading()
                if pcs is None:
                    raise self.error(number, "inference line outside a premise-conclusion structure")
                if pcs.premises_since == 0:
                    raise self.error(number, "inference line without premises above it")
                pcs.inferences += 1
                pcs.premises_since = 0
                pcs.awaiting_conclusion = True
                if stripped == "--":
                    pcs.in_rule = number
                current, stack, block_start = None, [], False
                continue
            m = _LIST_ITEM.fullmatch(stripped)
            if m and pcs is None:
                finish_heading()
                occ = self.element(m.group(1), number)
                last_top = occ
                stack = [(indent, occ)]
                current, block_start = occ, False
                continue
            # plain text: continues the current element, or starts a new top-level one
            if heading is not None and not block_start:
                heading[1].append(stripped)
                continue
            if current is not None and not block_start:
                current.parts.append(stripped)
                continue
            if pcs is not None and not block_start:
                raise self.error(number, "text inside a premise-conclusion structure")
            close_pcs()
            occ = self.element(stripped, number)
            last_top = occ
            stack = [(indent, occ)]
            current, block_start = occ, False
        finish_heading()
        if pcs is not None and pcs.in_rule is not None:
            raise self.error(pcs.in_rule, "inference rule opened with '--' is never closed")
        close_pcs()

    # ---- the map -------------------------------------------------------------------------

    def build(self) -> ArgumentMap:
        nodes: dict[str, Node] = {}
        for key in self.order:
            item = self.items[key]
            text, tags = "", []
            for occ in item.occurrences:
                occ_text, occ_tags = _clean(" ".join(occ.parts))
                if occ_text and not text:
                    text = occ_text
                tags += [t for t in occ_tags if t not in tags]
            kind = NodeKind.ARGUMENT if item.kind == "a" else NodeKind.CLAIM
            title = item.title if item.titled else None
            if not text:
                text = item.title
            if title is not None and is_made_title(title, text, kind):
                title = None  # no more than the text's opening words, as our writer makes them up
            if item.section:
                tags.append("section:" + item.section)
            nodes[key] = Node(id=new_id("n"), text=text, kind=kind, tags=tuple(tags), title=title)
        edges: list[Edge] = []
        seen: set[tuple[str, str, str]] = set()

        def add(edge_type: EdgeType, source: str, target: str) -> None:
            ident = (edge_type.value, source, target)
            if source == target or ident in seen:
                return
            if edge_type in (EdgeType.CONTRARY, EdgeType.CONTRADICTORY):
                if (edge_type.value, target, source) in seen:
                    return
            seen.add(ident)
            edges.append(Edge(id=new_id("e"), type=edge_type, source=source, target=target))

        implied: set[tuple[str, str]] = set()
        for key in self.order:
            item = self.items[key]
            if item.kind == "a" and item.pcs:
                for role, stmt in item.pcs:
                    if role == "premise":
                        add(EdgeType.PREMISE, nodes[stmt].id, nodes[key].id)
                    else:
                        add(EdgeType.CONCLUSION, nodes[key].id, nodes[stmt].id)
                        implied.add((key, stmt))
        for rel_type, source, target, _line in self.relations:
            both_statements = source.startswith("s:") and target.startswith("s:")
            if rel_type == "support":
                if (source, target) in implied:
                    continue
                edge_type = EdgeType.ENTAILS if both_statements and self.strict else EdgeType.SUPPORT
            elif rel_type == "attack":
                edge_type = EdgeType.CONTRARY if both_statements and self.strict else EdgeType.ATTACK
            elif rel_type == "undercut":
                # our model undercuts arguments (or inferences); an undercut of a statement is an attack
                edge_type = EdgeType.UNDERCUT if target.startswith("a:") else EdgeType.ATTACK
            else:
                edge_type = EdgeType.CONTRADICTORY
            add(edge_type, nodes[source].id, nodes[target].id)
        return ArgumentMap.from_parts(self.title, nodes.values(), edges)


def read_argdown(text: str, name: str) -> ArgumentMap:
    """The map of an Argdown text; ``name`` is the file name used in error messages.

    Raises FormatError ``"<name>:<line>: <reason>"`` on malformed input.
    """
    parser = _Parser(text, name)
    parser.parse()
    return parser.build()


from debatemap.interchange.argdown_write import is_made_title, write_argdown  # noqa: E402,F401
