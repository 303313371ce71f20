"""The command-line contract of DESIGN.md, called through subprocess as a user would."""

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from debatemap.core.ids import new_id
from debatemap.core.model import Document
from debatemap.store.migrations import SCHEMA_VERSION
from debatemap.store.session import MapSession

TEXT = "Free transit works.\r\nNot quite: “it costs” — 비용이 든다. 😀\n"


def run(*args, check_rc=None):
    result = subprocess.run([sys.executable, "-m", "debatemap", *map(str, args)],
                            capture_output=True, timeout=120)
    if check_rc is not None:
        assert result.returncode == check_rc, result.stderr.decode()
    return result


def out(result) -> str:
    return result.stdout.decode("utf-8")


def assert_one_line_error(result, path, reason):
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    assert stderr.startswith(f"debatemap: error: {path}: "), stderr
    assert reason in stderr, stderr


@pytest.fixture
def map_path(tmp_path) -> Path:
    path = tmp_path / "m.debatemap"
    run("new", path, check_rc=0)
    return path


def with_document(path: Path, text: str = TEXT, candidates=((0, 19),)) -> str:
    with MapSession.open(path) as session:
        document = Document(id=new_id("d"), title="Essay “one”", text=text, format="txt",
                            encoding="utf-8")
        with session.repository.action("import") as writer:
            writer.insert_documents([document])
            writer.connection.exec_driver_sql(
                "INSERT INTO candidate (document_id, start, \"end\") VALUES "
                + ", ".join(f"('{document.id}', {s}, {e})" for s, e in candidates)
            )
    return document.id


def test_new_creates_an_empty_map(map_path):
    shown = json.loads(out(run("show", map_path, "--json", check_rc=0)))
    assert shown["nodes"] == [] and shown["edges"] == [] and shown["documents"] == []
    assert shown["title"] == "m"


def test_new_refuses_to_overwrite(map_path):
    before = map_path.read_bytes()
    assert_one_line_error(run("new", map_path), map_path, "already exists")
    assert map_path.read_bytes() == before


def test_add_and_link_print_ids_and_show_lists_them(map_path):
    claim = out(run("add", map_path, "Transit should be free", check_rc=0)).strip()
    reason = json.loads(out(run("add", map_path, "It cuts traffic", "--kind", "evidence",
                                "--json", check_rc=0)))["id"]
    support = out(run("link", map_path, reason, claim, "--as", "support", check_rc=0)).strip()
    doubt = out(run("add", map_path, "Does it?", "--kind", "question", check_rc=0)).strip()
    undercut = json.loads(out(run("link", map_path, doubt, support, "--as", "undercut",
                                  "--json", check_rc=0)))["id"]
    shown = json.loads(out(run("show", map_path, "--json", check_rc=0)))
    nodes = {n["id"]: n for n in shown["nodes"]}
    assert set(nodes) == {claim, reason, doubt}
    assert nodes[reason]["kind"] == "evidence" and nodes[reason]["text"] == "It cuts traffic"
    for node in shown["nodes"]:
        assert {"id", "text", "kind", "x", "y", "source"} <= set(node)
        assert node["source"] is None
    edges = {e["id"]: e for e in shown["edges"]}
    assert edges[support] == {"id": support, "from": reason, "to": claim, "type": "support"}
    assert edges[undercut] == {"id": undercut, "from": doubt, "to": support, "type": "undercut"}
    human = out(run("show", map_path, check_rc=0))
    assert "Transit should be free" in human and f"{reason} --support--> {claim}" in human


def test_add_from_a_document_passage_records_the_source(map_path):
    document = with_document(map_path)
    node = json.loads(out(run("add", map_path, "Free transit works", "--from",
                              f"{document}:0:19", "--json", check_rc=0)))["id"]
    shown = json.loads(out(run("show", map_path, "--json", check_rc=0)))
    (entry,) = shown["nodes"]
    assert entry["id"] == node
    assert {k: entry["source"][k] for k in ("document", "start", "end")} == {
        "document": document, "start": 0, "end": 19}
    assert_one_line_error(run("add", map_path, "x", "--from", f"{document}:5:9999"),
                          map_path, "not a passage")
    assert_one_line_error(run("add", map_path, "x", "--from", "nonsense"), map_path, "--from")


def test_documents_and_text(map_path):
    assert json.loads(out(run("documents", map_path, "--json", check_rc=0))) == {"documents": []}
    document = with_document(map_path, candidates=((0, 19), (21, 40)))
    listed = json.loads(out(run("documents", map_path, "--json", check_rc=0)))["documents"]
    assert len(listed) == 1
    entry = listed[0]
    assert {k: entry[k] for k in ("id", "title", "format", "encoding", "characters",
                                  "candidates")} == {
        "id": document, "title": "Essay “one”", "format": "txt", "encoding": "utf-8",
        "characters": len(TEXT), "candidates": 2}
    assert run("text", map_path, document, check_rc=0).stdout == TEXT.encode("utf-8")
    assert "Essay “one”" in out(run("documents", map_path, check_rc=0))
    assert_one_line_error(run("text", map_path, "d-missing"), map_path, "no document")


def test_domain_errors_name_the_file(map_path):
    a = out(run("add", map_path, "A", check_rc=0)).strip()
    b = out(run("add", map_path, "B", check_rc=0)).strip()
    run("link", map_path, a, b, "--as", "attack", check_rc=0)
    before = hashlib.sha256(map_path.read_bytes()).hexdigest()
    assert_one_line_error(run("link", map_path, a, a, "--as", "support"), map_path, "itself")
    assert_one_line_error(run("link", map_path, a, b, "--as", "attack"), map_path, "already")
    assert_one_line_error(run("link", map_path, a, "n-ghost", "--as", "support"), map_path,
                          "no node 'n-ghost'")
    assert_one_line_error(run("add", map_path, "   "), map_path, "empty")
    assert hashlib.sha256(map_path.read_bytes()).hexdigest() == before


def test_usage_errors_exit_2(map_path):
    assert run("link", map_path, "a", "b", "--as", "loves").returncode == 2
    assert run("add", map_path).returncode == 2
    assert run("add", map_path, "x", "--kind", "rant").returncode == 2
    assert run("frobnicate", "a", "b").returncode == 2


def test_check_reports_intact_and_broken_maps(map_path, tmp_path):
    a = out(run("add", map_path, "A", check_rc=0)).strip()
    result = json.loads(out(run("check", map_path, "--json", check_rc=0)))
    assert result["ok"] is True and result["problems"] == [] and result["nodes"] == 1
    assert "intact" in out(run("check", map_path, check_rc=0))
    connection = sqlite3.connect(map_path)  # damage it behind the application's back
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("INSERT INTO edge VALUES ('e-bad', 'support', ?, 'n-gone', NULL, "
                       "'2025-01-01T00:00:00+00:00')", (a,))
    connection.execute("UPDATE node SET kind = 'rant' WHERE id = ?", (a,))
    connection.commit()
    connection.close()
    result = run("check", map_path, "--json")
    assert result.returncode == 1
    report = json.loads(out(result))
    assert report["ok"] is False
    assert any("edge e-bad: refers to a missing node" == p for p in report["problems"])
    assert result.stderr.decode().startswith(f"debatemap: error: {map_path}: ")


def _junk(path):
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


def _text(path):
    path.write_text("just some notes", encoding="utf-8")


def _empty(path):
    path.write_bytes(b"")


def _truncated(path):
    run("new", path, check_rc=0)
    with MapSession.open(path) as session:
        for index in range(200):
            session.add_node(f"claim {index} " + "z" * 300)
    path.write_bytes(path.read_bytes()[:5000])


def _newer(path):
    run("new", path, check_rc=0)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()


@pytest.mark.parametrize("command", ["show", "check", "documents", "add"])
@pytest.mark.parametrize(
    "make, reason",
    [(_junk, "not an SQLite database"), (_text, "not an SQLite database"),
     (_empty, "empty file"), (_truncated, "truncated"), (_newer, "newer Debatemap")],
)
def test_bad_files_exit_1_with_one_line_and_stay_byte_for_byte(tmp_path, command, make, reason):
    path = tmp_path / "bad.debatemap"
    make(path)
    before = path.read_bytes()
    args = [command, path] + (["some claim"] if command == "add" else [])
    assert_one_line_error(run(*args), path, reason)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["bad.debatemap"]


def test_a_directory_and_a_missing_file(tmp_path):
    assert_one_line_error(run("show", tmp_path), tmp_path, "is a directory")
    assert_one_line_error(run("show", tmp_path / "nope.debatemap"), tmp_path / "nope.debatemap",
                          "no such file")


def test_python_dash_m_and_the_console_script_agree(map_path):
    script = Path(sys.executable).with_name("debatemap")
    if not script.exists():
        pytest.skip("console script not installed next to this interpreter")
    result = subprocess.run([str(script), "show", str(map_path), "--json"], capture_output=True)
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads(out(run("show", map_path, "--json")))
