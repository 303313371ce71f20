"""Compendium XML import: node and link types, views flattened, positions, details, bad files."""

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from debatemap.core.model import EdgeType, NodeKind
from debatemap.interchange.compendium import SPREAD, read_compendium
from debatemap.interchange.errors import FormatError
from debatemap.interchange.registry import READABLE, read_map

HERE = Path(__file__).parent / "compendium"
LIBRARY = HERE / "library-hours.xml"
OLD = HERE / "old-format.xml"


def _by_text(amap):
    return {n.text.split("\n\n")[0]: n for n in amap.nodes.values()}


def _links(amap):
    first = {n.id: n.text.split("\n\n")[0] for n in amap.nodes.values()}
    return Counter((first[e.source], e.type, first[e.target]) for e in amap.edges.values())


def _doc(nodes: str, views: str = "", links: str = "", root: str = "r", head: str = "") -> bytes:
    """A small Compendium export; ``nodes`` gets the root view node (type 2) in front."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}<model rootview="{root}">\n'
        f"<views>{views}</views>\n"
        f'<nodes>\n<node id="{root}" type="2" label="Root"/>\n{nodes}</nodes>\n'
        f"<links>{links}</links>\n<codes/>\n</model>\n"
    ).encode("utf-8")


def _view(node: str, x=0, y=0, view="r") -> str:
    return f'<view viewref="{view}" noderef="{node}" XPosition="{x}" YPosition="{y}"/>\n'


def _link(source: str, target: str, kind: str) -> str:
    return f'<link id="l-{source}-{target}-{kind}" type="{kind}" from="{source}" to="{target}"/>\n'


def test_the_utf16_export_counts_per_node_and_link_type():
    assert LIBRARY.read_bytes()[:2] == b"\xfe\xff"  # as Compendium's Java writer leaves it
    amap = read_map(LIBRARY)
    assert amap.problems() == []
    assert amap.title == "Branch library: opening hours & staffing"  # the root view, not a node
    assert len(amap.nodes) == 18  # 20 <node>s less the root view and the Con shortcut
    types = Counter(t for n in amap.nodes.values() for t in n.tags if t.startswith("compendium:"))
    assert types == {"compendium:question": 4, "compendium:answer": 4, "compendium:pro": 2,
                     "compendium:con": 2, "compendium:argument": 1, "compendium:decision": 1,
                     "compendium:reference": 1, "compendium:note": 1, "compendium:map": 1,
                     "compendium:list": 1}
    assert Counter(n.kind for n in amap.nodes.values()) == {
        NodeKind.QUESTION: 4, NodeKind.IDEA: 4, NodeKind.CLAIM: 6, NodeKind.NOTE: 4}
    assert Counter(e.type for e in amap.edges.values()) == {
        EdgeType.SUPPORT: 7, EdgeType.ATTACK: 4, EdgeType.ENTAILS: 4}
    links = _links(amap)
    sunday, question = "Open 10:00-16:00 on Sundays", "Should the branch library open on Sundays?"
    costs, pilot = "Sunday staffing costs about 18% more per hour", "Pilot Sunday opening for three months, then review"
    assert links[(sunday, EdgeType.SUPPORT, question)] == 1  # an Answer responds to: support
    assert links[(costs, EdgeType.ATTACK, sunday)] == 1  # a Con responds to: attack
    assert links[(costs, EdgeType.ATTACK, pilot)] == 1  # through the Con's shortcut
    assert links[("Footfall counts show Sunday demand is untested", EdgeType.ATTACK, sunday)] == 1
    assert links[(pilot, EdgeType.SUPPORT, question)] == 1  # resolves
    assert links[("Volunteers cannot open the building alone", EdgeType.ATTACK,
                  "Volunteers from the Friends of the Library")] == 1  # challenges
    assert links[("Staffing options", EdgeType.ENTAILS, question)] == 1  # expands on


def test_text_tags_and_times():
    nodes = _by_text(read_map(LIBRARY))
    assert nodes["Should the branch library open on Sundays?"].text == (
        "Should the branch library open on Sundays?\n\nRaised at the March residents' meeting."
        "\n\nSecond page: the petition had 212 names.")
    assert nodes["Council budget report 2011/12"].text.endswith(
        "\n\nhttp://example.org/council/budget-2011-12.pdf")
    decision = nodes["Pilot Sunday opening for three months, then review"]
    assert decision.tags == ("compendium:decision", "decision", "action", "budget")  # codes too
    assert "budget" in nodes["Sunday staffing costs about 18% more per hour"].tags
    assert decision.created.isoformat() == "2011-03-24T10:48:00+00:00"


def test_positions_come_from_the_views():
    amap = read_map(LIBRARY)
    nodes = _by_text(amap)
    question = nodes["Should the branch library open on Sundays?"]
    assert (question.x, question.y) == (40 * SPREAD[0], 200 * SPREAD[1])
    sunday = nodes["Open 10:00-16:00 on Sundays"]  # also drawn in the nested map: kept where it is
    assert (sunday.x, sunday.y) == (300 * SPREAD[0], 120 * SPREAD[1])
    assert "view:Staffing options" in sunday.tags
    root = [n for n in amap.nodes.values() if not any(t.startswith("view:") for t in n.tags)]
    staffing = [n for n in amap.nodes.values() if "view:Staffing options" in n.tags and n is not sunday]
    listed = [n for n in amap.nodes.values() if "view:Questions for the next meeting" in n.tags]
    assert len(root) == 11 and len(staffing) == 4 and len(listed) == 2
    assert min(n.y for n in staffing) > max(n.y for n in root)  # stacked below the root view
    assert min(n.y for n in listed) > max(n.y for n in staffing)
    who, friends = nodes["Who would staff Sunday opening?"], nodes["Volunteers from the Friends of the Library"]
    assert (friends.x - who.x, friends.y - who.y) == (260 * SPREAD[0], -40 * SPREAD[1])  # same shape
    precedent, survey = (nodes["Is there a precedent elsewhere in the county?"],
                         nodes["What did the 2009 survey say about weekend use?"])
    assert precedent.x == survey.x and precedent.y < survey.y  # list order, not file order
    assert len({(n.x, n.y) for n in amap.nodes.values()}) == 18


def test_the_old_latin1_format_with_a_trash_bin():
    amap = read_map(OLD)
    assert amap.problems() == [] and amap.title == "Home Window"
    texts = sorted(n.text for n in amap.nodes.values())
    assert texts == [
        "Devant l'école",
        "Le trottoir y est trop étroit pour une file d'attente.",  # "(No Label)" + its <detail>
        "Les enfants traversent moins de rues",
        "Où placer le nouvel arrêt de bus ?\n\nDemande du conseil de quartier, janvier 2003.",
        "Près du marché couvert",
    ]  # the trash bin, the note thrown into it and its link are left out; no "(No Detail)"
    assert Counter(e.type for e in amap.edges.values()) == {EdgeType.SUPPORT: 3, EdgeType.ATTACK: 1}


def test_link_rules_shortcuts_and_left_out_nodes():
    nodes = (
        '<node id="q" type="3" label="Q"/>\n<node id="a" type="4" label="A">'
        '<shortcutrefs><shortcutref shortcutref="sa"/></shortcutrefs></node>\n'
        '<node id="sa" type="14" label="A"/>\n<node id="lone" type="16" label="Lone pro"/>\n'
        '<node id="con" type="7" label="Con"/>\n<node id="arg" type="5" label="Arg"/>\n'
        '<node id="empty" type="10" label=""><details><page pageno="1">(No Detail)</page></details></node>\n'
        '<node id="in" type="52" label="Inbox"/>\n<node id="mail" type="10" label="Filed later"/>\n'
    )
    views = "".join(_view(n, i * 100, 50) for i, n in enumerate(
        ["q", "a", "sa", "lone", "con", "arg", "empty", "in"])) + _view("mail", view="in")
    links = "".join([
        _link("a", "q", "39"), _link("sa", "q", "39"),  # the same link again through a shortcut
        _link("con", "a", "39"), _link("arg", "a", "41"), _link("lone", "a", "39"),
        _link("sa", "a", "40"),  # a shortcut linked to its own original: a self link
        _link("empty", "q", "custom-type-17"), _link("mail", "q", "45"),
    ])
    amap = read_compendium(_doc(nodes, views, links), "t.xml")
    assert amap.problems() == []
    assert sorted(n.text for n in amap.nodes.values()) == ["(no label)", "A", "Arg", "Con", "Lone pro", "Q"]
    lone = _by_text(amap)["Lone pro"]
    assert lone.kind == NodeKind.CLAIM and lone.tags == ("compendium:pro",)
    assert _links(amap) == Counter({
        ("A", EdgeType.SUPPORT, "Q"): 1, ("Con", EdgeType.ATTACK, "A"): 1,
        ("Arg", EdgeType.ATTACK, "A"): 1, ("Lone pro", EdgeType.SUPPORT, "A"): 1,
        ("(no label)", EdgeType.ENTAILS, "Q"): 1})


def test_nodes_in_no_view_go_in_a_row_below():
    doc = _doc('<node id="q" type="3" label="Q"/>\n<node id="x" type="10" label="Loose"/>\n'
               '<node id="y" type="10" label="Looser"/>\n', _view("q", 10, 10))
    nodes = _by_text(read_compendium(doc, "t.xml"))
    assert nodes["Loose"].y == nodes["Looser"].y > nodes["Q"].y
    assert nodes["Loose"].x < nodes["Looser"].x


def test_registry_reads_xml_but_only_compendium_xml(tmp_path):
    assert ".xml" in READABLE
    svg = tmp_path / "picture.xml"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg">\n<rect/>\n</svg>\n', encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_map(svg)
    assert caught.value.line == 1 and "not a Compendium export" in caught.value.reason
    assert str(caught.value).startswith(f"{svg}:1: ")


@pytest.mark.parametrize("document, line, reason", [
    (b'<?xml version="1.0"?>\n<model rootview="r">\n<nodes>\n</model>\n', 4, "not well-formed XML"),
    (b"", 1, "not well-formed XML"),
    (b'<model>\n<nodes/>\n</model>', 1, "no rootview"),
    (b'<model rootview="r">\n<views/>\n</model>', 1, "no <nodes>"),
    (_doc('<node type="3" label="Q"/>\n'), 6, "without an id"),
    (_doc('<node id="r" type="3" label="Q"/>\n'), 6, "used twice"),
    (_doc('<node id="q" type="question" label="Q"/>\n'), 6, "not a number"),
    (_doc('<node id="q" type="99" label="Q"/>\n'), 6, "unknown type 99"),
    (_doc('<node id="q" type="3" label="Q"/>\n', _view("gone")), 3, "places node gone"),
    (_doc('<node id="q" type="3" label="Q"/>\n', _view("q", view="nowhere")), 3, "view nowhere"),
    (_doc('<node id="q" type="3" label="Q"/>\n', _view("q", x="left")), 3, "not a number"),
    (_doc('<node id="q" type="3" label="Q"/>\n', links=_link("q", "gone", "39")), 8, "node gone"),
    (_doc('<node id="q" type="3" label="Q"/>\n', links='<link id="1" type="39" from="q"/>'), 8, "without"),
])
def test_malformed_files_name_the_line(document, line, reason):
    with pytest.raises(FormatError) as caught:
        read_compendium(document, "bad.xml")
    assert caught.value.line == line and reason in caught.value.reason
    assert str(caught.value) == f"bad.xml:{line}: {caught.value.reason}"


BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE model [\n <!ENTITY a "aaaaaaaaaaaaaaaaaaaa">\n'
    + "".join(f' <!ENTITY {b} "{("&" + a + ";") * 20}">\n' for a, b in zip("abcdefgh", "bcdefghi"))
    + ']>\n<model rootview="r"><nodes><node id="r" type="2" label="&i;">'
    '<details><page pageno="1">&i;</page></details></node></nodes></model>\n'
).encode()


def test_an_entity_expansion_bomb_is_refused_at_once():
    started = time.perf_counter()
    with pytest.raises(FormatError) as caught:
        read_compendium(BOMB, "bomb.xml")
    assert time.perf_counter() - started < 1.0
    assert caught.value.line == 3 and "entity" in caught.value.reason


@pytest.mark.parametrize("declaration", [
    '<!ENTITY secret SYSTEM "file:///etc/passwd">',
    '<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;',
])
def test_external_entities_are_refused(declaration):
    document = _doc('<node id="q" type="3" label="&secret;"/>\n',
                    head=f"<!DOCTYPE model [\n{declaration}\n]>\n")
    with pytest.raises(FormatError) as caught:
        read_compendium(document, "xxe.xml")
    assert "entity" in caught.value.reason and caught.value.line == 3


def test_compendiums_own_doctype_is_not_fetched():
    document = _doc('<node id="q" type="3" label="Q"/>\n', _view("q"),
                    head='<!DOCTYPE model SYSTEM "http://127.0.0.1:9/Compendium.dtd">\n')
    started = time.perf_counter()
    assert [n.text for n in read_compendium(document, "t.xml").nodes.values()] == ["Q"]
    assert time.perf_counter() - started < 1.0


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "debatemap", *map(str, args)],
                          capture_output=True, timeout=300)


def test_cli_converts_a_compendium_map_and_refuses_a_broken_one(tmp_path):
    target = tmp_path / "library.debatemap"
    result = _cli("convert", LIBRARY, target)
    assert result.returncode == 0, result.stderr.decode()
    assert "18 nodes, 15 links" in result.stdout.decode()
    shown = json.loads(_cli("show", target, "--json").stdout)
    assert len(shown["nodes"]) == 18 and len(shown["edges"]) == 15
    question = next(n for n in shown["nodes"] if n["text"].startswith("Should the branch library"))
    assert (question["kind"], question["x"], question["y"]) == ("question", 40 * SPREAD[0], 200 * SPREAD[1])

    broken = tmp_path / "broken.xml"
    broken.write_bytes(_doc('<node id="q" type="3" label="Q"/>\n', links=_link("q", "gone", "39")))
    out = tmp_path / "out.debatemap"
    result = _cli("convert", broken, out)
    assert result.returncode == 1
    assert result.stderr.decode().strip() == (
        f"debatemap: error: {broken}:8: link l-q-gone-39 points at node gone, which is not among the <nodes>")
    assert not out.exists()
