"""AnalysisDock and WhyPopup on their own: grouping, counts, debounce, links."""

from PySide6.QtCore import QCoreApplication

from debatemap.core.model import EdgeType
from debatemap.widgets.analysis_panel import AnalysisDock
from debatemap.widgets.why_popup import WhyPopup


def test_analysis_groups_findings_with_counts(qtbot, mapdoc):
    a = mapdoc.add_node("Buses should be free")
    b = mapdoc.add_node("Buses should be free!")
    c = mapdoc.add_node("Alone")
    mapdoc.add_edge(b.id, a.id, EdgeType.ATTACK)
    dock = AnalysisDock()
    qtbot.addWidget(dock)
    dock.set_document(mapdoc)
    dock.show()
    qtbot.waitUntil(lambda: not dock.stale, timeout=2000)
    assert dock.group_item("isolated").text(0) == "Isolated nodes (1)"
    assert dock.group_item("duplicate").text(0) == "Duplicates (1)"
    activated = []
    dock.nodesActivated.connect(activated.append)
    dock.tree.expandItem(dock.group_item("duplicate"))  # rows are made when a group opens
    duplicate = dock.group_item("duplicate").child(0)
    dock.tree.itemClicked.emit(duplicate, 0)
    assert sorted(activated[0]) == sorted([a.id, b.id])
    dock.tree.itemClicked.emit(dock.group_item("isolated"), 0)  # a heading does nothing
    assert len(activated) == 1
    from debatemap.widgets.analysis_panel import FINDING_ROLE
    dock.tree.expandItem(dock.group_item("isolated"))
    assert dock.group_item("isolated").child(0).data(0, FINDING_ROLE)[1] == [c.id]


def test_burst_of_edits_is_analysed_once(qtbot, mapdoc, monkeypatch):
    calls = []
    monkeypatch.setattr("debatemap.widgets.analysis_panel.findings",
                        lambda amap, cancelled=None: calls.append(len(amap.nodes)) or [])
    dock = AnalysisDock()
    qtbot.addWidget(dock)
    dock.show()
    dock.set_document(mapdoc)
    qtbot.waitUntil(lambda: not dock.stale, timeout=2000)  # analysed on a worker thread
    calls.clear()
    for i in range(5):
        mapdoc.add_node(f"Claim {i}")
    qtbot.wait(250)
    assert calls == []  # not yet: a moment after the last change
    qtbot.waitUntil(lambda: not dock.stale, timeout=2000)
    qtbot.wait(100)
    assert calls == [5]


def test_why_popup_for_an_undecided_node(qtbot, mapdoc):
    a = mapdoc.add_node("A")
    b = mapdoc.add_node("B")
    mapdoc.add_edge(a.id, b.id, EdgeType.ATTACK)
    mapdoc.add_edge(b.id, a.id, EdgeType.ATTACK)
    popup = WhyPopup()
    qtbot.addWidget(popup)
    popup.set_document(mapdoc)
    assert popup.explain(a.id)
    assert popup.explanation.label == "undecided"
    assert popup.linked_nodes() == [b.id]
    assert "Undecided because of" in popup.body.text()
    assert not popup.explain("n-missing")
    mapdoc.set_mark(a.id, "accept")
    QCoreApplication.processEvents()
    assert "marked by hand" in popup.body.text()
