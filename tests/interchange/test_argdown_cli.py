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
