"""`debatemap show` lists node titles; an Argdown file converted to a map keeps them."""

import json
from pathlib import Path

import pytest

from cli_run import ok
from debatemap.store.session import MapSession

ARGDOWN = """[Lost revenue]: Fares pay for a third of the running costs.
  - [Collection]: Collecting fares costs money too.

<Free fares>: Free fares fill the buses.
  +> [Lost revenue]

an untitled statement
"""


@pytest.fixture
def titled_map(tmp_path):
    path = tmp_path / "titled.debatemap"
    ok("new", path)
    titled = ok("add", path, "Fares pay for a third of the running costs.").strip()
    plain = ok("add", path, "Buses are full at rush hour.").strip()
    with MapSession.open(path) as session:
        session.update_node(titled, title="Lost revenue")
    return path, titled, plain


def test_show_json_has_a_title_for_every_node(titled_map):
    path, titled, plain = titled_map
    nodes = {n["id"]: n for n in json.loads(ok("show", path, "--json"))["nodes"]}
    assert nodes[titled]["title"] == "Lost revenue"
    assert nodes[plain]["title"] is None
    assert list(nodes[titled])[:3] == ["id", "text", "title"]
    assert {"id", "text", "kind", "x", "y", "source"} <= set(nodes[plain])


def test_show_lists_the_title_before_the_text(titled_map):
    path, titled, plain = titled_map
    lines = {line.split()[0]: line for line in ok("show", path).splitlines()[1:]}
    assert lines[titled].endswith("claim      Lost revenue: Fares pay for a third of the running costs.")
    assert lines[plain].endswith("claim      Buses are full at rush hour.")


def test_an_argdown_file_converted_to_a_map_keeps_its_titles(tmp_path: Path):
    source = tmp_path / "debate.argdown"
    source.write_text(ARGDOWN, encoding="utf-8")
    converted = tmp_path / "debate.debatemap"
    ok("convert", source, converted)
    nodes = json.loads(ok("show", converted, "--json"))["nodes"]
    assert {n["text"]: n["title"] for n in nodes} == {
        "Fares pay for a third of the running costs.": "Lost revenue",
        "Collecting fares costs money too.": "Collection",
        "Free fares fill the buses.": "Free fares",
        "an untitled statement": None,
    }
    back = tmp_path / "back.argdown"
    ok("export", converted, back)
    text = back.read_text(encoding="utf-8")
    assert "[Lost revenue]: Fares pay for a third of the running costs." in text
    assert "<Free fares>: Free fares fill the buses." in text
