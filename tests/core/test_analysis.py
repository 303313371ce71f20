"""core.analysis: the Analysis panel's findings on small maps."""

from debatemap.core.analysis import coverage, duplicate_groups, findings, normalise, paragraphs
from debatemap.core.argmap import ArgumentMap, excerpt_of
from debatemap.core.model import Document, Edge, Node, NodeKind


def build(nodes: dict[str, tuple[str, str]], links: list[tuple[str, str, str]]) -> ArgumentMap:
    amap = ArgumentMap()
    for node_id, (text, kind) in nodes.items():
        amap.add_node(Node(node_id, text, NodeKind(kind)))
    for i, (source, edge_type, target) in enumerate(links, 1):
        amap.add_edge(Edge(f"e{i}", edge_type, source, target))
    return amap


def by_kind(amap, kind):
    return [f for f in findings(amap) if f.kind == kind]


def test_unsupported_claims_and_unanswered_objections():
    amap = build(
        {"m": ("Fares should be free", "claim"),
         "r": ("Ridership rises", "evidence"),
         "o": ("It costs too much", "objection"),
         "t": ("Taxes cover it", "rebuttal"),
         "c": ("Cities can afford it", "claim"),
         "p": ("Parking is cheap", "objection")},
        [("r", "support", "c"), ("c", "support", "m"), ("o", "attack", "m"),
         ("t", "attack", "o"), ("p", "attack", "c")],
    )
    assert by_kind(amap, "unsupported") == []
    amap.remove_edge("e2")  # m loses its only support, and it is attacked
    [unsupported] = by_kind(amap, "unsupported")
    assert unsupported.nodes == ("m",) and "attacked" in unsupported.message
    unanswered = by_kind(amap, "unanswered")
    assert [(f.nodes, f.edges) for f in unanswered] == [(("p",), ("e5",)), (("t",), ("e4",))]


def test_an_undercut_attack_counts_as_answered_and_a_main_claim_needs_support():
    amap = build(
        {"m": ("Main", "claim"), "o": ("Objection", "objection"), "u": ("No", "claim")},
        [("o", "attack", "m")],
    )
    amap.add_edge(Edge("e2", "undercut", "u", "e1"))
    assert [f.nodes for f in by_kind(amap, "unanswered")] == [("u",)]
    amap2 = build({"m": ("Main", "claim"), "n": ("Note", "note")}, [("n", "attack", "m")])
    assert by_kind(amap2, "unsupported")[0].message.startswith("“Main” is attacked")
    amap3 = build({"m": ("Main", "claim"), "q": ("Why?", "question")}, [("q", "contrary", "m")])
    assert [f.nodes for f in by_kind(amap3, "unsupported")] == [("m",)]


def test_cycles_isolated_and_no_source():
    amap = build(
        {"a": ("A", "claim"), "b": ("B", "claim"), "c": ("C", "claim"),
         "d": ("D", "claim"), "z": ("Alone", "note")},
        [("a", "support", "b"), ("b", "support", "c"), ("c", "attack", "a"),
         ("d", "support", "a")],
    )
    [cycle] = by_kind(amap, "cycle")
    assert cycle.nodes == ("a", "b", "c") and cycle.edges == ("e1", "e2", "e3")
    assert [f.nodes for f in by_kind(amap, "isolated")] == [("z",)]
    assert [f.nodes for f in by_kind(amap, "no-source")] == [("a",), ("b",), ("c",), ("d",)]


def test_duplicates_exact_and_near():
    amap = build(
        {"a": ("Free fares raise ridership.", "claim"),
         "b": ("free fares  RAISE ridership", "claim"),
         "c": ("Free fares raise ridership a lot", "claim"),
         "d": ("Free fare raises ridership!", "claim"),
         "e": ("Congestion charges work", "claim"),
         "f": ("ridership raise fares free", "claim")},
        [],
    )
    assert normalise("Free fares — RAISE   ridership!") == "free fares raise ridership"
    assert duplicate_groups(amap) == [["a", "b", "d", "f"]]
    [finding] = by_kind(amap, "duplicate")
    assert finding.nodes == ("a", "b", "d", "f") and "nearly" in finding.message


def test_duplicates_scale_by_blocking():
    import random

    rng = random.Random(3)
    words = [f"w{i}" for i in range(400)]
    amap = ArgumentMap()
    texts = [" ".join(rng.sample(words, 8)) for _ in range(3000)]
    for i, text in enumerate(texts):
        amap.add_node(Node(f"n{i:05}", text))
    amap.add_node(Node("x", texts[5].upper() + "."))
    amap.add_node(Node("y", texts[9] + "s"))
    assert duplicate_groups(amap) == [["n00005", "x"], ["n00009", "y"]]


def test_coverage_share_and_unmapped_passages():
    text = ("Transit should be free. It pays for itself through cleaner air and fewer cars.\n\n"
            "Critics say the budget cannot carry it, and that riders value service over price.\n\n"
            "Short.")
    amap = ArgumentMap()
    amap.add_document(Document("d1", "Essay", text, "txt", "utf-8"))
    amap.add_document(Document("d2", "Empty", "", "txt", "utf-8"))
    amap.add_excerpt(excerpt_of(amap.documents["d1"], 0, 23, "x1"))
    amap.add_node(Node("n1", "Transit should be free", excerpt_id="x1"))
    second, third = text.index("Critics"), text.index("Short")
    assert paragraphs(text) == [(0, second - 2), (second, third - 2), (third, len(text))]
    [cover, empty] = coverage(amap)
    assert cover.used == ((0, 23),) and abs(cover.share - 23 / len(text)) < 1e-9
    assert cover.unmapped == ((24, second - 2), (second, third - 2))  # "Short." is too short
    assert empty.share == 0.0 and empty.unmapped == ()
    [finding, _] = by_kind(amap, "coverage")
    assert finding.document == "d1" and finding.passages == cover.unmapped
    assert finding.message == "Essay: 14% of its text is used by nodes; 2 passages unmapped"


def test_findings_are_deterministic():
    amap = build({n: (f"Claim {n}", "claim") for n in "edcba"}, [("a", "attack", "b")])
    assert findings(amap) == findings(amap)
    kinds = [f.kind for f in findings(amap)]
    assert kinds == sorted(kinds, key=["unsupported", "unanswered", "cycle", "isolated",
                                       "no-source", "duplicate", "coverage"].index)
