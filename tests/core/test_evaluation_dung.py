"""core.dung: textbook frameworks by hand, and grounded/preferred against a brute-force enumerator."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debatemap.core.dung import (
    EvaluationTooLarge,
    Framework,
    credulous,
    grounded,
    labelling_of,
    preferred_extensions,
    sceptical_labels,
)


def fw(arguments, attacks) -> Framework:
    return Framework(arguments, [tuple(pair) for pair in attacks])


def ext(*members) -> frozenset:
    return frozenset(members)


def test_unattacked_arguments_are_in():
    f = fw("abc", [])
    assert grounded(f) == {"a": "in", "b": "in", "c": "in"}
    assert preferred_extensions(f) == [ext("a", "b", "c")]


def test_reinstatement():
    f = fw("abc", ["cb", "ba"])  # c attacks b attacks a
    assert grounded(f) == {"a": "in", "b": "out", "c": "in"}
    assert preferred_extensions(f) == [ext("a", "c")]


def test_odd_cycle_is_undecided_everywhere():
    f = fw("abc", ["ab", "bc", "ca"])
    assert grounded(f) == dict.fromkeys("abc", "undecided")
    assert preferred_extensions(f) == [ext()]
    assert sceptical_labels(f, preferred_extensions(f)) == dict.fromkeys("abc", "undecided")


def test_even_cycle_has_two_preferred_extensions():
    f = fw("ab", ["ab", "ba"])
    assert grounded(f) == {"a": "undecided", "b": "undecided"}
    extensions = preferred_extensions(f)
    assert extensions == [ext("a"), ext("b")]
    assert sceptical_labels(f, extensions) == {"a": "undecided", "b": "undecided"}
    assert credulous(extensions) == {"a", "b"}


def test_even_cycle_decides_what_it_attacks_sceptically():
    # a <-> b, both attack c: c is out in every preferred labelling, undecided when grounded
    f = fw("abc", ["ab", "ba", "ac", "bc"])
    assert grounded(f)["c"] == "undecided"
    labels = sceptical_labels(f, preferred_extensions(f))
    assert labels == {"a": "undecided", "b": "undecided", "c": "out"}


def test_self_attack():
    f = fw("ab", ["aa", "ab"])
    assert grounded(f) == {"a": "undecided", "b": "undecided"}
    assert preferred_extensions(f) == [ext()]
    g = fw("ab", ["aa", "ba"])  # b defeats the self-attacker
    assert grounded(g) == {"a": "out", "b": "in"}


def test_floating_defeat_and_labelling_of():
    f = fw("abcd", ["ab", "ba", "ac", "bc", "cd"])
    extensions = preferred_extensions(f)
    assert extensions == [ext("a", "d"), ext("b", "d")]
    assert sceptical_labels(f, extensions) == {
        "a": "undecided", "b": "undecided", "c": "out", "d": "in"
    }
    assert labelling_of(f, ext("a", "d")) == {"a": "in", "b": "out", "c": "out", "d": "in"}


def test_many_extensions_are_cut_off_with_a_clear_error():
    pairs = [(f"a{i}", f"b{i}") for i in range(10)]  # 2**10 preferred extensions
    f = Framework(
        [x for p in pairs for x in p],
        [attack for a, b in pairs for attack in ((a, b), (b, a))],
    )
    with pytest.raises(EvaluationTooLarge, match="more than 100 preferred extensions"):
        preferred_extensions(f, max_extensions=100)
    assert len(preferred_extensions(f, max_extensions=5000)) == 1024
    with pytest.raises(EvaluationTooLarge, match="longer than"):
        preferred_extensions(f, max_extensions=5000, time_limit=0.0)


def test_grounded_is_linear_on_a_long_chain():
    n = 50_000
    f = Framework(range(n), [(i, i + 1) for i in range(n - 1)])
    labels = grounded(f)
    assert labels[0] == "in" and labels[1] == "out" and labels[n - 1] == ("in" if n % 2 else "out")


# ---- brute force ------------------------------------------------------------------------------


def brute_force(n: int, attacks: set[tuple[int, int]]):
    """Grounded extension, complete and preferred extensions by checking every subset."""

    def conflict_free(s):
        return not any((a, b) in attacks for a in s for b in s)

    def defends(s, x):
        return all(any((c, a) in attacks for c in s) for a in range(n) if (a, x) in attacks)

    subsets = [frozenset(c) for r in range(n + 1) for c in itertools.combinations(range(n), r)]
    admissible = [s for s in subsets if conflict_free(s) and all(defends(s, x) for x in s)]
    complete = [s for s in admissible if all((x in s) == defends(s, x) for x in range(n))]
    preferred = [s for s in admissible if not any(s < t for t in admissible)]
    grounded_extension = min(complete, key=len)
    assert all(grounded_extension <= c for c in complete)
    return grounded_extension, complete, preferred


@st.composite
def frameworks(draw):
    n = draw(st.integers(min_value=0, max_value=7))
    pairs = [(a, b) for a in range(n) for b in range(n)]
    attacks = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs))) if pairs else set()
    return n, attacks


@settings(max_examples=3000, deadline=None)
@given(frameworks())
def test_grounded_and_preferred_match_brute_force(case):
    n, attacks = case
    f = Framework(range(n), sorted(attacks))
    grounded_extension, complete, preferred = brute_force(n, attacks)
    labels = grounded(f)
    assert {x for x, label in labels.items() if label == "in"} == grounded_extension
    assert labels == labelling_of(f, grounded_extension)
    found = preferred_extensions(f)
    assert sorted(map(sorted, found)) == sorted(map(sorted, preferred))
    # sceptical: in in every preferred extension, out when attacked by every one
    sceptical = sceptical_labels(f, found)
    for x in range(n):
        in_all = all(x in p for p in preferred)
        out_all = all(any((y, x) in attacks for y in p) for p in preferred)
        assert sceptical[x] == ("in" if in_all else "out" if out_all else "undecided")
    assert credulous(found) == {x for p in preferred for x in p}
