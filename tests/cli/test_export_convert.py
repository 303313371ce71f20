"""`debatemap export` and `debatemap convert` through subprocess, as a user would call them."""

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from cli_run import ok, run

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
TRICKY = "<script>alert(1)</script> & “quotes”"


@pytest.fixture
def small_map(tmp_path) -> Path:
    path = tmp_path / "m.debatemap"
    ok("new", path, "--title", "Transit")
    thesis = ok("add", path, "Fares should be free").strip()
    reason = ok("add", path, TRICKY).strip()
    doubt = ok("add", path, "Who pays?", "--kind", "question").strip()
    ok("link", path, reason, thesis, "--as", "support")
    ok("link", path, doubt, thesis, "--as", "attack")
    ok("layout", path)
    return path


def test_images_are_written_offscreen(small_map, tmp_path):
    before = small_map.read_bytes()
    assert "wrote" in ok("export", small_map, tmp_path / "m.png")
    png = (tmp_path / "m.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 200 and height > 100
    ok("export", small_map, tmp_path / "m.svg")
    root = ElementTree.parse(tmp_path / "m.svg").getroot()
    text = " ".join(" ".join(e.itertext()) for e in root.iter() if e.tag.endswith("text"))
    assert "Fares should be free" in " ".join(text.split())
    assert "<script>alert(1)</script>" in " ".join(text.split())  # as text, escaped in the file
    assert b"<script>" not in (tmp_path / "m.svg").read_bytes()
    ok("export", small_map, tmp_path / "m.pdf")
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    assert small_map.read_bytes() == before  # exporting never changes the map


@pytest.mark.parametrize("suffix", [".argdown", ".aif.json", ".kialo.txt"])
def test_map_formats_round_trip_through_convert(small_map, tmp_path, suffix):
    out = tmp_path / f"m{suffix}"
    ok("export", small_map, out)
    back = tmp_path / f"back{suffix.replace('.', '-')}.debatemap"
    ok("convert", out, back)
    shown = json.loads(ok("show", back, "--json"))
    texts = {n["text"] for n in shown["nodes"]}
    assert {"Fares should be free", TRICKY, "Who pays?"} <= texts
    types = sorted(e["type"] for e in shown["edges"] if e["type"] in ("support", "attack"))
    if suffix != ".aif.json":  # AIF routes inferences through RA/CA nodes
        assert types == ["attack", "support"]


def test_graphml_and_outline(small_map, tmp_path):
    ok("export", small_map, tmp_path / "m.graphml")
    import networkx

    graph = networkx.read_graphml(tmp_path / "m.graphml")
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 2
    ok("export", small_map, tmp_path / "m.md")
    outline = (tmp_path / "m.md").read_text(encoding="utf-8")
    assert outline.startswith("# Transit") and "**Con:** Who pays?" in outline


@pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"fixtures not at {FIXTURES}")
def test_fixtures_of_each_tool_convert_to_a_debatemap(tmp_path):
    for source in (FIXTURES / "argdown" / "intro.argdown", FIXTURES / "aif" / "nodeset10.json",
                   next((FIXTURES / "kialo").glob("*.txt"))):
        target = tmp_path / (source.stem + ".debatemap")
        assert "converted" in ok("convert", source, target)
        assert json.loads(ok("check", target, "--json"))["ok"]


def test_bad_inputs_exit_1_naming_the_file_and_line(tmp_path, small_map):
    broken = tmp_path / "broken.aif.json"
    broken.write_text('{"nodes": [\n  {"nodeID": "1", "type": "I", "text": "x"},\n  oops\n]}', "utf-8")
    result = run("convert", broken, tmp_path / "out.debatemap")
    assert result.returncode == 1
    line = result.stderr.decode().strip()
    assert line.startswith(f"debatemap: error: {broken}:3: ") and "\n" not in line
    assert not (tmp_path / "out.debatemap").exists()
    notes = tmp_path / "notes.txt"
    notes.write_text("just notes", encoding="utf-8")
    assert run("convert", notes, tmp_path / "x.argdown").returncode == 1
    result = run("export", small_map, tmp_path / "m.docx")
    assert result.returncode == 1 and "unknown export format" in result.stderr.decode()
    result = run("export", small_map, tmp_path / "missing" / "m.svg")
    assert result.returncode == 1 and result.stderr.decode().startswith("debatemap: error: ")
    assert run("convert", small_map, small_map).returncode == 1
    assert run("convert", broken, small_map).returncode == 1  # an existing map is never replaced
