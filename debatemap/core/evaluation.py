"""Which claims stand? A map is evaluated as a Dung framework built from its nodes and links.

The semantics, exactly
======================

Every node of the map (claims of every kind and argument nodes) is an argument of one Dung
framework. The links add attacks to it, sometimes through small auxiliary arguments that are
labelled like any other but not reported. With attack links only, the framework is the map
itself and the labels are textbook Dung.

1. **Attack** ``a -> b``: ``a`` attacks ``b``.
   **Contrary / contradictory** ``a -- b``: ``a`` and ``b`` attack each other.

2. **Undercut** of an argument node ``u -> A``: ``u`` attacks ``A``.
   **Undercut of a link** ``u -> (a -> b)``: the link becomes an argument of its own,
   ``L`` = "this link holds" (the standard reduction of attacks on attacks to attacks between
   arguments, as in AFRA and the meta-argumentation flattening of Boella, Gabbay, van der Torre
   and Villata). ``L`` holds only while its source ``a`` stands (rule 4 with the single reason
   ``a``), ``u`` attacks ``L``, and ``L`` does the link's work instead of ``a``:
   an undercut attack ``a -> b`` becomes ``L`` attacking ``b``, so once ``u`` is in, the attack
   no longer counts and ``b`` is reinstated; an undercut support or conclusion stops being a
   reason for ``b``; an undercut premise link fails like an out premise (its argument is out).

3. **Support, conclusion, entails** ``a -> b`` are *reasons* for ``b``. Supports are read as
   necessary support, disjunctive over a node's reasons (argumentation frameworks with
   necessities, Nouioua and Risch): a node that has reasons stands on them — it can be in
   only if at least one of its reasons is in, and it is out when every one of them is out.
   A node with no reasons (a leaf, an assumption) is in unless something defeats it.
   Encoding: one auxiliary argument ``Z(b)`` = "no reason for b stands", attacked by each
   reason and attacking ``b``.

4. **Premise** ``p -> A``: the premises of an argument node are conjunctive — the argument is
   out when any premise is out, and in only when every premise is in (and nothing defeats
   it). Encoding: per premise an auxiliary ``Z(p, A)``, attacked by ``p``, attacking ``A``.
   Premise -> argument -> conclusion therefore behaves like a support that needs all of its
   co-premises. A support into an argument node is one more reason for it (rule 3).

   No other derived attacks are added: attacking a conclusion defeats the claim, not the
   argument for it (undercut the argument or its conclusion link to reject the inference),
   and a supporter is not defeated by attacks on what it supports.

5. **Manual marks** (``Node.mark``, Rationale style) fix a node's label and the rest is
   computed given it: the node's incoming attacks are dropped; ``accept`` leaves it
   unattacked (in); ``reject`` adds an unattacked auxiliary attacker (out, so its own attacks
   and supports count for nothing); ``undecided`` adds a self-attacking auxiliary attacker
   (undecided in every complete labelling).

Semantics: ``grounded`` is the grounded labelling of that framework. ``preferred`` enumerates
its preferred extensions (``core.dung``); a node's label is the sceptical one (in: in every
preferred extension; out: out in every preferred labelling; otherwise undecided), the
extensions list the node ids of each (auxiliary arguments left out; equal projections merged)
and ``credulous`` is the set of nodes in at least one. For grounded, ``credulous`` is the set
of in nodes (the grounded extension is unique).

:func:`explain` answers "why?" in map terms from the labelled framework: for an out node the
in attackers that defeat it (an out premise, or "no reason stands", count as attackers); for an
in node each attacker and the in defenders that defeat it (reinstatement; its standing reason
defends it against "no reason stands"); for an undecided node its undecided attackers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable

from debatemap.core import dung
from debatemap.core.collector import collector_paused
from debatemap.core.dung import IN, OUT, UNDECIDED, EvaluationTooLarge, Framework
from debatemap.core.errors import InvalidValueError, MissingItemError
from debatemap.core.model import EdgeType

__all__ = [
    "IN",
    "OUT",
    "UNDECIDED",
    "SEMANTICS",
    "Evaluation",
    "EvaluationTooLarge",
    "Explanation",
    "Reason",
    "Reduction",
    "evaluate",
    "explain",
    "reduce_map",
]

SEMANTICS = ("grounded", "preferred")

_ATTACKING = {EdgeType.ATTACK, EdgeType.UNDERCUT}
_REASONS = {EdgeType.SUPPORT, EdgeType.CONCLUSION, EdgeType.ENTAILS}
_MUTUAL = {EdgeType.CONTRARY, EdgeType.CONTRADICTORY}
_UNDERCUTTABLE = _ATTACKING | _REASONS | {EdgeType.PREMISE}

# argument keys of the framework
#   ("node", id)            a node of the map
#   ("link", edge id)       "this link holds": an undercut link
#   ("no-reason", node id)  "no reason for this node stands"
#   ("no-premise", edge id) "this premise of its argument is out"
#   ("no-source", edge id)  "the source of this undercut link is out"
#   ("mark", node id)       the attacker a reject/undecided mark adds


def _edge_type(value) -> EdgeType | None:
    try:
        return EdgeType(value)
    except ValueError:
        return None


@dataclass
class Reduction:
    """The framework built from a map, with what each attack means in map terms."""

    framework: Framework
    #: (attacker index, target index) -> the map's edge ids behind that attack
    behind: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    #: node id -> [(reason key, edge id)] for nodes with reasons
    reasons: dict[str, list[tuple[Hashable, str]]] = field(default_factory=dict)
    manual: dict[str, str] = field(default_factory=dict)  # node id -> mark
    #: undercut edge id -> what it undercuts, for edges whose target is neither node nor link
    ignored: list[str] = field(default_factory=list)

    def edges_behind(self, attacker: Hashable, target: Hashable) -> list[str]:
        """The map's edge ids behind the attack of ``attacker`` on ``target`` (keys)."""
        index = self.framework.index
        return self.behind.get((index[attacker], index[target]), [])


def reduce_map(amap) -> Reduction:
    """The Dung framework of a map (see the module docstring for the rules)."""
    nodes = amap.nodes
    edges = amap.edges
    arguments: list[Hashable] = [("node", node_id) for node_id in sorted(nodes)]
    index: dict[Hashable, int] = {key: i for i, key in enumerate(arguments)}

    def arg(key: Hashable) -> int:
        i = index.get(key)
        if i is None:
            i = index[key] = len(arguments)
            arguments.append(key)
        return i

    attacks: list[tuple[int, int, str | None]] = []
    reasons: dict[str, list[tuple[Hashable, str]]] = {}
    ignored: list[str] = []

    typed: dict[str, EdgeType] = {}
    for edge_id in sorted(edges):
        edge = edges[edge_id]
        edge_type = _edge_type(edge.type)
        if edge_type is None or edge.source not in nodes:
            ignored.append(edge_id)
            continue
        typed[edge_id] = edge_type
    undercut = set()
    for edge_id, edge_type in typed.items():
        if edge_type == EdgeType.UNDERCUT:
            target = edges[edge_id].target
            if typed.get(target) in _UNDERCUTTABLE:
                undercut.add(target)

    for edge_id in sorted(undercut):
        link = arg(("link", edge_id))
        guard = arg(("no-source", edge_id))
        attacks.append((index[("node", edges[edge_id].source)], guard, edge_id))
        attacks.append((guard, link, edge_id))

    node_index = {node_id: index[("node", node_id)] for node_id in nodes}
    for edge_id, edge_type in typed.items():
        edge = edges[edge_id]
        if edge_id in undercut:
            source_key: Hashable = ("link", edge_id)
            source = index[source_key]
        else:
            source_key = ("node", edge.source)
            source = node_index[edge.source]
        target = node_index.get(edge.target)
        if target is None:
            if edge.target in undercut and edge_type == EdgeType.UNDERCUT:
                target = index[("link", edge.target)]
            else:
                ignored.append(edge_id)
                continue
        if edge_type in _ATTACKING:
            attacks.append((source, target, edge_id))
        elif edge_type in _MUTUAL:
            attacks.append((source, target, edge_id))
            attacks.append((target, source, edge_id))
        elif edge_type in _REASONS:
            reasons.setdefault(edge.target, []).append((source_key, edge_id))
        elif edge_type == EdgeType.PREMISE:
            guard = arg(("no-premise", edge_id))
            attacks.append((source, guard, edge_id))
            attacks.append((guard, target, edge_id))

    for node_id in sorted(reasons):
        guard = arg(("no-reason", node_id))
        for source_key, edge_id in reasons[node_id]:
            attacks.append((index[source_key], guard, edge_id))
        attacks.append((guard, node_index[node_id], None))

    manual = {n.id: n.mark for n in nodes.values() if n.mark is not None}
    marked = {node_index[n] for n in manual}
    pairs: list[tuple[int, int]] = []
    behind: dict[tuple[int, int], list[str]] = {}
    for source, target, edge_id in attacks:
        if target in marked:
            continue
        pairs.append((source, target))
        if edge_id is not None:
            behind.setdefault((source, target), []).append(edge_id)
    for node_id in sorted(manual):
        mark = manual[node_id]
        if mark in ("reject", "undecided"):
            attacker = arg(("mark", node_id))
            pairs.append((attacker, node_index[node_id]))
            if mark == "undecided":
                pairs.append((attacker, attacker))
    fw = Framework.from_indices(arguments, pairs)
    return Reduction(fw, behind, reasons, manual, ignored)


@dataclass
class Evaluation:
    """The labels of a map's nodes under one semantics."""

    semantics: str
    labels: dict[str, str]  # node id -> "in" | "out" | "undecided"
    extensions: list[list[str]] = field(default_factory=list)  # preferred only: sorted node ids
    credulous: set[str] = field(default_factory=set)
    manual: set[str] = field(default_factory=set)  # nodes whose label is a manual mark
    #: undercut links: edge id -> whether the link still holds ("in") or is disabled
    link_labels: dict[str, str] = field(default_factory=dict)
    #: every argument of the framework, auxiliaries included (what explain() reads)
    argument_labels: dict[Hashable, str] = field(default_factory=dict, repr=False)

    def counts(self) -> dict[str, int]:
        result = {IN: 0, OUT: 0, UNDECIDED: 0}
        for label in self.labels.values():
            result[label] += 1
        return result

    def to_json(self) -> dict:
        """The DESIGN.md shape of ``evaluate --json``, with a few more keys."""
        data: dict = {"semantics": self.semantics, "labels": dict(sorted(self.labels.items()))}
        if self.semantics == "preferred":
            data["extensions"] = [list(e) for e in self.extensions]
        data["credulous"] = sorted(self.credulous)
        data["manual"] = sorted(self.manual)
        data["counts"] = self.counts()
        return data


def evaluate(
    amap, semantics: str = "grounded", *, max_extensions: int = 1000, time_limit: float = 5.0
) -> Evaluation:
    """Label every node of the map in/out/undecided (see the module docstring).

    Raises InvalidValueError for an unknown semantics and EvaluationTooLarge (a
    DebatemapError) when the preferred semantics is cut off.
    """
    if semantics not in SEMANTICS:
        raise InvalidValueError(
            f"unknown semantics {semantics!r} (one of: {', '.join(SEMANTICS)})"
        )
    with collector_paused():
        return _evaluate(amap, semantics, max_extensions, time_limit)


def _evaluate(amap, semantics: str, max_extensions: int, time_limit: float) -> Evaluation:
    reduction = reduce_map(amap)
    fw = reduction.framework
    extensions: list[list[str]] = []
    if semantics == "grounded":
        codes = dung.grounded_codes(fw)
    else:
        index_sets = dung.preferred_index_sets(
            fw, max_extensions=max_extensions, time_limit=time_limit
        )
        codes = dung.sceptical_codes(fw, index_sets)
        projected = {
            tuple(sorted(fw.arguments[i][1] for i in e if fw.arguments[i][0] == "node"))
            for e in index_sets
        }
        extensions = [list(e) for e in sorted(projected)]
    names = {1: IN, 2: OUT}
    argument_labels = {arg: names.get(c, UNDECIDED) for arg, c in zip(fw.arguments, codes)}
    labels = {key[1]: label for key, label in argument_labels.items() if key[0] == "node"}
    links = {key[1]: label for key, label in argument_labels.items() if key[0] == "link"}
    if semantics == "grounded":
        credulous = {n for n, label in labels.items() if label == IN}
    else:
        credulous = {n for e in extensions for n in e}
    return Evaluation(
        semantics=semantics,
        labels=labels,
        extensions=extensions,
        credulous=credulous,
        manual=set(reduction.manual),
        link_labels=links,
        argument_labels=argument_labels,
    )


# ---- why? ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One line of an explanation, in map terms.

    ``role``: "mark" (a manual mark), "defeated by" (an in attacker of an out node),
    "answered" (an out attacker of an in node, with the ``defenders`` that defeat it),
    "defender" (an item inside ``defenders``), "undecided" (an undecided attacker), "may
    defeat" (preferred: an attacker that is in in some extensions).
    """

    role: str
    text: str
    label: str
    nodes: tuple[str, ...] = ()
    edges: tuple[str, ...] = ()
    defenders: tuple["Reason", ...] = ()

    def to_json(self) -> dict:
        data = {"role": self.role, "text": self.text, "label": self.label,
                "nodes": list(self.nodes), "edges": list(self.edges)}
        if self.defenders:
            data["defenders"] = [d.to_json() for d in self.defenders]
        return data


@dataclass(frozen=True)
class Explanation:
    node: str
    label: str
    manual: bool
    summary: str
    reasons: tuple[Reason, ...] = ()

    def to_json(self) -> dict:
        return {"node": self.node, "label": self.label, "manual": self.manual,
                "summary": self.summary, "reasons": [r.to_json() for r in self.reasons]}


_MARK_WORDS = {"accept": "accepted", "reject": "rejected", "undecided": "undecided"}


def explain(amap, evaluation: Evaluation, node_id: str) -> Explanation:
    """Why a node has its label: its defeaters, its defended attackers, or its undecided ones."""
    if node_id not in amap.nodes:
        raise MissingItemError(f"no node {node_id!r} in this map")
    reduction = reduce_map(amap)
    fw = reduction.framework
    labels = evaluation.argument_labels
    key = ("node", node_id)
    label = evaluation.labels.get(node_id, labels.get(key, UNDECIDED))
    mark = reduction.manual.get(node_id)
    if mark is not None:
        text = f"marked {_MARK_WORDS.get(mark, mark)} by hand"
        return Explanation(node_id, label, True, f"{node_id} is {label}: {text}",
                           (Reason("mark", text, label, (node_id,)),))

    def label_of(arg: Hashable) -> str:
        return labels.get(arg, UNDECIDED)

    describe = _Describer(amap, reduction, label_of)
    attackers = fw.attackers_of(key)
    reasons: list[Reason] = []
    if label == OUT:
        defeaters = [a for a in attackers if label_of(a) == IN]
        role = "defeated by"
        if not defeaters:  # sceptically out under preferred: different defeaters per extension
            defeaters = [a for a in attackers if label_of(a) != OUT]
            role = "may defeat"
        reasons = [describe(a, key, role) for a in defeaters]
        summary = f"{node_id} is out: " + "; ".join(r.text for r in reasons)
    elif label == IN:
        for attacker in attackers:
            defenders = tuple(
                describe(d, attacker, "defender")
                for d in fw.attackers_of(attacker)
                if label_of(d) == IN
            )
            reasons.append(describe(attacker, key, "answered", defenders))
        if reasons:
            summary = f"{node_id} is in: every attack on it is answered"
        else:
            summary = f"{node_id} is in: nothing attacks it"
    else:
        undecided = [a for a in attackers if label_of(a) == UNDECIDED]
        reasons = [describe(a, key, "undecided") for a in undecided]
        summary = f"{node_id} is undecided: " + (
            "; ".join(r.text for r in reasons) or "its attackers are in some extensions only"
        )
    return Explanation(node_id, label, False, summary, tuple(reasons))


class _Describer:
    """Turns an attack of the framework into a Reason in map terms."""

    def __init__(self, amap, reduction: Reduction, label_of) -> None:
        self.amap = amap
        self.reduction = reduction
        self.label_of = label_of

    def __call__(
        self, attacker: Hashable, target: Hashable, role: str, defenders: tuple = ()
    ) -> Reason:
        kind, item = attacker
        label = self.label_of(attacker)
        behind = tuple(self.reduction.edges_behind(attacker, target))
        edges = self.amap.edges
        if kind in ("node", "link"):
            source = item if kind == "node" else edges[item].source
            via = "" if kind == "node" else f" via {item}, a link that is {label},"
            own = (item,) if kind == "link" else ()
            if target[0] == "no-reason":
                text = f"{source}{via} is a reason for it ({label})"
            elif target[0] == "no-premise":
                text = f"its premise {source}{via} is {label}"
            elif target[0] == "no-source":
                text = f"{source} is {label}"
            else:
                undercuts = any(edges[e].type == EdgeType.UNDERCUT for e in (*own, *behind))
                verb = "undercuts" if undercuts else "attacks"
                what = target[1] if target[0] == "node" else f"link {target[1]}"
                text = f"{source} ({self.label_of(('node', source))}){via} {verb} {what}"
            return Reason(role, text, label, (source,), tuple(dict.fromkeys((*own, *behind))),
                          defenders)
        if kind == "no-reason":
            pairs = self.reduction.reasons.get(item, [])
            sources = tuple(edges[e].source for _, e in pairs)
            if label == IN:
                text = "no reason for it stands: " + ", ".join(
                    f"{s} ({self.label_of(k)})" for (k, _), s in zip(pairs, sources)
                )
            else:
                text = f"{item} has reasons, so one of them must stand"
            return Reason(role, text, label, sources, tuple(e for _, e in pairs), defenders)
        if kind == "no-premise":
            edge = edges[item]
            premise_label = self.label_of(("node", edge.source))
            text = f"its premise {edge.source} is {premise_label}"
            return Reason(role, text, label, (edge.source,), (item,), defenders)
        if kind == "no-source":
            edge = edges[item]
            source_label = self.label_of(("node", edge.source))
            text = f"{edge.source}, the source of {item}, is {source_label}"
            return Reason(role, text, label, (edge.source,), (item,), defenders)
        if kind == "mark":
            mark = self.reduction.manual.get(item, "")
            text = f"{item} is marked {_MARK_WORDS.get(mark, mark)} by hand"
            return Reason(role, text, label, (item,), (), defenders)
        return Reason(role, str(attacker), label, (), behind, defenders)
