"""`debatemap evaluate` and `debatemap layout` through subprocess, as a user would call them."""

import json

import pytest

from debatemap.store.session import MapSession

from cli_run import ok, run


@pytest.fixture
def debate(tmp_path):
    """c attacks b attacks a (reinstatement); d and e attack each other (an even cycle)."""
    path = tmp_path / "d.debatemap"
    ok("new", path)
    ids = {name: ok("add", path, f"claim {name}").strip() for name in "abcde"}
    ok("link", path, ids["b"], ids["a"], "--as", "attack")
    ok("link", path, ids["c"], ids["b"], "--as", "attack")
    ok("link", path, ids["d"], ids["e"], "--as", "attack")
    ok("link", path, ids["e"], ids["d"], "--as", "attack")
    return path, ids


def test_grounded_labels_in_the_design_shape(debate):
    path, ids = debate
    result = json.loads(ok("evaluate", path, "--json"))
    assert result["semantics"] == "grounded"
    assert result["labels"] == {ids["a"]: "in", ids["b"]: "out", ids["c"]: "in",
                                ids["d"]: "undecided", ids["e"]: "undecided"}
    human = ok("evaluate", path)
    assert human.startswith("grounded: 2 in, 1 out, 2 undecided")


def test_preferred_gives_sceptical_labels_and_the_extensions(debate):
    path, ids = debate
    result = json.loads(ok("evaluate", path, "--semantics", "preferred", "--json"))
    assert result["labels"][ids["d"]] == "undecided" and result["labels"][ids["a"]] == "in"
    base = sorted([ids["a"], ids["c"]])
    assert sorted(sorted(e) for e in result["extensions"]) == sorted(
        [sorted(base + [ids["d"]]), sorted(base + [ids["e"]])])
    assert "preferred extension 2:" in ok("evaluate", path, "--semantics", "preferred")


def test_evaluate_refuses_unknown_semantics_and_bad_files(debate, tmp_path):
    path, _ = debate
    assert run("evaluate", path, "--semantics", "stable").returncode == 2
    junk = tmp_path / "junk.debatemap"
    junk.write_bytes(b"\x00" * 64)
    result = run("evaluate", junk)
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"debatemap: error: {junk}: ")


def test_layout_places_unpinned_nodes_and_keeps_pinned_ones(debate):
    path, ids = debate
    with MapSession.open(path) as session:
        session.update_node(ids["a"], x=500.0, y=-300.0, pinned=True)
    assert "placed 4 of 4 nodes, 1 pinned kept in place" in ok("layout", path)
    with MapSession.open(path, readonly=True) as session:
        nodes = session.map.nodes
        assert (nodes[ids["a"]].x, nodes[ids["a"]].y) == (500.0, -300.0)
        placed = [(n.x, n.y) for n in nodes.values()]
        assert len(set(placed)) == 5  # nobody left on top of anybody
        assert nodes[ids["b"]].y > nodes[ids["a"]].y  # the attacker hangs below what it attacks
        assert not nodes[ids["b"]].pinned  # a layout does not pin
    again = ok("layout", path)
    assert "placed 0 of 4 nodes" in again  # nothing left to move: stable
    assert " of 5 nodes" in ok("layout", path, "--all")  # --all lays out the pinned one too
    with MapSession.open(path, readonly=True) as session:
        assert len({(n.x, n.y) for n in session.map.nodes.values()}) == 5
    assert json.loads(ok("check", path, "--json"))["ok"]
