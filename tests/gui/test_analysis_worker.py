"""The Analysis dock computes its findings on a worker thread: through the real window and dock."""

import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from debatemap.core.analysis import AnalysisCancelled
from debatemap.core.analysis import findings as real_findings
from debatemap.core.layout_samples import random_tree
from debatemap.core.model import EdgeType
from debatemap.document.mapdocument import MapDocument
from debatemap.store.session import MapSession
from debatemap.widgets import analysis_panel
from debatemap.widgets.analysis_panel import AnalysisDock


class HeldFindings:
    """Stands in for core.analysis.findings: the real findings of the snapshot it is given,
    held back while ``held``; notes each call's thread and node ids. With ``honour_cancel``
    False it ignores the cancel hook, as if the result were already made when the map changed."""

    def __init__(self, honour_cancel: bool = True, held: bool = True) -> None:
        self.honour_cancel = honour_cancel
        self.calls: list[tuple[threading.Thread, set[str]]] = []
        self.cancelled = 0
        self._open = threading.Event()
        if not held:
            self._open.set()

    def hold(self) -> None:
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    def __call__(self, snapshot, cancelled=None):
        self.calls.append((threading.current_thread(), set(snapshot.nodes)))
        while not self._open.wait(0.002):
            if self.honour_cancel and cancelled():
                self.cancelled += 1
                raise AnalysisCancelled()
        try:
            return real_findings(snapshot, cancelled=cancelled if self.honour_cancel else None)
        except AnalysisCancelled:
            self.cancelled += 1
            raise


@pytest.fixture
def held(monkeypatch):
    def install(**kwargs) -> HeldFindings:
        stand_in = HeldFindings(**kwargs)
        monkeypatch.setattr(analysis_panel, "findings", stand_in)
        return stand_in

    return install


def record_shown(monkeypatch, dock) -> list[set[tuple[str, str]]]:
    """Every list the dock shows, as the set of its findings' (kind, node id)."""
    shown: list[set[tuple[str, str]]] = []
    real_show = dock._show

    def show():
        shown.append({(f.kind, n) for f in dock.findings for n in f.nodes})
        real_show()

    monkeypatch.setattr(dock, "_show", show)
    return shown


def open_with_dock(qtbot, window, path):
    assert window.open_path(path)
    window.analysis_toggle.trigger()
    assert window.analysis_dock.isVisible()
    return window.document, window.analysis_dock


def settled(dock) -> bool:
    return dock.run is None and not dock.stale and not dock._timer.isActive()


@pytest.fixture
def loose_map(tmp_path, make_map):
    path = tmp_path / "loose.debatemap"
    ids = make_map(path)
    with MapSession.open(path) as session:
        ids["loose"] = session.add_node("A loose thought").id
    return path, ids


def test_findings_arrive_from_a_worker_thread(qtbot, window, loose_map, held):
    path, ids = loose_map
    spy = held(held=False)
    document, dock = open_with_dock(qtbot, window, path)
    qtbot.waitUntil(lambda: settled(dock), timeout=3000)
    assert spy.calls and all(thread is not threading.main_thread() for thread, _ in spy.calls)
    assert dock.group_item("isolated").text(0) == "Isolated nodes (1)"
    assert "—" not in dock.summary.text()  # nothing pending: "4 findings"


@pytest.mark.parametrize("honour_cancel", [True, False], ids=["cancelled", "finished-late"])
def test_an_edit_during_a_run_drops_its_result_and_the_new_map_is_analysed(
        qtbot, window, loose_map, held, monkeypatch, honour_cancel):
    path, ids = loose_map
    slow = held(honour_cancel=honour_cancel)
    document, dock = open_with_dock(qtbot, window, path)
    shown = record_shown(monkeypatch, dock)
    qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=2000)
    assert ids["loose"] in slow.calls[0][1]

    document.add_edge(ids["loose"], ids["thesis"], EdgeType.SUPPORT)  # no longer isolated
    assert dock.stale and "updating" in dock.summary.text()
    slow.release()
    qtbot.waitUntil(lambda: settled(dock), timeout=3000)

    assert len(slow.calls) == 2  # the run of the old map, then one of the map as it is now
    assert slow.cancelled == (1 if honour_cancel else 0)
    assert shown, "the new findings were never shown"
    assert all(("isolated", ids["loose"]) not in found for found in shown)  # the old run's list
    assert dock.group_item("isolated").text(0) == "Isolated nodes (0)"
    assert dock.group_counts()["isolated"] == 0


def test_cancel_keeps_the_old_list_and_refresh_analyses_again(qtbot, window, loose_map, held):
    path, ids = loose_map
    slow = held(held=False)
    document, dock = open_with_dock(qtbot, window, path)
    qtbot.waitUntil(lambda: settled(dock), timeout=3000)
    assert dock.group_item("isolated").text(0) == "Isolated nodes (1)"
    before = list(dock.findings)

    slow.hold()
    document.add_node("Another loose thought")
    qtbot.waitUntil(dock.cancel_button.isVisible, timeout=3000)  # shown once a run takes a while
    assert dock.progress.isVisible() and not dock.refresh_button.isVisible()
    assert "analysing…" in dock.summary.text()
    qtbot.mouseClick(dock.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dock.run is None, timeout=2000)

    assert slow.cancelled == 1
    assert dock.findings == before and dock.group_item("isolated").text(0) == "Isolated nodes (1)"
    assert "analysis cancelled" in dock.summary.text()
    assert dock.refresh_button.isVisible()
    assert not dock.cancel_button.isVisible() and not dock.progress.isVisible()

    calls = len(slow.calls)
    document.add_node("A third loose thought")  # cancelled: no live updates until Refresh
    qtbot.wait(500)
    assert len(slow.calls) == calls and dock.run is None

    slow.release()
    qtbot.mouseClick(dock.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settled(dock), timeout=3000)
    assert dock.group_item("isolated").text(0) == "Isolated nodes (3)"
    assert not dock.refresh_button.isVisible()  # live again

    document.add_node("A fourth loose thought")
    qtbot.waitUntil(lambda: settled(dock) and dock.group_counts()["isolated"] == 4, timeout=3000)


def test_a_large_map_refreshed_by_hand_is_analysed_again_after_an_edit_during_the_run(
        qtbot, window, loose_map, held, monkeypatch):
    monkeypatch.setattr(analysis_panel, "LIVE_LIMIT", 2)
    path, ids = loose_map
    slow = held()
    document, dock = open_with_dock(qtbot, window, path)
    qtbot.wait(400)
    assert not dock.live and not slow.calls and "press Refresh" in dock.summary.text()
    dock.refresh_button.click()
    qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=2000)
    document.add_edge(ids["loose"], ids["thesis"], EdgeType.SUPPORT)
    assert "updating" in dock.summary.text()  # the findings asked for follow the edit
    slow.release()
    qtbot.waitUntil(lambda: settled(dock), timeout=3000)
    assert slow.cancelled == 1 and len(slow.calls) == 2
    assert dock.group_item("isolated").text(0) == "Isolated nodes (0)"
    document.add_node("Another loose thought")  # no run was under way: Refresh again
    qtbot.wait(400)
    assert len(slow.calls) == 2 and "press Refresh" in dock.summary.text()


def test_switching_maps_mid_run_shows_nothing_of_the_old_map(
        qtbot, window, loose_map, tmp_path, make_map, held, monkeypatch):
    path, ids = loose_map
    slow = held(honour_cancel=False)
    document, dock = open_with_dock(qtbot, window, path)
    shown = record_shown(monkeypatch, dock)
    qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=2000)
    old_ids = set(document.map.nodes)

    other = tmp_path / "other.debatemap"
    make_map(other, "Another debate")
    with MapSession.open(other) as session:
        only_here = session.add_node("Only in the other map").id
    assert window.open_path(other)
    new_ids = set(window.document.map.nodes)
    assert not old_ids & new_ids
    slow.release()
    qtbot.waitUntil(lambda: settled(dock), timeout=3000)

    assert slow.calls[-1][1] == new_ids
    assert all({node for _kind, node in found} <= new_ids for found in shown)
    assert {n for f in dock.findings for n in f.nodes} <= new_ids
    finding = dock.group_item("isolated")
    dock.tree.expandItem(finding)
    assert finding.childCount() == 1 and "Only in the other map" in finding.child(0).text(0)
    dock.tree.itemClicked.emit(finding.child(0), 0)
    assert window.view.selected_node_ids() == [only_here]


def test_closing_the_window_cancels_the_run(qtbot, window, loose_map, held):
    path, _ids = loose_map
    slow = held()
    document, dock = open_with_dock(qtbot, window, path)
    qtbot.waitUntil(lambda: len(slow.calls) == 1, timeout=2000)
    window.close()
    assert dock.document is None and dock.summary.text() == "No map is open."
    qtbot.waitUntil(lambda: slow.cancelled == 1, timeout=2000)


def test_a_failing_analysis_says_so_and_refresh_tries_again(qtbot, window, loose_map, monkeypatch):
    path, _ids = loose_map

    def broken(snapshot, cancelled=None):
        raise ValueError("no good")

    monkeypatch.setattr(analysis_panel, "findings", broken)
    document, dock = open_with_dock(qtbot, window, path)
    qtbot.waitUntil(lambda: dock.error is not None, timeout=2000)
    assert "the analysis failed (ValueError: no good)" in dock.summary.text()
    assert dock.refresh_button.isVisible()
    monkeypatch.setattr(analysis_panel, "findings", real_findings)
    dock.refresh_button.click()
    qtbot.waitUntil(lambda: settled(dock), timeout=3000)
    assert dock.error is None and dock.group_item("isolated").text(0) == "Isolated nodes (1)"


def test_a_large_group_is_filled_a_chunk_at_a_time(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(analysis_panel, "FILL_CHUNK", 7)
    path = tmp_path / "many.debatemap"
    with MapSession.create(path, "Many") as session:
        for i in range(30):
            session.add_node(f"Loose thought number {i} about {'abcdefghijklmnopqrstuvwxyz'[i % 26] * 3}")
    document, dock = open_with_dock(qtbot, window, path)
    qtbot.waitUntil(lambda: settled(dock), timeout=3000)
    group = dock.group_item("isolated")
    assert group.text(0) == "Isolated nodes (30)" and group.childCount() == 0
    dock.tree.expandItem(group)
    assert group.childCount() == 7  # the first chunk at once, the rest on later turns
    qtbot.waitUntil(lambda: group.childCount() == 30, timeout=2000)
    assert sorted(group.child(i).text(0) for i in range(30)) == sorted(
        f.message for f in dock.findings if f.kind == "isolated")


@pytest.fixture
def big_document(tmp_path):
    session = MapSession.create_from(tmp_path / "big.debatemap", random_tree(10_000, seed=11))
    document = MapDocument(session)
    yield document
    document.close()


def test_the_event_loop_keeps_running_during_a_10k_node_analysis(qtbot, big_document):
    dock = AnalysisDock()
    qtbot.addWidget(dock)
    dock.show()
    qtbot.waitExposed(dock)
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    heartbeat.start()

    dock.set_document(big_document)
    assert not dock.live and dock.run is None and dock.refresh_button.isVisible()
    started = time.perf_counter()
    qtbot.mouseClick(dock.refresh_button, Qt.MouseButton.LeftButton)
    assert dock.run is not None and time.perf_counter() - started < 0.5  # it returned at once
    first_run = dock.run
    qtbot.waitUntil(dock.cancel_button.isVisible, timeout=5000)
    assert "analysing…" in dock.summary.text()
    qtbot.waitUntil(lambda: settled(dock), timeout=60000)
    heartbeat.stop()

    during = [b for b in beats if first_run.started <= b <= first_run.started + first_run.duration]
    gaps = [b - a for a, b in zip(beats, beats[1:])]
    assert len(during) >= 10  # the loop went on while the findings were made
    assert max(gaps) < 0.5
    assert dock.group_counts()["no-source"] == 10_000
    dock.set_document(None)
