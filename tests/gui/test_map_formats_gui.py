"""File → Export… to the map formats of other tools, and File → Import Map… from them."""

import json
from pathlib import Path

import pytest

from debatemap.app import dialogs
from debatemap.interchange.registry import read_map
from debatemap.store.session import MapSession

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"


@pytest.fixture
def ask_export(monkeypatch, dialog_log):
    monkeypatch.setattr(dialogs, "ask_export_path", lambda parent, directory="": dialog_log.answer(parent, "export"))
    monkeypatch.setattr(dialogs, "ask_export_options",
                        lambda *args: pytest.fail("a map format has no image options"))


@pytest.fixture
def ask_foreign(monkeypatch, dialog_log):
    monkeypatch.setattr(dialogs, "ask_foreign_map_path",
                        lambda parent, directory="": dialog_log.answer(parent, "foreign map"))


def test_export_suffix_tells_double_suffixes_apart():
    assert dialogs.export_suffix(Path("a.AIF.json")) == ".aif.json"
    assert dialogs.export_suffix(Path("a.kialo.txt")) == ".kialo.txt"
    assert dialogs.export_suffix(Path("a.json")) is None
    assert dialogs.export_suffix(Path("map.svg")) == ".svg"


@pytest.mark.parametrize("name", ["out.argdown", "out.aif.json", "out.graphml", "out.md", "out.kialo.txt"])
def test_export_to_a_map_format_writes_the_whole_map(window, map_path, tmp_path, dialog_log, ask_export, qtbot, name):
    window.open_path(map_path)
    out = tmp_path / name
    dialog_log.answers = [out]
    window.export_action.trigger()
    assert dialog_log.errors == []
    text = out.read_text(encoding="utf-8")
    for claim in ("Make transit free", "It cuts traffic", "It costs too much"):
        assert claim in text
    if name.endswith((".argdown", ".aif.json", ".kialo.txt")):  # formats we read back
        again = read_map(out)
        assert sorted(n.text for n in again.nodes.values() if n.kind != "argument") == sorted(
            ["Make transit free", "It cuts traffic", "It costs too much"])
    assert "Exported to" in window.statusBar().currentMessage()


def test_export_error_is_a_dialog_and_writes_nothing(window, map_path, tmp_path, dialog_log, ask_export):
    window.open_path(map_path)
    out = tmp_path / "missing-folder" / "out.argdown"
    dialog_log.answers = [out]
    window.export_action.trigger()
    assert len(dialog_log.errors) == 1 and "does not exist" in dialog_log.errors[0][1]
    assert not out.parent.exists()


def test_import_argdown_makes_a_new_laid_out_map_and_opens_it(window, tmp_path, dialog_log, ask_foreign, qtbot):
    source = tmp_path / "veggie.argdown"
    source.write_bytes((FIXTURES / "argdown" / "veggie_debate.argdown").read_bytes())
    expected = json.loads((FIXTURES / "argdown" / "expected" / "veggie_debate.json").read_text())
    target = tmp_path / "veggie.debatemap"
    dialog_log.answers = [source, target]
    window.import_map_action.trigger()
    qtbot.waitUntil(lambda: window.document is not None)
    assert dialog_log.errors == []
    assert window.document.path == target
    amap = window.document.map
    claims = [n for n in amap.nodes.values() if n.kind != "argument"]
    arguments = [n for n in amap.nodes.values() if n.kind == "argument"]
    assert (len(claims), len(arguments)) == (expected["statements"], expected["arguments"])
    assert len(window.scene.node_items) == len(amap.nodes)
    assert len({(n.x, n.y) for n in amap.nodes.values()}) == len(amap.nodes), "laid out, not piled"
    assert "Imported veggie.argdown" in window.statusBar().currentMessage()
    with MapSession.open(target, readonly=True) as session:  # it is on disk, whole
        assert len(session.map.nodes) == len(amap.nodes)


def test_import_of_a_malformed_file_is_one_dialog_and_leaves_no_file(window, map_path, tmp_path, dialog_log, ask_foreign):
    window.open_path(map_path)
    source = tmp_path / "broken.aif.json"
    source.write_text('{"nodes": [{"nodeID": "1", "text": "a", "type": "I"}], "edges": [{"fromID": "1", "toID": "9"}]}')
    target = tmp_path / "broken.debatemap"
    dialog_log.answers = [source, target]
    window.import_map_action.trigger()
    assert len(dialog_log.errors) == 1
    title, message = dialog_log.errors[0]
    assert title == "Import Map" and "broken.aif.json" in message
    assert not target.exists()
    assert window.document.path == map_path, "the open map stays open"


def test_import_never_overwrites_an_existing_map(window, map_path, tmp_path, dialog_log, ask_foreign):
    source = tmp_path / "k.kialo.txt"
    source.write_bytes((FIXTURES / "kialo" / "should-hate-speech-be-illegal-6148.txt").read_bytes())
    before = map_path.read_bytes()
    dialog_log.answers = [source, map_path]
    window.import_map_action.trigger()
    assert len(dialog_log.errors) == 1 and "already exists" in dialog_log.errors[0][1]
    assert map_path.read_bytes() == before


def test_the_suggested_name_is_free(tmp_path):
    from debatemap.app.map_import import free_target

    source = tmp_path / "debate.aif.json"
    assert free_target(source) == tmp_path / "debate.debatemap"
    (tmp_path / "debate.debatemap").write_bytes(b"")
    assert free_target(source) == tmp_path / "debate-2.debatemap"
