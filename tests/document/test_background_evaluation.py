"""A large map is evaluated in a worker thread after each change that matters to the labels:
the window keeps the previous labels a moment, then evaluationChanged brings the new ones; a
result for an older state of the map is never shown."""

import threading

import pytest
from PySide6.QtCore import QCoreApplication

from debatemap.core.evaluation import evaluate
from debatemap.core.model import EdgeType
from debatemap.document import MapDocument, evaluation_runner


@pytest.fixture
def document(qapp, tmp_path, monkeypatch):
    monkeypatch.setattr(evaluation_runner, "BACKGROUND_FROM_NODES", 2)  # two nodes are "large"
    opened = MapDocument.create(tmp_path / "eval.debatemap", "Eval map")
    yield opened
    opened.close()


@pytest.fixture
def workers(monkeypatch):
    names = []
    original = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda self: (names.append(self.name), original(self)))
    return names


def test_the_labels_come_from_a_worker_and_meanwhile_the_previous_ones_are_shown(document, qtbot, workers):
    claim = document.add_node("Make transit free")
    objection = document.add_node("It costs too much")
    assert document.evaluation().labels == {claim.id: "in", objection.id: "in"}
    QCoreApplication.processEvents()
    with qtbot.waitSignal(document.evaluationChanged, timeout=3000):
        document.add_edge(objection.id, claim.id, EdgeType.ATTACK)
        assert document.evaluation().labels[claim.id] == "in"  # a moment old
    assert "debatemap: evaluation" in workers
    assert document.evaluation().labels == {claim.id: "out", objection.id: "in"}
    assert document.evaluation().labels == evaluate(document.map).labels


def test_the_exact_labels_can_be_had_at_once_and_then_the_worker_s_news_agrees(document, qtbot):
    claim = document.add_node("Make transit free")
    objection = document.add_node("It costs too much")
    document.evaluation()
    QCoreApplication.processEvents()
    with qtbot.waitSignal(document.evaluationChanged, timeout=3000):
        document.add_edge(objection.id, claim.id, EdgeType.ATTACK)
        assert document.current_evaluation().labels[claim.id] == "out"
    assert document.evaluation().labels[claim.id] == "out"
    assert document.explain(claim.id) is not None


def test_changes_made_while_a_worker_runs_are_evaluated_and_only_the_newest_is_kept(document, qtbot):
    claim = document.add_node("Make transit free")
    first = document.add_node("It costs too much")
    second = document.add_node("Fares are regressive")
    document.evaluation()
    QCoreApplication.processEvents()
    shown = []
    document.evaluationChanged.connect(lambda: shown.append(dict(document.evaluation().labels)))
    document.add_edge(first.id, claim.id, EdgeType.ATTACK)
    QCoreApplication.processEvents()  # the first worker starts
    document.add_edge(second.id, first.id, EdgeType.ATTACK)  # and the map changes under it
    expected = evaluate(document.map).labels
    qtbot.waitUntil(lambda: bool(shown) and shown[-1] == expected, timeout=3000)
    assert {claim.id: "in", first.id: "out", second.id: "in"} == expected
    assert all(labels == expected for labels in shown)  # no stale result was ever announced


def test_a_result_arriving_after_the_map_closed_is_ignored(document, qtbot):
    claim = document.add_node("Make transit free")
    objection = document.add_node("It costs too much")
    document.evaluation()
    QCoreApplication.processEvents()
    announced = []
    document.evaluationChanged.connect(lambda: announced.append(1))
    document.add_edge(objection.id, claim.id, EdgeType.ATTACK)
    QCoreApplication.processEvents()
    document.close()
    qtbot.wait(300)
    assert announced == []
