"""The editing commands the canvas and inspector use: fields, link types, linked nodes, joint
arguments, copy/cut/paste and duplicate. Each: do, undo, redo against the model and the file."""

import pytest
from PySide6.QtCore import QMimeData

from debatemap.core.model import EdgeType, NodeKind
from debatemap.document import MapDocument
from debatemap.document.clipboard import NODES_MIME, has_fragment

from .test_commands import add_claims, add_document_text, assert_file_matches_model, stored


@pytest.fixture
def document(qapp, tmp_path):
    opened = MapDocument.create(tmp_path / "edit.debatemap", "Editing")
    yield opened
    opened.close()


def do_undo_redo(document, check_done, check_undone):
    check_done()
    assert_file_matches_model(document)
    document.undo_stack.undo()
    check_undone()
    assert_file_matches_model(document)
    document.undo_stack.redo()
    check_done()
    assert_file_matches_model(document)


def test_set_node_fields_and_pinning(document):
    a, b = add_claims(document, "A", "B")
    changed = []
    document.nodesChanged.connect(changed.append)
    assert document.set_node_fields({a.id: {"tags": ("cost",), "color": "#aa3300"},
                                     b.id: {"x": 40.0}}, "Tag and colour")
    assert changed[-1] == [a.id, b.id]

    def done():
        assert document.map.nodes[a.id].tags == ("cost",)
        assert document.map.nodes[a.id].color == "#aa3300" and document.map.nodes[b.id].x == 40.0

    def undone():
        assert document.map.nodes[a.id].tags == () and document.map.nodes[a.id].color is None
        assert document.map.nodes[b.id].x == 0.0

    do_undo_redo(document, done, undone)
    assert document.set_pinned([a.id, b.id], True)
    assert document.undo_stack.undoText() == "Pin 2 nodes"
    do_undo_redo(document, lambda: stored(document).nodes[b.id].pinned,
                 lambda: not document.map.nodes[b.id].pinned)


def test_set_edge_type_and_a_refused_change(document):
    a, b = add_claims(document, "A", "B")
    support = document.add_edge(a.id, b.id, "support")
    attack = document.add_edge(b.id, a.id, "attack")
    changed = []
    document.edgesChanged.connect(changed.append)
    assert document.set_edge_type(support.id, "attack")
    assert changed == [[support.id]]
    do_undo_redo(document, lambda: document.map.edges[support.id].type == EdgeType.ATTACK,
                 lambda: document.map.edges[support.id].type == EdgeType.SUPPORT)
    assert document.set_edge_type([attack.id], "support")
    assert document.map.edges[attack.id].type == EdgeType.SUPPORT


def test_duplicate_link_type_change_is_refused_without_a_step(document):
    a, b = add_claims(document, "A", "B")
    first = document.add_edge(a.id, b.id, "support")
    document.add_edge(a.id, b.id, "attack")
    errors = []
    document.errorOccurred.connect(errors.append)
    depth = document.undo_stack.count()
    assert not document.set_edge_type(first.id, "attack")
    assert document.undo_stack.count() == depth and "already" in errors[0]
    assert document.map.edges[first.id].type == EdgeType.SUPPORT
    assert_file_matches_model(document)


def test_add_linked_node_is_one_step(document):
    (parent,) = add_claims(document, "Fares should be free")
    child = document.add_linked_node(parent.id, "Fares fund a third", NodeKind.OBJECTION,
                                     EdgeType.ATTACK, x=10, y=120)
    (edge,) = document.map.edges.values()
    assert (edge.source, edge.target, edge.type) == (child.id, parent.id, EdgeType.ATTACK)
    assert document.undo_stack.undoText() == "Add objection (attack)"
    do_undo_redo(document, lambda: child.id in document.map.nodes and document.map.edges,
                 lambda: child.id not in document.map.nodes and not document.map.edges)


def test_make_joint_argument_replaces_the_direct_supports(document):
    a, b, c = add_claims(document, "Premise one", "Premise two", "Conclusion")
    document.add_edge(a.id, c.id, "support")
    document.add_edge(b.id, c.id, "support")
    argument = document.make_joint_argument([a.id, b.id])
    assert argument.kind == NodeKind.ARGUMENT

    def done():
        kinds = sorted((e.source, e.target, str(e.type)) for e in document.map.edges.values())
        assert kinds == sorted([(a.id, argument.id, "premise"), (b.id, argument.id, "premise"),
                                (argument.id, c.id, "conclusion")])

    def undone():
        assert argument.id not in document.map.nodes
        assert sorted((e.source, str(e.type)) for e in document.map.edges.values()) == sorted(
            [(a.id, "support"), (b.id, "support")])

    do_undo_redo(document, done, undone)
    assert document.undo_stack.undoText() == "Make joint argument"


def test_make_joint_argument_needs_two_premises(document):
    (a,) = add_claims(document, "Alone")
    errors = []
    document.errorOccurred.connect(errors.append)
    assert document.make_joint_argument([a.id]) is None and errors


def test_copy_paste_keeps_links_and_sources_with_fresh_ids(document):
    source = add_document_text(document, "Free transit works. It is cheap.")
    a = document.add_node("Free transit works", source=(source.id, 0, 19))
    (b,) = add_claims(document, "It is cheap")
    (outside,) = add_claims(document, "Not copied")
    support = document.add_edge(b.id, a.id, "support")
    document.add_edge(outside.id, a.id, "attack")
    document.add_edge(outside.id, support.id, "undercut")
    mime = document.copy_mime([a.id, b.id])
    assert has_fragment(mime) and mime.text() == "Free transit works\nIt is cheap"
    new_ids = document.paste_mime(mime)
    assert len(new_ids) == 2 and not set(new_ids) & {a.id, b.id}
    pasted = [document.map.nodes[i] for i in new_ids]
    assert [n.text for n in pasted] == ["Free transit works", "It is cheap"]
    assert pasted[0].x == a.x + 30 and document.map.excerpts[pasted[0].excerpt_id].quote == (
        "Free transit works.")
    copied_edges = [e for e in document.map.edges.values() if e.source in new_ids]
    assert [(str(e.type)) for e in copied_edges] == ["support"]  # the outside attack stays out
    do_undo_redo(document, lambda: set(new_ids) <= set(document.map.nodes),
                 lambda: not set(new_ids) & set(document.map.nodes))


def test_paste_into_another_map_drops_sources_it_does_not_hold(document, tmp_path):
    source = add_document_text(document, "Free transit works.")
    a = document.add_node("Free transit works", source=(source.id, 0, 19))
    mime = document.copy_mime([a.id])
    other = MapDocument.create(tmp_path / "other.debatemap")
    try:
        (new_id,) = other.paste_mime(mime)
        assert other.map.nodes[new_id].excerpt_id is None
        assert_file_matches_model(other)
    finally:
        other.close()


def test_cut_and_duplicate(document):
    a, b = add_claims(document, "A", "B")
    copies = document.duplicate([a.id])
    assert [document.map.nodes[i].text for i in copies] == ["A"]
    mime = document.cut([b.id])
    assert b.id not in document.map.nodes and has_fragment(mime)
    document.undo_stack.undo()
    assert b.id in document.map.nodes
    assert_file_matches_model(document)


def test_paste_of_foreign_data_is_reported_not_raised(document):
    mime = QMimeData()
    mime.setData(NODES_MIME, b"{not json")
    errors = []
    document.errorOccurred.connect(errors.append)
    assert document.paste_mime(mime) == [] and "Could not paste" in errors[0]
