"""`debatemap import` and `debatemap candidates` through subprocess, as a user would call them."""

import hashlib
import json
from pathlib import Path

import pytest

from cli_run import ok, run

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"

ESSAY = ("Free transit works. It cuts car trips by 14% in Tallinn, says the study.\n\n"
         "But who pays? The budget loses €48 million — 비용이 든다. 😀 Still worth it.\n")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def map_path(tmp_path) -> Path:
    path = tmp_path / "m.debatemap"
    ok("new", path)
    return path


@pytest.fixture
def essays(tmp_path) -> list[Path]:
    utf16 = tmp_path / "essay-utf16.txt"
    utf16.write_text(ESSAY, encoding="utf-16")
    cp1252 = tmp_path / "letter.txt"
    cp1252.write_bytes("Dear council, “free fares” are a fine idea; café owners agree.\n"
                       "Yet the naïve plan ignores the cost.\n".encode("cp1252"))
    markdown = tmp_path / "notes.md"
    markdown.write_text("---\ntitle: Council notes\nauthor: Kim\n---\n\n# Fares\n\n"
                        "- Fares fund a third of the network.\n- Free fares raise ridership.\n\n"
                        "```\ncode is not a claim\n```\n", encoding="utf-8")
    return [utf16, cp1252, markdown]


def test_import_reports_each_document_and_candidates_keep_the_offsets_contract(map_path, essays):
    imported = json.loads(ok("import", map_path, *essays, "--json"))
    assert imported["skipped"] == []
    documents = imported["documents"]
    assert [d["title"] for d in documents][2] == "Council notes"
    for entry in documents:
        assert {"id", "title", "format", "encoding", "characters", "candidates"} <= set(entry)
        assert entry["candidates"] > 0
    assert [d["format"] for d in documents] == ["txt", "txt", "md"]
    assert documents[0]["encoding"].startswith("utf-16")
    assert documents[1]["encoding"] in {"cp1252", "windows-1252"}

    listed = json.loads(ok("documents", map_path, "--json"))["documents"]
    assert [d["id"] for d in listed] == [d["id"] for d in documents]

    candidates = json.loads(ok("candidates", map_path, "--json"))["candidates"]
    texts = {d["id"]: run("text", map_path, d["id"]).stdout.decode("utf-8") for d in documents}
    assert texts[documents[0]["id"]] == ESSAY.strip()  # faithful, trailing newline trimmed
    assert "“free fares”" in texts[documents[1]["id"]] and "naïve" in texts[documents[1]["id"]]
    assert "code is not a claim" not in texts[documents[2]["id"]]
    assert len(candidates) == sum(d["candidates"] for d in documents)
    for candidate in candidates:
        assert set(candidate) == {"document", "start", "end", "text"}
        assert texts[candidate["document"]][candidate["start"]:candidate["end"]] == candidate["text"]
    first = [c["text"] for c in candidates if c["document"] == documents[0]["id"]]
    assert "Free transit works." in first and "Still worth it." in first
    assert "Fares fund a third of the network." in [c["text"] for c in candidates]

    only = json.loads(ok("candidates", map_path, "--document", documents[2]["id"], "--json"))
    assert {c["document"] for c in only["candidates"]} == {documents[2]["id"]}
    human = ok("candidates", map_path)
    assert f"{documents[0]['id']}:" in human and "Free transit works." in human


def test_a_claim_can_cite_an_imported_candidate(map_path, essays):
    document = json.loads(ok("import", map_path, essays[0], "--json"))["documents"][0]["id"]
    candidate = json.loads(ok("candidates", map_path, "--json"))["candidates"][1]
    node = json.loads(ok("add", map_path, candidate["text"], "--from",
                         f"{document}:{candidate['start']}:{candidate['end']}", "--json"))["id"]
    shown = json.loads(ok("show", map_path, "--json"))
    (entry,) = [n for n in shown["nodes"] if n["id"] == node]
    assert entry["source"]["document"] == document
    assert entry["source"]["quote"] == candidate["text"]


def test_one_bad_file_imports_none_and_names_it(map_path, essays, tmp_path):
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    before = digest(map_path)
    result = run("import", map_path, essays[0], bad, essays[1])
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines[0] == f"debatemap: error: {bad}: this is a PNG image, not a text document"
    assert "nothing imported" in lines[-1] and "Traceback" not in result.stderr.decode()
    assert digest(map_path) == before
    assert json.loads(ok("documents", map_path, "--json")) == {"documents": []}


def test_skip_bad_imports_the_others_and_lists_what_was_skipped(map_path, essays, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("import", map_path, empty, *essays, "--skip-bad", "--json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 3
    assert report["skipped"] == [{"file": str(empty), "reason": f"{empty}: file is empty"}]
    assert f"skipped {empty}: file is empty" in result.stderr.decode()


def test_the_same_content_twice_is_skipped_not_duplicated(map_path, essays):
    ok("import", map_path, essays[0])
    result = run("import", map_path, essays[0], essays[1], "--json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert len(report["documents"]) == 1
    assert "already imported" in report["skipped"][0]["reason"]
    assert len(json.loads(ok("documents", map_path, "--json"))["documents"]) == 2


def _whitespace(path):
    path.write_text("  \n\t \n", encoding="utf-8")


def _junk(path):
    path.write_bytes(bytes(range(256)) * 16)


def _huge(path):
    with open(path, "wb") as handle:  # sparse: costs no disk
        handle.truncate(60 * 1024 * 1024)


@pytest.mark.parametrize("name, make, reason", [
    ("blank.txt", _whitespace, "only whitespace"),
    ("junk.txt", _junk, "binary"),
    ("huge.txt", _huge, "MB"),
    ("table.xls", _junk, "unknown format '.xls'"),
])
def test_bad_documents_exit_1_with_one_line(map_path, tmp_path, name, make, reason):
    path = tmp_path / name
    make(path)
    before = digest(map_path)
    result = run("import", map_path, path)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines[0].startswith(f"debatemap: error: {path}: ") and reason in lines[0], lines
    assert all(line.startswith("debatemap: error: ") for line in lines)
    assert digest(map_path) == before


def test_import_into_a_bad_map_reads_no_document(tmp_path, essays):
    bad_map = tmp_path / "bad.debatemap"
    bad_map.write_text("not a map", encoding="utf-8")
    result = run("import", bad_map, essays[0])
    assert result.returncode == 1
    assert result.stderr.decode().startswith(f"debatemap: error: {bad_map}: not a Debatemap map")
    assert bad_map.read_text(encoding="utf-8") == "not a map"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not present")
def test_every_seed_imports_and_every_candidate_slices_its_text(map_path):
    seeds = sorted(SEEDS.glob("*"))
    documents = json.loads(ok("import", map_path, *seeds, "--json"))["documents"]
    assert len(documents) == len(seeds)
    candidates = json.loads(ok("candidates", map_path, "--json"))["candidates"]
    for document in documents:
        text = run("text", map_path, document["id"]).stdout.decode("utf-8")
        assert len(text) == document["characters"]
        mine = [c for c in candidates if c["document"] == document["id"]]
        assert len(mine) == document["candidates"] > 5
        for candidate in mine:
            assert text[candidate["start"]:candidate["end"]] == candidate["text"]
    assert "β" not in run("text", map_path, documents[0]["id"]).stdout.decode("utf-8")
