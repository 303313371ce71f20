"""Abstract argumentation frameworks (Dung 1995): grounded labelling and preferred extensions.

A :class:`Framework` is a set of arguments (any hashable values) and an attack relation between
them. Everything here is textbook Dung; ``core.evaluation`` builds a framework from a map.

- :func:`grounded` is the grounded labelling, computed in O(n + m) with a queue: an argument is
  ``in`` when all its attackers are ``out``, ``out`` when one attacker is ``in``, and what is
  left when nothing more follows is ``undecided``.
- :func:`preferred_extensions` enumerates the preferred extensions (maximal admissible sets)
  with a backtracking labelling search in the style of Nofal, Atkinson and Dunne (2014),
  started from the grounded labelling (which every preferred extension contains). It gives up
  with :class:`EvaluationTooLarge` after ``max_extensions`` extensions or ``time_limit``
  seconds.
- :func:`sceptical_labels` and :func:`credulous` summarise several preferred extensions: an
  argument is ``in`` when it is in every preferred extension, ``out`` when it is attacked by
  every one (out in every preferred labelling), and ``undecided`` otherwise; credulously
  accepted when it is in at least one.
"""

from __future__ import annotations

import sys
import time
from typing import Hashable, Iterable

from debatemap.core.errors import DebatemapError

IN = "in"
OUT = "out"
UNDECIDED = "undecided"
LABELS = (IN, OUT, UNDECIDED)


class EvaluationTooLarge(DebatemapError):
    """The preferred semantics was cut off (too many extensions or too long a search)."""


class Framework:
    """Arguments and attacks, stored as integer adjacency lists (``attackers``/``targets``)."""

    def __init__(
        self, arguments: Iterable[Hashable] = (), attacks: Iterable[tuple[Hashable, Hashable]] = ()
    ) -> None:
        self.arguments: list[Hashable] = []
        self.index: dict[Hashable, int] = {}
        self.attackers: list[list[int]] = []
        self.targets: list[list[int]] = []
        self._pairs: set[tuple[int, int]] = set()
        for argument in arguments:
            self.add_argument(argument)
        for attacker, target in attacks:
            self.add_attack(attacker, target)

    @classmethod
    def from_indices(cls, arguments: list[Hashable], attacks: Iterable[tuple[int, int]]) -> "Framework":
        """A framework from distinct arguments and attacks between their positions (fast path)."""
        fw = cls()
        fw.arguments = list(arguments)
        fw.index = {a: i for i, a in enumerate(fw.arguments)}
        if len(fw.index) != len(fw.arguments):
            raise ValueError("arguments must be distinct")
        n = len(fw.arguments)
        fw.attackers = [[] for _ in range(n)]
        fw.targets = [[] for _ in range(n)]
        ordered = dict.fromkeys(attacks)
        fw._pairs = set(ordered)
        for a, b in ordered:
            fw.targets[a].append(b)
            fw.attackers[b].append(a)
        return fw

    def __len__(self) -> int:
        return len(self.arguments)

    def __contains__(self, argument: Hashable) -> bool:
        return argument in self.index

    def add_argument(self, argument: Hashable) -> int:
        i = self.index.get(argument)
        if i is None:
            i = self.index[argument] = len(self.arguments)
            self.arguments.append(argument)
            self.attackers.append([])
            self.targets.append([])
        return i

    def add_attack(self, attacker: Hashable, target: Hashable) -> None:
        """``attacker`` attacks ``target``; both become arguments if they were not; repeats are ignored."""
        a, b = self.add_argument(attacker), self.add_argument(target)
        if (a, b) not in self._pairs:
            self._pairs.add((a, b))
            self.targets[a].append(b)
            self.attackers[b].append(a)

    @property
    def attacks(self) -> list[tuple[Hashable, Hashable]]:
        args = self.arguments
        return [(args[a], args[b]) for a, b in sorted(self._pairs)]

    def attackers_of(self, argument: Hashable) -> list[Hashable]:
        return [self.arguments[a] for a in self.attackers[self.index[argument]]]

    def targets_of(self, argument: Hashable) -> list[Hashable]:
        return [self.arguments[b] for b in self.targets[self.index[argument]]]


# ---- grounded ---------------------------------------------------------------------------------

_BLANK, _IN, _OUT, _MUST_OUT, _UNDEC = 0, 1, 2, 3, 4
_NAMES = {_IN: IN, _OUT: OUT}


def grounded_codes(framework: Framework) -> list[int]:
    """The grounded labelling as codes per argument index: 1 in, 2 out, 0 undecided."""
    attackers, targets = framework.attackers, framework.targets
    live = [len(a) for a in attackers]  # attackers not (yet) labelled out
    label = [_BLANK] * len(attackers)
    queue = [i for i, n in enumerate(live) if n == 0]
    for i in queue:
        label[i] = _IN
    pop = queue.pop
    while queue:
        i = pop()
        for t in targets[i]:
            if label[t] == _BLANK:
                label[t] = _OUT
                for u in targets[t]:
                    live[u] -= 1
                    if live[u] == 0 and label[u] == _BLANK:
                        label[u] = _IN
                        queue.append(u)
    return label


def grounded(framework: Framework) -> dict[Hashable, str]:
    """The grounded labelling: argument -> "in" | "out" | "undecided"."""
    codes = grounded_codes(framework)
    return {arg: _NAMES.get(c, UNDECIDED) for arg, c in zip(framework.arguments, codes)}


# ---- preferred --------------------------------------------------------------------------------


_POSSIBLE = bytes(49 if code in (_BLANK, _IN) else 48 for code in range(256))  # "1" / "0"
_IN_ONLY = bytes(49 if code == _IN else 48 for code in range(256))


def _mask(lab: list[int], table: bytes) -> int:
    """Bit i set when ``table`` maps lab[i] to "1"."""
    if not lab:
        return 0
    return int(bytes(lab).translate(table)[::-1], 2)


class _Contradiction(Exception):
    pass


class _PreferredSearch:
    """Enumerates maximal admissible sets by labelling arguments IN / OUT / MUST_OUT / UNDEC.

    IN: in the set; OUT: attacked by the set; MUST_OUT: attacks the set, so it must end up
    attacked by it; UNDEC: left out of the set in this branch; BLANK: not decided yet.
    Propagation: an argument whose attackers are all OUT is defended, so every complete
    extension of this branch contains it (forced IN, or the branch is dropped when it was
    excluded); a MUST_OUT argument with no BLANK attacker left kills the branch, and with one
    left forces that one IN.
    """

    def __init__(self, framework: Framework, max_extensions: int, time_limit: float) -> None:
        self.fw = framework
        self.max_extensions = max_extensions
        self.deadline = time.monotonic() + time_limit
        self.time_limit = time_limit
        self.found: list[frozenset[int]] = []
        self.masks: list[int] = []  # the same sets as bit masks, for fast subset tests
        self.steps = 0

    # -- transitions --

    def _set_out(self, y: int, lab: list[int], live: list[int], queue: list) -> None:
        if lab[y] == _OUT:
            return
        if lab[y] == _IN:
            raise _Contradiction
        lab[y] = _OUT
        for z in self.fw.targets[y]:
            live[z] -= 1
            if live[z] == 0:
                queue.append(("defended", z))

    def _set_in(self, x: int, lab: list[int], live: list[int]) -> None:
        self._propagate([("in", x)], lab, live)

    def _set_undec(self, x: int, lab: list[int], live: list[int]) -> None:
        if live[x] == 0:
            raise _Contradiction  # defended: every complete extension of this branch holds it
        lab[x] = _UNDEC
        self._propagate([("need", y) for y in self.fw.targets[x] if lab[y] == _MUST_OUT], lab, live)
        fw = self.fw
        for y in (x, *fw.attackers[x], *fw.targets[x]):
            if lab[y] == _UNDEC and self._addable(y, lab):
                raise _Contradiction

    def _addable(self, x: int, lab: list[int]) -> bool:
        """An excluded argument whose neighbours are all decided and which defends itself.

        No IN argument attacks it and it attacks none, and each attacker is OUT or attacked by
        x itself: every admissible set of this branch stays admissible with x added, so none
        is maximal and the branch is dropped.
        """
        fw = self.fw
        own_targets = fw.targets[x]
        if x in own_targets:
            return False
        for a in fw.attackers[x]:
            if lab[a] == _BLANK or lab[a] == _IN:
                return False
            if lab[a] != _OUT and a not in own_targets:
                return False
        return not any(lab[t] == _BLANK or lab[t] == _IN for t in own_targets)

    def _propagate(self, queue: list, lab: list[int], live: list[int]) -> None:
        fw = self.fw
        while queue:
            why, z = queue.pop()
            state = lab[z]
            if why == "defended":  # all of z's attackers are out
                if state == _BLANK:
                    why = "in"
                elif state in (_UNDEC, _MUST_OUT):
                    raise _Contradiction  # defended yet excluded: no complete extension here
                else:
                    continue
            elif why == "need":  # z is MUST_OUT: one of its BLANK attackers must come in
                if state != _MUST_OUT:
                    continue
                blank = [a for a in fw.attackers[z] if lab[a] == _BLANK]
                if not blank:
                    raise _Contradiction
                if len(blank) == 1:
                    queue.append(("in", blank[0]))
                continue
            if state == _IN:
                continue
            if state != _BLANK:
                raise _Contradiction
            lab[z] = _IN
            for y in fw.targets[z]:
                self._set_out(y, lab, live, queue)
            for w in fw.attackers[z]:
                if lab[w] in (_BLANK, _UNDEC):
                    lab[w] = _MUST_OUT
                    queue.append(("need", w))
                elif lab[w] == _IN:
                    raise _Contradiction

    # -- search --

    def _check_limits(self) -> None:
        self.steps += 1
        if self.steps % 256 == 0 and time.monotonic() > self.deadline:
            raise EvaluationTooLarge(
                f"the preferred semantics took longer than {self.time_limit:g} s on"
                f" {len(self.fw):,} arguments; use the grounded semantics for this map"
            )

    def _pick(self, lab: list[int]) -> int | None:
        fw = self.fw
        first = None
        for i, state in enumerate(lab):
            if state == _MUST_OUT:
                for a in fw.attackers[i]:
                    if lab[a] == _BLANK:
                        return a
            elif state == _BLANK and first is None:
                first = i
        return first

    def _subsumed(self, lab: list[int]) -> bool:
        """Whether everything still possible here lies inside an extension already found."""
        if not self.found:
            return False
        possible = _mask(lab, _POSSIBLE)
        return any(not possible & ~e for e in self.masks)

    def search(self, lab: list[int], live: list[int]) -> None:
        self._check_limits()
        while True:
            if self._subsumed(lab):
                return
            x = self._pick(lab)
            if x is None:
                break
            lab_in, live_in = lab[:], live[:]
            try:
                self._set_in(x, lab_in, live_in)
            except _Contradiction:
                pass
            else:
                self.search(lab_in, live_in)
            try:
                self._set_undec(x, lab, live)
            except _Contradiction:
                return
        if _MUST_OUT in lab:
            return
        mask = _mask(lab, _IN_ONLY)
        if any(not mask & ~e for e in self.masks):
            return
        keep = [i for i, e in enumerate(self.masks) if e & ~mask]  # drop subsets of the new one
        self.masks = [self.masks[i] for i in keep] + [mask]
        self.found = [self.found[i] for i in keep]
        self.found.append(frozenset(i for i, s in enumerate(lab) if s == _IN))
        if len(self.found) > self.max_extensions:
            raise EvaluationTooLarge(
                f"the map has more than {self.max_extensions:,} preferred extensions;"
                " use the grounded semantics for this map"
            )

    def run(self) -> list[frozenset[int]]:
        fw = self.fw
        codes = grounded_codes(fw)
        lab = [_BLANK if c == _BLANK else c for c in codes]
        for i, state in enumerate(lab):
            if state == _BLANK and i in fw.targets[i]:
                lab[i] = _UNDEC  # a self-attacker is never in an admissible set
        live = [sum(1 for a in fw.attackers[i] if lab[a] != _OUT) for i in range(len(fw))]
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, lab.count(_BLANK) + 1000))
        try:
            self.search(lab, live)
        finally:
            sys.setrecursionlimit(limit)
        return self.found


def preferred_index_sets(
    framework: Framework, *, max_extensions: int = 1000, time_limit: float = 5.0
) -> list[frozenset[int]]:
    """The preferred extensions as sets of argument indices, sorted."""
    found = _PreferredSearch(framework, max_extensions, time_limit).run()
    return sorted(found, key=lambda e: sorted(e))


def preferred_extensions(
    framework: Framework, *, max_extensions: int = 1000, time_limit: float = 5.0
) -> list[frozenset[Hashable]]:
    """Every preferred extension (at least one: possibly the empty set).

    Raises :class:`EvaluationTooLarge` past ``max_extensions`` extensions or ``time_limit``
    seconds of search.
    """
    args = framework.arguments
    return [
        frozenset(args[i] for i in e)
        for e in preferred_index_sets(
            framework, max_extensions=max_extensions, time_limit=time_limit
        )
    ]


def labelling_of(framework: Framework, extension: Iterable[Hashable]) -> dict[Hashable, str]:
    """The labelling of an extension: its members in, what it attacks out, the rest undecided."""
    members = {framework.index[a] for a in extension}
    attacked = {t for i in members for t in framework.targets[i]}
    return {
        arg: IN if i in members else OUT if i in attacked else UNDECIDED
        for i, arg in enumerate(framework.arguments)
    }


def sceptical_codes(framework: Framework, extensions: list[frozenset[int]]) -> list[int]:
    """Per index: 1 in every extension, 2 attacked by every extension, 0 otherwise."""
    n = len(framework)
    if not extensions:
        return [_BLANK] * n
    always_in = set(extensions[0])
    for e in extensions[1:]:
        always_in &= e
    always_out: set[int] | None = None
    for e in extensions:
        attacked = {t for i in e for t in framework.targets[i]}
        always_out = attacked if always_out is None else always_out & attacked
    return [_IN if i in always_in else _OUT if i in always_out else _BLANK for i in range(n)]


def sceptical_labels(
    framework: Framework, extensions: Iterable[Iterable[Hashable]]
) -> dict[Hashable, str]:
    """in: in every extension; out: attacked by every extension; otherwise undecided."""
    index_sets = [frozenset(framework.index[a] for a in e) for e in extensions]
    codes = sceptical_codes(framework, index_sets)
    return {arg: _NAMES.get(c, UNDECIDED) for arg, c in zip(framework.arguments, codes)}


def credulous(extensions: Iterable[Iterable[Hashable]]) -> set[Hashable]:
    """The arguments in at least one of the extensions."""
    return {a for e in extensions for a in e}
