"""The Argdown tool reads our titles and our undercut arguments as we meant them.

Runs `argdown json` (``@argdown/cli@1.7.5`` through npx) like test_argdown_cli.py; skipped with
the reason when it cannot run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter

import pytest

from debatemap.core.argmap import ArgumentMap
from debatemap.core.model import Edge, EdgeType, Node, NodeKind
from debatemap.interchange.argdown import write_argdown

from test_argdown_cli import ARGDOWN
from test_argdown_titles import undercut_map


@pytest.fixture(scope="module")
def argdown_json(tmp_path_factory):
    """A function: Argdown's JSON of our export of a map."""
    if os.environ.get("DEBATEMAP_NO_ARGDOWN_CLI") or shutil.which("npx") is None:
        pytest.skip("node/npx is not installed (or DEBATEMAP_NO_ARGDOWN_CLI is set)")
    folder = tmp_path_factory.mktemp("argdown-titles")

    def run(amap: ArgumentMap, name: str) -> dict:
        (folder / f"{name}.argdown").write_text(write_argdown(amap), encoding="utf-8")
        done = subprocess.run([*ARGDOWN, "json", str(folder / f"{name}.argdown"), str(folder)],
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not (folder / f"{name}.json").exists():
            pytest.skip(f"@argdown/cli@1.7.5 unavailable (npx exit {done.returncode}):"
                        f" {done.stderr[-300:]}")
        return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))

    return run


def relations(data: dict) -> set[tuple[str, str, str]]:
    return {(r["relationType"], r["from"], r["to"]) for r in data["relations"]}


def test_argdown_reads_our_titles(argdown_json):
    nodes = [
        Node(id="n1", text="Fares pay a third of the running costs.", title="Lost revenue"),
        Node(id="n2", text="The city should make transport free.", title="Free transport"),
        Node(id="n3", text="Only a claim.", title="Bare"),
        Node(id="n4", text="Bare"),  # its made title is taken by n3's own title
        Node(id="n5", text="Argument text", kind=NodeKind.ARGUMENT, title="Lost revenue"),
    ]
    edges = [Edge(id="e1", type=EdgeType.ATTACK, source="n1", target="n2"),
             Edge(id="e2", type=EdgeType.SUPPORT, source="n5", target="n1")]
    data = argdown_json(ArgumentMap.from_parts("", nodes, edges), "titles")
    assert set(data["statements"]) == {"Lost revenue", "Free transport", "Bare", "Bare 2"}
    assert set(data["arguments"]) == {"Lost revenue"}
    assert relations(data) == {("attack", "Lost revenue", "Free transport"),
                               ("support", "Lost revenue", "Lost revenue")}


def test_argdown_reads_our_undercut_arguments(argdown_json):
    data = argdown_json(undercut_map(), "undercuts")
    assert set(data["arguments"]) == {"Cars supports Free transport", "Walkers attacks Cars"}
    assert Counter(r["relationType"] for r in data["relations"]) == {
        "undercut": 2, "support": 1, "attack": 1,
    }
    assert ("undercut", "A congestion charge would do that", "Cars supports Free transport") \
        in relations(data)
    assert ("attack", "Walkers attacks Cars", "Cars") in relations(data)
    premises = [m for m in data["arguments"]["Cars supports Free transport"]["pcs"]]
    assert [(p["role"], p["title"]) for p in premises] == [
        ("premise", "Cars"), ("main-conclusion", "Free transport")
    ]


def test_argdown_reads_the_sample_map_with_its_undercut(argdown_json, tmp_path):
    from debatemap.app.sample import write_sample
    from debatemap.store.session import MapSession

    with MapSession.open(write_sample(tmp_path / "sample.debatemap"), readonly=True) as session:
        data = argdown_json(session.map, "sample")
    assert len(data["statements"]) == 10 and len(data["arguments"]) == 1
    assert Counter(r["relationType"] for r in data["relations"]) == {
        "support": 4, "attack": 3, "undercut": 1,
    }
