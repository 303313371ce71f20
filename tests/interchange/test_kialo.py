from collections import Counter
from pathlib import Path

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Edge, EdgeType, Node
from debatemap.interchange.errors import FormatError
from debatemap.interchange.kialo import looks_like_kialo, read_kialo, write_kialo

FIXTURE = Path("/work/shared/fixtures/kialo/should-hate-speech-be-illegal-6148.txt")


def _claims_and_stances(amap):
    texts = {n.id: n.text for n in amap.nodes.values()}
    return (
        Counter(texts.values()),
        Counter((texts[e.source], texts[e.target], e.type) for e in amap.edges.values()),
    )


@pytest.mark.skipif(not FIXTURE.exists(), reason="Kialo fixture not present")
def test_fixture_counts_and_round_trip():
    text = FIXTURE.read_text(encoding="utf-8")
    assert looks_like_kialo(text)
    amap = read_kialo(text, FIXTURE.name)
    assert amap.title == "Should hate speech be illegal?"
    assert amap.problems() == []
    assert len(amap.nodes) == 105  # 106 numbered lines, one of them a "-> See" link
    types = Counter(e.type for e in amap.edges.values())
    assert types == {EdgeType.SUPPORT: 42, EdgeType.ATTACK: 63}
    # the see-link: 1.2.2 is also a Pro of 1.6
    parents = Counter(e.source for e in amap.edges.values())
    assert sum(1 for c in parents.values() if c == 2) == 1
    assert any("(\"Trolls\")" in n.text for n in amap.nodes.values())  # brackets unescaped
    out = write_kialo(amap)
    assert out == text.replace("\r\n", "\n").rstrip("\n") + "\n"  # byte for byte, bar CRLF
    again = read_kialo(out, "out.txt")
    assert _claims_and_stances(again) == _claims_and_stances(amap)
    assert out.count("-> See") == 1


def test_multiline_escaped_and_see_links():
    text = (
        "Discussion Title: T\n\n1. Main \\(thesis\\)\n1.1. Pro: first line\nsecond line\n\n"
        "1.1.1. Con: nested\n1.2. Con: other [link](http://x.org) \\[b\\]\n"
        "1.2.1. Pro: -> See 1.1.1.\n"
    )
    amap = read_kialo(text, "t.txt")
    texts = sorted(n.text for n in amap.nodes.values())
    assert texts == ["Main (thesis)", "first line\nsecond line", "nested",
                     "other [link](http://x.org) [b]"]
    assert len(amap.edges) == 4
    again = read_kialo(write_kialo(amap), "o.txt")
    assert _claims_and_stances(again) == _claims_and_stances(amap)


def test_escaping_round_trip():
    texts = ["<script>alert(1)</script>", 'a & b "q" \'s\'', "two\nlines", "[x] (y) \\(z\\) back\\slash"]
    nodes = [Node("root", "root")] + [Node(f"n{i}", t) for i, t in enumerate(texts)]
    edges = [Edge(f"e{i}", EdgeType.SUPPORT if i % 2 else EdgeType.ATTACK, f"n{i}", "root")
             for i in range(len(texts))]
    amap = ArgumentMap.from_parts("Title & <co>", nodes, edges)
    again = read_kialo(write_kialo(amap), "o.txt")
    assert _claims_and_stances(again) == _claims_and_stances(amap)
    assert again.title == "Title & <co>"


def test_cycle_and_second_parent_written_once():
    nodes = [Node(x, x) for x in "abc"]
    edges = [Edge("1", EdgeType.SUPPORT, "a", "b"), Edge("2", EdgeType.ATTACK, "b", "c"),
             Edge("3", EdgeType.SUPPORT, "c", "a")]
    amap = ArgumentMap.from_parts("", nodes, edges)
    out = write_kialo(amap)
    again = read_kialo(out, "o.txt")
    assert _claims_and_stances(again) == _claims_and_stances(amap)


@pytest.mark.parametrize("text, line", [
    ("Discussion Title: T\n\n1. a\n1.2. Pro: b\n", 4),
    ("Discussion Title: T\n\n1. a\n1.1.1. Pro: b\n", 4),
    ("Discussion Title: T\n\n1. a\n1.1. b\n", 4),
    ("Discussion Title: T\n\n1. a\n1.1. Pro: b\n1.1. Con: c\n", 5),
    ("Discussion Title: T\n\n1. a\n1.1. Pro: -> See 9.9.\n", 4),
    ("Discussion Title: T\nstray text\n1. a\n", 2),
    ("Discussion Title: T\n\n2. a\n", 3),
])
def test_malformed_numbering(text, line):
    with pytest.raises(FormatError) as info:
        read_kialo(text, "k.txt")
    assert info.value.line == line
    assert str(info.value).startswith(f"k.txt:{line}: ")


def test_no_claims():
    with pytest.raises(FormatError, match="k.txt: no numbered claims"):
        read_kialo("Discussion Title: T\n", "k.txt")
