"""Argdown read/write: the Argdown tool's own counts for every fixture, round trips, errors."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from debatemap.core.model import EdgeType, NodeKind
from debatemap.interchange.argdown import read_argdown, write_argdown
from debatemap.interchange.errors import FormatError

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "argdown"
if not FIXTURES.is_dir():  # the checkout may live elsewhere than /work/main
    FIXTURES = Path("/work/shared/fixtures/argdown")
NAMES = sorted(p.stem for p in FIXTURES.glob("*.argdown"))

pytestmark = pytest.mark.skipif(not NAMES, reason=f"no Argdown fixtures in {FIXTURES}")


def counts(amap) -> dict:
    """The numbers Argdown's own JSON export reports: equivalence classes, arguments, relations."""
    relations = Counter(
        str(e.type)
        for e in amap.edges.values()
        if e.type not in (EdgeType.PREMISE, EdgeType.CONCLUSION)
    )
    return {
        "statements": sum(n.kind != NodeKind.ARGUMENT for n in amap.nodes.values()),
        "arguments": sum(n.kind == NodeKind.ARGUMENT for n in amap.nodes.values()),
        "relations": dict(relations),
    }


def expected(name: str) -> dict:
    return json.loads((FIXTURES / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def read_fixture(name: str):
    return read_argdown((FIXTURES / f"{name}.argdown").read_text(encoding="utf-8"), name)


def test_all_eight_fixtures_are_here():
    assert len(NAMES) == 8


@pytest.mark.parametrize("name", NAMES)
def test_fixture_counts_match_argdown(name):
    assert counts(read_fixture(name)) == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_fixture_round_trip_keeps_counts(name):
    amap = read_fixture(name)
    text = write_argdown(amap)
    again = read_argdown(text, "written.argdown")
    assert counts(again) == expected(name)
    assert again.title == amap.title
    assert sorted(n.text for n in again.nodes.values()) == sorted(n.text for n in amap.nodes.values())
    assert sorted(n.tags for n in again.nodes.values()) == sorted(n.tags for n in amap.nodes.values())
    assert again.problems() == []


@pytest.mark.parametrize("name", NAMES)
def test_fixture_maps_are_valid(name):
    assert read_fixture(name).problems() == []


def test_escaped_characters():
    amap = read_fixture("model-escaped-chars")
    (node,) = amap.nodes.values()
    assert node.text == "[text] text"
    back = read_argdown(write_argdown(amap), "x")
    assert [n.text for n in back.nodes.values()] == ["[text] text"]


def test_escaping_of_written_text():
    amap = read_argdown(r"[A]: a \<b\> \#notag \[c\] \{d\} \/\/ e \/* f *\/ @g \\ h #real", "x")
    (node,) = amap.nodes.values()
    assert node.tags == ("real",)
    back = read_argdown(write_argdown(amap), "y")
    (again,) = back.nodes.values()
    assert again.text == node.text and again.tags == node.tags


def by_text(amap):
    return {n.text: n for n in amap.nodes.values()}


def edge_set(amap):
    texts = {n.id: n.text for n in amap.nodes.values()}
    return {(str(e.type), texts[e.source], texts[e.target]) for e in amap.edges.values()}


def test_relations_both_directions_and_types():
    text = """
[A]: a
  + <B>: b
  - <C>: c
    _ <D>: d
  <+ [E]: e
  +> [F]: f
  -> <G>: g
  >< [H]: h

<D>
  _> <B>
"""
    edges = edge_set(read_argdown(text, "x"))
    assert edges == {
        ("support", "b", "a"),
        ("attack", "c", "a"),
        ("undercut", "d", "c"),
        ("support", "e", "a"),
        ("support", "a", "f"),
        ("attack", "a", "g"),
        ("contradictory", "a", "h"),
        ("undercut", "d", "b"),
    }


def test_strict_mode_statement_relations():
    text = "===\nmodel:\n    mode: strict\n===\n\n[A]: a\n  + [B]: b\n  - [C]: c\n  <- <D>: d\n"
    amap = read_argdown(text, "x")
    assert edge_set(amap) == {("entails", "b", "a"), ("contrary", "c", "a"), ("attack", "d", "a")}
    assert edge_set(read_argdown(write_argdown(amap), "y")) == edge_set(amap)


def test_premise_conclusion_structure_tags_headings_title():
    text = """===
title: My debate
author: me
===

# Part one

<Arg>: the argument #t1

(1) [P1]: first premise #(two words)
(2) second premise
--
Modus ponens {uses: [1,2]}
--
(3) [C]: conclusion
  -> [X]: other

## Sub {isGroup: false}

[C]
  + <Arg>

[P1]
  +> <Arg>
"""
    amap = read_argdown(text, "x")
    assert amap.title == "My debate"
    nodes = by_text(amap)
    assert nodes["the argument"].kind == NodeKind.ARGUMENT
    assert nodes["the argument"].tags == ("t1", "section:Part one")
    assert nodes["first premise"].tags == ("two words", "section:Part one")
    assert edge_set(amap) == {
        ("premise", "first premise", "the argument"),
        ("premise", "second premise", "the argument"),
        ("conclusion", "the argument", "conclusion"),
        ("attack", "conclusion", "other"),
        ("support", "first premise", "the argument"),
    }  # as in Argdown: an argument's support for its own conclusion is implied by the structure
    # and dropped, a premise's support for its own argument is kept
    back = read_argdown(write_argdown(amap), "y")
    assert edge_set(back) == edge_set(amap)
    assert back.title == "My debate"
    assert by_text(back)["first premise"].tags == ("two words", "section:Part one")


def test_one_line_inference_and_multi_step():
    text = "<A>\n\n(1) a\n(2) b\n-- rule --\n(3) c\n(4) d\n----\n(5) e\n"
    amap = read_argdown(text, "x")
    assert edge_set(amap) == {
        ("premise", t, "A") for t in "abcd"
    } | {("conclusion", "A", "e")}


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("[A: text", 1, "unclosed '['"),
        ("intro\n\n<A: text\n", 3, "unclosed '<'"),
        ("\n  + [A]: orphan\n", 2, "relation '+' has nothing to attach to"),
        ("[A]\n\n  - [B]\n", 3, "relation '-' has nothing to attach to"),
        ("<A>\n\n(1) a\n(2) b\n----\n", 3, "no conclusion"),
        ("<A>\n\n(1) a\n(2) b\n", 3, "without an inference line"),
        ("<A>\n\n----\n(1) a\n", 3, "inference line outside"),
        ("<A>\n\n(1) a\n--\nrule\n(2) b\n", 4, "never closed"),
        ("<A>\n\n(1) a\n----\n----\n(2) b\n", 5, "without premises"),
        ("<A>\n\n(1) <B>\n----\n(2) b\n", 3, "must be a statement"),
        ("===\ntitle: x\n\n[A]: a\n", 1, "front matter"),
        ("[A]: a <!-- open\n", 1, "comment '<!--' is never closed"),
    ],
)
def test_malformed_input(text, line, reason):
    with pytest.raises(FormatError) as info:
        read_argdown(text, "bad.argdown")
    assert str(info.value).startswith(f"bad.argdown:{line}: ")
    assert reason in str(info.value)


def test_comment_lines_do_not_end_a_relation_tree():
    text = "[A]: a\n  + [B]: b\n  <!--\n  note\n  -->\n  - [C]: c // trailing\n"
    assert edge_set(read_argdown(text, "x")) == {("support", "b", "a"), ("attack", "c", "a")}


def test_written_text_of_a_hand_built_map_reads_back():
    from debatemap.core.argmap import ArgumentMap
    from debatemap.core.model import Edge, Node

    nodes = [
        Node(id="n1", text="Claim <one> & [two]", tags=("x", "with space")),
        Node(id="n2", text="Objection", kind=NodeKind.OBJECTION),
        Node(id="n3", text="Arg", kind=NodeKind.ARGUMENT),
        Node(id="n4", text="Claim one", kind=NodeKind.CLAIM),
    ]
    edges = [
        Edge(id="e1", type=EdgeType.ATTACK, source="n2", target="n1"),
        Edge(id="e2", type=EdgeType.PREMISE, source="n4", target="n3"),
        Edge(id="e3", type=EdgeType.CONCLUSION, source="n3", target="n1"),
        Edge(id="e4", type=EdgeType.UNDERCUT, source="n2", target="n3"),
    ]
    amap = ArgumentMap.from_parts("T: \"quoted\"", nodes, edges)
    back = read_argdown(write_argdown(amap), "y")
    assert back.title == 'T: "quoted"'
    assert edge_set(back) == edge_set(amap)
    assert by_text(back)["Claim <one> & [two]"].tags == ("x", "with space")
