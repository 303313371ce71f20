"""MapDocument's evaluation (lazy, coalesced, semantics with fallback), marks and layout commands."""

import pytest
from PySide6.QtCore import QCoreApplication

from debatemap.core.dung import EvaluationTooLarge
from debatemap.core.model import EdgeType
from debatemap.document import ArrangeNodes, MapDocument
from debatemap.document import mapdocument as mapdocument_module
from debatemap.store.session import MapSession


@pytest.fixture
def document(qapp, tmp_path):
    opened = MapDocument.create(tmp_path / "eval.debatemap", "Eval map")
    yield opened
    opened.close()


def stored(document):
    with MapSession.open(document.path, readonly=True) as reader:
        return reader.map


def flush():
    QCoreApplication.processEvents()


def counter(signal):
    log = []
    signal.connect(lambda *args: log.append(args))
    return log


def test_labels_follow_an_attack_added_then_undone(document, qtbot):
    claim = document.add_node("Make transit free")
    objection = document.add_node("It costs too much")
    flush()
    assert document.evaluation().labels == {claim.id: "in", objection.id: "in"}
    changed = counter(document.evaluationChanged)

    document.add_edge(objection.id, claim.id, EdgeType.ATTACK)
    assert document.evaluation().labels[claim.id] == "out"  # fresh even before the timer ran
    flush()
    assert len(changed) == 1

    document.undo_stack.undo()
    flush()
    assert len(changed) == 2
    assert document.evaluation().labels[claim.id] == "in"

    document.undo_stack.redo()
    flush()
    assert len(changed) == 3
    assert document.evaluation().labels[claim.id] == "out"


def test_evaluation_changed_once_per_turn_and_not_for_moves(document):
    a = document.add_node("A")
    b = document.add_node("B")
    flush()
    changed = counter(document.evaluationChanged)
    document.add_edge(a.id, b.id, EdgeType.ATTACK)
    document.add_edge(b.id, a.id, EdgeType.ATTACK)
    document.set_mark(a.id, "accept")
    flush()
    flush()
    assert len(changed) == 1
    assert document.evaluation().labels == {a.id: "in", b.id: "out"}

    document.move_nodes({a.id: (100.0, 50.0)})
    document.set_node_text(b.id, "B, reworded")
    flush()
    assert len(changed) == 1  # positions and text do not change the labels


def test_evaluation_is_cached_between_changes(document, monkeypatch):
    document.add_node("A")
    first = document.evaluation()
    assert document.evaluation() is first
    document.add_node("B")
    assert document.evaluation() is not first


def test_semantics_switch_changes_labels(document):
    a = document.add_node("A")
    b = document.add_node("B")
    document.add_edge(a.id, b.id, EdgeType.ATTACK)
    document.add_edge(b.id, a.id, EdgeType.ATTACK)
    c = document.add_node("C")
    document.add_edge(b.id, c.id, EdgeType.ATTACK)
    document.add_edge(c.id, b.id, EdgeType.SUPPORT)
    flush()
    assert document.semantics == "grounded"
    grounded = document.evaluation().labels
    changed = counter(document.evaluationChanged)
    switched = counter(document.semanticsChanged)
    assert document.set_semantics("preferred")
    assert document.semantics == "preferred"
    assert document.evaluation().semantics == "preferred"
    assert len(changed) == 1 and switched == [("preferred",)]
    assert document.set_semantics("grounded")
    assert document.evaluation().labels == grounded


def test_preferred_too_large_falls_back_to_grounded(document, monkeypatch):
    document.add_node("A")
    real = mapdocument_module.evaluate

    def too_large(amap, semantics="grounded", **kwargs):
        if semantics == "preferred":
            raise EvaluationTooLarge("more than 1000 preferred extensions")
        return real(amap, semantics, **kwargs)

    monkeypatch.setattr(mapdocument_module, "evaluate", too_large)
    errors = counter(document.errorOccurred)
    switched = counter(document.semanticsChanged)
    assert not document.set_semantics("preferred")
    assert document.semantics == "grounded"
    assert document.evaluation().semantics == "grounded"
    assert len(errors) == 1 and "grounded" in errors[0][0]
    assert ("grounded",) in switched


def test_unknown_semantics_is_refused(document):
    errors = counter(document.errorOccurred)
    assert not document.set_semantics("stable")
    assert document.semantics == "grounded" and errors


def test_mark_do_undo_redo_against_the_file(document):
    a = document.add_node("A")
    b = document.add_node("B")
    document.add_edge(b.id, a.id, EdgeType.ATTACK)
    assert document.evaluation().labels[a.id] == "out"

    assert document.set_mark([a.id], "accept")
    assert document.undo_stack.undoText() == "Mark accepted"
    assert stored(document).nodes[a.id].mark == "accept"
    evaluation = document.evaluation()
    assert evaluation.labels[a.id] == "in" and a.id in evaluation.manual

    document.undo_stack.undo()
    assert stored(document).nodes[a.id].mark is None
    assert document.evaluation().labels[a.id] == "out"
    document.undo_stack.redo()
    assert stored(document).nodes[a.id].mark == "accept"

    assert document.set_mark([a.id, b.id], "reject")
    assert document.undo_stack.undoText() == "Mark rejected (2 nodes)"
    assert document.set_mark([a.id], None)
    assert document.undo_stack.undoText() == "Clear mark"
    assert stored(document).nodes[a.id].mark is None
    assert not document.set_mark([a.id], None)  # nothing to change: no step
    assert not document.set_mark([a.id], "maybe")


def test_explain_names_the_defeating_attacker(document):
    a = document.add_node("A")
    b = document.add_node("B")
    document.add_edge(b.id, a.id, EdgeType.ATTACK)
    explanation = document.explain(a.id)
    assert explanation.label == "out"
    assert explanation.reasons[0].role == "defeated by"
    assert explanation.reasons[0].nodes == (b.id,)


def _tree(document):
    root = document.add_node("Root claim")
    kids = [document.add_node(f"Reason {i}") for i in range(3)]
    for kid in kids:
        document.add_edge(kid.id, root.id, EdgeType.SUPPORT)
    return root, kids


def positions(amap):
    return {i: (n.x, n.y, n.pinned) for i, n in amap.nodes.items()}


def test_tidy_up_is_one_step_keeps_pinned_and_emits_arranged(document):
    root, kids = _tree(document)
    document.move_nodes({kids[0].id: (500.0, 500.0)})  # pinned by hand
    before = positions(stored(document))
    arranged = counter(document.nodesArranged)
    changed = counter(document.nodesChanged)
    depth = document.undo_stack.count()

    assert document.layout()
    assert document.undo_stack.count() == depth + 1
    assert document.undo_stack.undoText() == "Tidy up"
    assert isinstance(document.undo_stack.command(depth), ArrangeNodes)
    after = positions(stored(document))
    assert after == positions(document.map)
    assert after[kids[0].id] == before[kids[0].id] == (500.0, 500.0, True)
    moved = [i for i in after if after[i] != before[i]]
    assert moved and all(not after[i][2] for i in moved)  # pinned flags untouched
    assert arranged and set(arranged[0][0]) == set(moved) and not changed

    document.undo_stack.undo()
    assert positions(stored(document)) == before
    assert len(arranged) == 2 and not changed
    document.undo_stack.redo()
    assert positions(stored(document)) == after
    assert len(arranged) == 3 and not changed


def test_relayout_all_moves_pinned_nodes_but_keeps_their_flag(document):
    root, kids = _tree(document)
    document.move_nodes({kids[0].id: (5000.0, 5000.0)})
    assert document.layout(move_all=True, direction="LR")
    assert document.undo_stack.undoText() == "Re-layout all"
    node = stored(document).nodes[kids[0].id]
    assert (node.x, node.y) != (5000.0, 5000.0) and node.pinned
    # left to right: the root is left of its reasons
    amap = document.map
    assert all(amap.nodes[root.id].x < amap.nodes[k.id].x for k in kids)
    document.undo_stack.undo()
    node = stored(document).nodes[kids[0].id]
    assert (node.x, node.y, node.pinned) == (5000.0, 5000.0, True)


def test_layout_with_nothing_to_move_pushes_nothing(document):
    _tree(document)
    assert document.layout()
    depth = document.undo_stack.count()
    assert not document.layout()
    assert document.undo_stack.count() == depth
