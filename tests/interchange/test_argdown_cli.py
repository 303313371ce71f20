"""Cross-check with the Argdown tool itself: our exported Argdown, read by `argdown json`.

Runs when node/npx can run ``@argdown/cli@1.7.5`` (npx installs it from the npm registry on first
use); skipped with the reason otherwise.  Set DEBATEMAP_NO_ARGDOWN_CLI=1 to skip it on purpose.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter

import pytest

from debatemap.interchange.argdown import write_argdown

from test_argdown import NAMES, expected, read_fixture

ARGDOWN = ["npx", "--yes", "@argdown/cli@1.7.5"]


@pytest.fixture(scope="module")
def argdown_json(tmp_path_factory):
    """Argdown's JSON of our export of every fixture, by fixture name."""
    if os.environ.get("DEBATEMAP_NO_ARGDOWN_CLI"):
        pytest.skip("DEBATEMAP_NO_ARGDOWN_CLI is set")
    if shutil.which("npx") is None:
        pytest.skip("node/npx is not installed, so @argdown/cli@1.7.5 cannot run")
    src = tmp_path_factory.mktemp("argdown-src")
    out = tmp_path_factory.mktemp("argdown-json")
    for name in NAMES:
        (src / f"{name}.argdown").write_text(write_argdown(read_fixture(name)), encoding="utf-8")
    try:
        run = subprocess.run(
            [*ARGDOWN, "json", str(src / "*.argdown"), str(out)],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"@argdown/cli@1.7.5 could not run: {exc}")
    if run.returncode != 0 or not any(out.iterdir()):
        pytest.skip(f"@argdown/cli@1.7.5 unavailable (npx exit {run.returncode}): {run.stderr[-300:]}")
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}


@pytest.mark.parametrize("name", NAMES)
def test_argdown_reads_our_export_with_the_same_counts(argdown_json, name):
    data = argdown_json[name]
    counts = {
        "statements": len(data["statements"]),
        "arguments": len(data["arguments"]),
        "relations": dict(Counter(r["relationType"] for r in data["relations"])),
    }
    assert counts == expected(name)


RELATIONS = """
[A]: a
  + <B>: b
  - <C>: c
    _ <D>: d
  <+ [E]: e
  +> [F]: f
  -> <G>: g
  >< [H]: h
  - [I]: i

<D>
  _> <B>

<K>

(1) [A]
(2) k2
----
(3) [L]: l
  <+ <K>
  +> <B>

[A]
  +> <K>
"""


@pytest.mark.parametrize("strict", [False, True], ids=["loose", "strict"])
def test_relation_types_agree_with_argdown(tmp_path, strict):
    """Our reading of every relation symbol, in both modes, is Argdown's own."""
    from debatemap.interchange.argdown import read_argdown

    if os.environ.get("DEBATEMAP_NO_ARGDOWN_CLI") or shutil.which("npx") is None:
        pytest.skip("node/npx is not installed (or DEBATEMAP_NO_ARGDOWN_CLI is set)")
    text = ("===\nmodel:\n    mode: strict\n===\n" if strict else "") + RELATIONS
    (tmp_path / "rel.argdown").write_text(text, encoding="utf-8")
    run = subprocess.run(
        [*ARGDOWN, "json", str(tmp_path / "rel.argdown"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if run.returncode != 0 or not (tmp_path / "rel.json").exists():
        pytest.skip(f"@argdown/cli@1.7.5 unavailable (npx exit {run.returncode}): {run.stderr[-300:]}")
    theirs = {
        (r["relationType"], r["from"].lower(), r["to"].lower())
        for r in json.loads((tmp_path / "rel.json").read_text(encoding="utf-8"))["relations"]
    }
    amap = read_argdown(text, "rel.argdown")
    texts = {n.id: n.text.lower() for n in amap.nodes.values()}  # <K> has no text but its title
    ours = {
        (str(e.type), texts[e.source], texts[e.target])
        for e in amap.edges.values()
        if e.type not in ("premise", "conclusion")
    }
    assert ours == theirs
