import json
from collections import Counter
from pathlib import Path

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Edge, EdgeType, Node, NodeKind
from debatemap.interchange.aif import looks_like_aif, read_aif, write_aif
from debatemap.interchange.errors import FormatError

FIXTURES = Path("/work/shared/fixtures/aif")
FILES = sorted(FIXTURES.glob("*.json")) if FIXTURES.is_dir() else []


def _counts(text: str) -> tuple[Counter, int]:
    data = json.loads(text)
    data = data.get("AIF", data)
    return Counter(n["type"] for n in data["nodes"]), len(data["edges"])


@pytest.mark.skipif(not FILES, reason="AIF fixtures not present")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fixture_round_trip_keeps_type_and_edge_counts(path):
    text = path.read_text(encoding="utf-8")
    assert looks_like_aif(text)
    amap = read_aif(text, path.name)
    assert amap.problems() == []
    types, edges = _counts(text)
    out = write_aif(amap)
    assert _counts(out) == (types, edges)
    again = read_aif(out, "out.json")
    assert len(again.nodes) == len(amap.nodes) and len(again.edges) == len(amap.edges)
    assert sorted(n.text for n in again.nodes.values()) == sorted(n.text for n in amap.nodes.values())
    assert Counter(e.type for e in again.edges.values()) == Counter(e.type for e in amap.edges.values())


def test_fixture_count():
    if FILES:
        assert len(FILES) == 221


SAMPLE = {
    "nodes": [
        {"nodeID": "1", "text": "p", "type": "I"},
        {"nodeID": "2", "text": "c", "type": "I"},
        {"nodeID": "3", "text": "Default Inference", "type": "RA", "scheme": "Expert Opinion"},
        {"nodeID": "4", "text": "not c", "type": "I"},
        {"nodeID": "5", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "6", "text": "Bob: p", "type": "L"},
        {"nodeID": "7", "text": "Asserting", "type": "YA"},
        {"nodeID": "8", "text": "Bob: c", "type": "L"},
        {"nodeID": "9", "text": "Default Transition", "type": "TA"},
        {"nodeID": "10", "text": "p again", "type": "I"},
        {"nodeID": "11", "text": "Default Rephrase", "type": "MA"},
        {"nodeID": "12", "text": "Default Preference", "type": "PA"},
        {"nodeID": "13", "text": "undercutter", "type": "I"},
        {"nodeID": "14", "text": "Default Conflict", "type": "CA"},
    ],
    "edges": [
        {"edgeID": "e1", "fromID": "1", "toID": "3"},
        {"edgeID": "e2", "fromID": "3", "toID": "2"},
        {"edgeID": "e3", "fromID": "4", "toID": "5"},
        {"edgeID": "e4", "fromID": "5", "toID": "2"},
        {"edgeID": "e5", "fromID": "6", "toID": "7"},
        {"edgeID": "e6", "fromID": "7", "toID": "1"},
        {"edgeID": "e7", "fromID": "6", "toID": "9"},
        {"edgeID": "e8", "fromID": "9", "toID": "8"},
        {"edgeID": "e9", "fromID": "1", "toID": "11"},
        {"edgeID": "e10", "fromID": "11", "toID": "10"},
        {"edgeID": "e11", "fromID": "1", "toID": "12"},
        {"edgeID": "e12", "fromID": "12", "toID": "4"},
        {"edgeID": "e13", "fromID": "13", "toID": "14"},
        {"edgeID": "e14", "fromID": "14", "toID": "3"},
    ],
}


def _by_text(amap):
    return {n.text: n for n in amap.nodes.values()}


def test_mapping_of_every_node_type():
    amap = read_aif(json.dumps(SAMPLE), "s.json")
    assert amap.problems() == []
    n = _by_text(amap)
    assert n["p"].kind == NodeKind.CLAIM
    assert n["Default Inference"].kind == NodeKind.ARGUMENT
    assert "aif:RA" in n["Default Inference"].tags
    assert "aif:scheme=Expert Opinion" in n["Default Inference"].tags
    assert n["Default Rephrase"].kind == NodeKind.ARGUMENT and "aif:MA" in n["Default Rephrase"].tags
    for text, tag in [("Bob: p", "aif:L"), ("Asserting", "aif:YA"),
                      ("Default Transition", "aif:TA"), ("Default Preference", "aif:PA")]:
        assert n[text].kind == NodeKind.NOTE and tag in n[text].tags
    types = {(amap.nodes[e.source].text, amap.nodes[e.target].text): e.type for e in amap.edges.values()}
    assert types[("p", "Default Inference")] == EdgeType.PREMISE
    assert types[("Default Inference", "c")] == EdgeType.CONCLUSION
    assert types[("not c", "Default Conflict")] == EdgeType.PREMISE
    assert types[("Default Conflict", "c")] == EdgeType.ATTACK
    assert types[("Default Conflict", "Default Inference")] == EdgeType.UNDERCUT
    assert types[("Bob: p", "Asserting")] == EdgeType.ENTAILS
    assert types[("Asserting", "p")] == EdgeType.ENTAILS
    assert types[("p", "Default Preference")] == EdgeType.ENTAILS
    out = write_aif(amap)
    assert _counts(out) == _counts(json.dumps(SAMPLE))
    schemes = [x.get("scheme") for x in json.loads(out)["nodes"] if x.get("scheme")]
    assert schemes == ["Expert Opinion"]


def test_ova_wrapper_positions_read_and_written():
    wrapped = {"AIF": SAMPLE, "OVA": {"nodes": [{"nodeID": "1", "x": 120, "y": -40.5}],
                                      "edges": []}}
    text = json.dumps(wrapped)
    assert looks_like_aif(text)
    amap = read_aif(text, "s.json")
    p = _by_text(amap)["p"]
    assert (p.x, p.y) == (120.0, -40.5)
    out = json.loads(write_aif(amap, ova=True))
    assert set(out) == {"AIF", "OVA"}
    ident = next(x["nodeID"] for x in out["AIF"]["nodes"] if x["text"] == "p")
    pos = next(x for x in out["OVA"]["nodes"] if x["nodeID"] == ident)
    assert (pos["x"], pos["y"]) == (120.0, -40.5)
    again = read_aif(json.dumps(out), "o.json")
    assert (_by_text(again)["p"].x, _by_text(again)["p"].y) == (120.0, -40.5)


def test_native_map_export_synthesises_ra_and_ca():
    a, b, c, d = (Node(f"n{i}", t) for i, t in enumerate("abcd"))
    edges = [Edge("e1", EdgeType.SUPPORT, "n0", "n1"), Edge("e2", EdgeType.ATTACK, "n2", "n1"),
             Edge("e3", EdgeType.UNDERCUT, "n3", "e1")]
    amap = ArgumentMap.from_parts("t", [a, b, c, d], edges)
    assert amap.problems() == []
    out = write_aif(amap)
    types, count = _counts(out)
    assert types == Counter({"I": 4, "RA": 1, "CA": 2}) and count == 6
    again = read_aif(out, "x.json")
    assert again.problems() == []
    assert json.loads(out)["title"] == "t" and again.title == "t"


def test_looks_like_aif():
    assert not looks_like_aif("{}")
    assert not looks_like_aif("[1, 2]")
    assert not looks_like_aif('{"nodes": [{"id": 1}], "edges": []}')
    assert not looks_like_aif("not json")


@pytest.mark.parametrize("text, line, words", [
    ('{\n "nodes": [\n  {"nodeID": "1", "type": "I",}\n ]}', 3, "not valid JSON"),
    ('{"nodes": [], "edges": [\n{"edgeID": "9", "fromID": "1", "toID": "2"}]}', 2, "missing node 1"),
    ('{"nodes": [\n{"nodeID": "1", "text": "x", "type": "XX"}], "edges": []}', 2, "unknown type 'XX'"),
    ('[1]', None, "no \"nodes\""),
    ('{"nodes": []}', None, "no \"edges\""),
])
def test_malformed(text, line, words):
    with pytest.raises(FormatError) as info:
        read_aif(text, "bad.json")
    assert info.value.line == line
    assert words in str(info.value)
    assert str(info.value).startswith("bad.json:" + (f"{line}: " if line else " "))


def test_escaping_survives():
    texts = ['<script>alert(1)</script>', 'a & b "quoted" \'single\'', 'two\nlines', '[bracket] \\(x\\)']
    nodes = [Node(f"n{i}", t) for i, t in enumerate(texts)]
    amap = ArgumentMap.from_parts("", nodes, [Edge("e", EdgeType.SUPPORT, "n0", "n1")])
    again = read_aif(write_aif(amap), "x.json")
    assert sorted(n.text for n in again.nodes.values() if n.kind == NodeKind.CLAIM) == sorted(texts)
