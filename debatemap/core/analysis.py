"""What a map is missing: the findings of the Analysis panel, computed from the map alone.

``findings(amap)`` lists, in this order (and within a kind by node/document id):

- ``unsupported``: a claim (kind ``claim``) that is attacked, or is a main claim (something
  points at it and it points at nothing by support, attack, premise or undercut), and has no
  reason (no incoming support, conclusion or entails link).
- ``unanswered``: an objection (kind ``objection``) or any node that attacks or undercuts
  something, when nothing attacks it, undercuts it, or undercuts its attack links.
- ``cycle``: a strongly connected component of more than one node over the support, attack,
  undercut (of nodes), premise, conclusion and entails links — circular reasoning or a loop
  of objections.
- ``isolated``: a node with no link at all.
- ``no-source``: a claim, objection, rebuttal or evidence node with no passage of a document.
- ``duplicate``: nodes whose texts are equal after normalisation (case, punctuation, spaces)
  or nearly equal (difflib ratio >= 0.9, or the same set of words). Candidate pairs are found
  by blocking on each text's rarest words, so 10k nodes are not compared pairwise.
- ``coverage``: per document, the share of its characters inside the passages used by nodes
  (excerpts whose status is not "lost") and the unmapped passages: the parts of each
  paragraph (blank-line separated) that no node uses, when they hold at least
  ``MIN_PASSAGE`` non-space characters.

``findings(amap, cancelled=...)`` asks ``cancelled()`` between the kinds and now and then
inside the longer loops, and raises ``AnalysisCancelled`` when it answers True, so that a
caller running it on a worker thread can stop it. ``MapSnapshot.of(amap)`` is what such a
caller hands over: the map's collections copied, so that later edits do not change them.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from debatemap.core.argmap import MapSnapshot  # noqa: F401 (what the analysis reads; callers take it from here)
from debatemap.core.collector import collector_paused
from debatemap.core.model import EdgeType, NodeKind

KINDS = ("unsupported", "unanswered", "cycle", "isolated", "no-source", "duplicate", "coverage")
SOURCED_KINDS = {NodeKind.CLAIM, NodeKind.OBJECTION, NodeKind.REBUTTAL, NodeKind.EVIDENCE}
NEAR_DUPLICATE_RATIO = 0.9
MIN_PASSAGE = 40  # non-space characters of an unmapped passage worth listing
BLOCK_WORDS = 3  # each text is indexed under its rarest words
MAX_BLOCK = 200  # larger blocks are compared within a window of sorted texts only

_REASONS = {EdgeType.SUPPORT, EdgeType.CONCLUSION, EdgeType.ENTAILS}
_GRAPH_TYPES = _REASONS | {EdgeType.ATTACK, EdgeType.UNDERCUT, EdgeType.PREMISE}
_OUTGOING_MAIN = {EdgeType.SUPPORT, EdgeType.ATTACK, EdgeType.PREMISE, EdgeType.UNDERCUT,
                  EdgeType.CONCLUSION, EdgeType.ENTAILS}


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    nodes: tuple[str, ...] = ()
    edges: tuple[str, ...] = ()
    document: str | None = None
    share: float | None = None  # coverage: the share of the document's text used by nodes
    passages: tuple[tuple[int, int], ...] = ()  # coverage: unmapped (start, end) offsets

    def to_json(self) -> dict:
        data = {"kind": self.kind, "message": self.message, "nodes": list(self.nodes),
                "edges": list(self.edges), "document": self.document}
        if self.kind == "coverage":
            data["share"] = self.share
            data["passages"] = [list(p) for p in self.passages]
        return data


@dataclass(frozen=True)
class Coverage:
    document: str
    share: float
    used: tuple[tuple[int, int], ...]  # merged passages used by nodes
    unmapped: tuple[tuple[int, int], ...] = field(default=())


class AnalysisCancelled(Exception):
    """``findings`` stopped because its ``cancelled`` hook answered True."""


class _Checkpoint:
    """Asks ``cancelled`` every ``every`` calls (each ask has a cost in the inner loops)."""

    __slots__ = ("cancelled", "every", "count")

    def __init__(self, cancelled: Callable[[], bool] | None, every: int = 256) -> None:
        self.cancelled = cancelled
        self.every = every
        self.count = 0

    def __call__(self) -> None:
        if self.cancelled is None:
            return
        self.count += 1
        if self.count >= self.every:
            self.now()

    def now(self) -> None:
        self.count = 0
        if self.cancelled is not None and self.cancelled():
            raise AnalysisCancelled()


_NEVER = _Checkpoint(None)


def findings(amap, cancelled: Callable[[], bool] | None = None) -> list[Finding]:
    """Every finding of the map, in a deterministic order (see the module docstring).

    Raises AnalysisCancelled as soon as ``cancelled()`` answers True."""
    check = _Checkpoint(cancelled)
    result: list[Finding] = []
    with collector_paused():
        for kind in (_unsupported, _unanswered, _cycles, _isolated, _no_source, _duplicates,
                     _coverage_findings):
            check.now()
            result += kind(amap, check)
    check.now()
    return result


def _short(amap, node_id: str, width: int = 50) -> str:
    text = " ".join(amap.nodes[node_id].text.split())
    return f"“{text if len(text) <= width else text[: width - 1] + '…'}”"


def _edge_type(edge) -> EdgeType | None:
    try:
        return EdgeType(edge.type)
    except ValueError:
        return None


def _unsupported(amap, check: _Checkpoint = _NEVER) -> list[Finding]:
    has_reason, attacked, has_incoming, points_out = set(), set(), set(), set()
    for edge in amap.edges.values():
        check()
        t = _edge_type(edge)
        if t in _REASONS:
            has_reason.add(edge.target)
        if t in (EdgeType.ATTACK, EdgeType.UNDERCUT, EdgeType.CONTRARY, EdgeType.CONTRADICTORY):
            attacked.add(edge.target)
        has_incoming.add(edge.target)
        if t in _OUTGOING_MAIN:
            points_out.add(edge.source)
    out = []
    for node_id in sorted(amap.nodes):
        check()
        if amap.nodes[node_id].kind != NodeKind.CLAIM or node_id in has_reason:
            continue
        if node_id in attacked:
            message = f"{_short(amap, node_id)} is attacked but nothing supports it"
        elif node_id in has_incoming and node_id not in points_out:
            message = f"main claim {_short(amap, node_id)} has no support"
        else:
            continue
        out.append(Finding("unsupported", message, (node_id,)))
    return out


def _unanswered(amap, check: _Checkpoint = _NEVER) -> list[Finding]:
    answered: set[str] = set()
    attack_links: dict[str, list[str]] = defaultdict(list)
    for edge in amap.edges.values():
        check()
        t = _edge_type(edge)
        if t in (EdgeType.ATTACK, EdgeType.UNDERCUT):
            attack_links[edge.source].append(edge.id)
            answered.add(edge.target)  # a node, or an attack link that is undercut
    out = []
    for node_id in sorted(amap.nodes):
        check()
        node = amap.nodes[node_id]
        links = sorted(attack_links.get(node_id, ()))
        if node.kind != NodeKind.OBJECTION and not links:
            continue
        if node_id in answered or any(link in answered for link in links):
            continue
        what = "objection" if node.kind == NodeKind.OBJECTION else "attack"
        out.append(Finding("unanswered", f"{what} {_short(amap, node_id)} is unanswered",
                           (node_id,), tuple(links)))
    return out


def _cycles(amap, check: _Checkpoint = _NEVER) -> list[Finding]:
    import networkx as nx  # here, not at the top: 22 MB and 0.2 s the window does not need at start

    graph = nx.DiGraph()
    edge_ids: dict[tuple[str, str], list[str]] = defaultdict(list)
    for edge_id in sorted(amap.edges):
        check()
        edge = amap.edges[edge_id]
        if _edge_type(edge) in _GRAPH_TYPES and edge.target in amap.nodes:
            graph.add_edge(edge.source, edge.target)
            edge_ids[(edge.source, edge.target)].append(edge_id)
    check.now()
    components = sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)
    check.now()
    component_of = {node: i for i, members in enumerate(components) for node in members}
    inner_edges: list[list[str]] = [[] for _ in components]
    for (s, t), ids in edge_ids.items():
        check()
        i = component_of.get(s)
        if i is not None and component_of.get(t) == i:
            inner_edges[i].extend(ids)
    return [Finding("cycle",
                    f"{len(members)} nodes form a cycle, starting at {_short(amap, members[0])}",
                    tuple(members), tuple(sorted(edges)))
            for members, edges in zip(components, inner_edges)]


def _isolated(amap, check: _Checkpoint = _NEVER) -> list[Finding]:
    linked = set()
    for edge in amap.edges.values():
        check()
        linked.add(edge.source)
        linked.add(edge.target)
    return [Finding("isolated", f"{_short(amap, n)} is not linked to anything", (n,))
            for n in sorted(amap.nodes) if n not in linked]


def _no_source(amap, check: _Checkpoint = _NEVER) -> list[Finding]:
    out = []
    for node_id in sorted(amap.nodes):
        check()
        node = amap.nodes[node_id]
        if node.kind in SOURCED_KINDS and (
            node.excerpt_id is None or node.excerpt_id not in amap.excerpts
        ):
            out.append(Finding("no-source", f"{_short(amap, node_id)} has no source passage",
                               (node_id,)))
    return out


# ---- duplicates -------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower case, compatibility-folded, punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def duplicate_groups(amap, check: _Checkpoint = _NEVER) -> list[list[str]]:
    """Groups of nodes with equal or nearly equal texts, each sorted, the groups sorted."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for node_id in sorted(amap.nodes):
        check()
        key = normalise(amap.nodes[node_id].text)
        if key:
            by_text[key].append(node_id)
    texts = sorted(by_text)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words: list[list[str]] = []
    chars: list[Counter] = []
    for text in texts:
        check()
        words.append(text.split())
        chars.append(Counter(text))
    frequency = Counter(w for ws in words for w in set(ws))
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        check()
        for w in sorted(set(ws), key=lambda w: (frequency[w], w))[:BLOCK_WORDS]:
            blocks[w].append(i)
    compared: set[int] = set()  # a * len(texts) + b: 200,000 tuples took 0.1 s just to free
    for word in sorted(blocks):
        members = blocks[word]
        if len(members) < 2:
            continue
        if len(members) <= MAX_BLOCK:
            pairs = ((a, b) for k, a in enumerate(members) for b in members[k + 1:])
        else:  # a very common word: neighbours in sorted order only
            pairs = ((members[k], members[k + j]) for k in range(len(members))
                     for j in range(1, 6) if k + j < len(members))
        for a, b in pairs:
            check()
            pair = a * len(texts) + b
            if pair in compared or find(a) == find(b):
                continue
            compared.add(pair)
            if _similar(texts[a], texts[b], words[a], words[b], chars[a], chars[b]):
                parent[find(b)] = find(a)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, text in enumerate(texts):
        groups[find(i)].extend(by_text[text])
    return sorted(sorted(g) for g in groups.values() if len(g) > 1)


def _similar(a: str, b: str, words_a: list[str], words_b: list[str],
             chars_a: Counter, chars_b: Counter) -> bool:
    if set(words_a) == set(words_b):
        return True
    total = len(a) + len(b)
    shorter = min(len(a), len(b))
    if 2 * shorter / total < NEAR_DUPLICATE_RATIO:
        return False
    common = sum((chars_a & chars_b).values())  # difflib's quick_ratio, from counts made once
    if 2 * common / total < NEAR_DUPLICATE_RATIO:
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_DUPLICATE_RATIO


def _duplicates(amap, check: _Checkpoint = _NEVER) -> list[Finding]:
    out = []
    for group in duplicate_groups(amap, check):
        texts = {normalise(amap.nodes[n].text) for n in group}
        how = "the same text" if len(texts) == 1 else "nearly the same text"
        out.append(Finding("duplicate",
                           f"{len(group)} nodes have {how}: {_short(amap, group[0])}",
                           tuple(group)))
    return out


# ---- coverage ---------------------------------------------------------------------------------

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph, trimmed of surrounding space."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            result.append((s, e))
    return result


def coverage(amap, check: _Checkpoint = _NEVER) -> list[Coverage]:
    """Per document (by id): how much of its text nodes use, and which passages they do not."""
    used_by_document: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for node in amap.nodes.values():
        check()
        excerpt = amap.excerpts.get(node.excerpt_id) if node.excerpt_id else None
        if excerpt is not None and excerpt.status != "lost":
            used_by_document[excerpt.document_id].append((excerpt.start, excerpt.end))
    result = []
    for document_id in sorted(amap.documents):
        text = amap.documents[document_id].text
        used = _merge(used_by_document.get(document_id, []), len(text))
        covered = sum(e - s for s, e in used)
        share = covered / len(text) if text else 0.0
        unmapped = []
        ends = [e for _, e in used]
        for start, end in paragraphs(text):
            check()
            first = bisect.bisect_right(ends, start)
            for s, e in _subtract((start, end), used[first:]):
                piece = text[s:e]
                s += len(piece) - len(piece.lstrip())
                e -= len(piece) - len(piece.rstrip())
                if sum(not c.isspace() for c in text[s:e]) >= MIN_PASSAGE:
                    unmapped.append((s, e))
        result.append(Coverage(document_id, share, tuple(used), tuple(unmapped)))
    return result


def _merge(spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted((max(0, s), min(limit, e)) for s, e in spans):
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def _subtract(span: tuple[int, int], used: list[tuple[int, int]]) -> list[tuple[int, int]]:
    start, end = span
    pieces, cursor = [], start
    for s, e in used:  # sorted, disjoint
        if e <= cursor:
            continue
        if s >= end:
            break
        if s > cursor:
            pieces.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < end:
        pieces.append((cursor, end))
    return pieces


def _coverage_findings(amap, check: _Checkpoint = _NEVER) -> list[Finding]:
    out = []
    for item in coverage(amap, check):
        title = amap.documents[item.document].title or item.document
        message = (f"{title}: {item.share:.0%} of its text is used by nodes;"
                   f" {len(item.unmapped)} passage{'s' if len(item.unmapped) != 1 else ''}"
                   " unmapped")
        out.append(Finding("coverage", message, document=item.document, share=item.share,
                           passages=item.unmapped))
    return out
