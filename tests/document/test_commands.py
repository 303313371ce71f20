"""Every undo command: do, undo and redo change the model and the file together; text edits merge."""

from contextlib import contextmanager

import pytest

from debatemap.core.ids import new_id
from debatemap.core.model import Document, Edge, EdgeType, NodeKind
from debatemap.document import (
    AddItems,
    EditNodeText,
    MapDocument,
    MoveNodes,
    RemoveItems,
    RenameMap,
    SetNodeKind,
)
from debatemap.store.mapfile import MapFileError
from debatemap.store.session import MapSession

SIGNALS = ("nodesAdded", "nodesChanged", "edgesAdded", "itemsRemoved", "titleChanged", "errorOccurred")


@pytest.fixture
def document(qapp, tmp_path):
    opened = MapDocument.create(tmp_path / "doc.debatemap", "Test map")
    yield opened
    opened.close()


@pytest.fixture
def emitted(document):
    """Every signal the document emits, as (name, args) in order."""
    log = []
    for name in SIGNALS:
        getattr(document, name).connect(lambda *args, name=name: log.append((name, args)))
    return log


def stored(document):
    """The map as the file holds it, read by an independent read-only session."""
    with MapSession.open(document.path, readonly=True) as reader:
        return reader.map


def node_texts(amap):
    return {node_id: node.text for node_id, node in amap.nodes.items()}


def assert_file_matches_model(document):
    amap = stored(document)
    assert amap.nodes == document.map.nodes
    assert amap.edges == document.map.edges
    assert amap.excerpts == document.map.excerpts
    assert amap.title == document.map.title


def add_claims(document, *texts):
    return [document.add_node(text) for text in texts]


def add_document_text(document, text):
    source = Document(id=new_id("d"), title="Essay", text=text, format="txt", encoding="utf-8")
    with document.session.repository.action("import", {"documents": [source.id]}) as writer:
        writer.insert_documents([source])
    document.map.add_document(source)
    return source


# ---- AddItems --------------------------------------------------------------------------------


def test_add_node_do_undo_redo(document, emitted):
    node = document.add_node("Fares should go", NodeKind.CLAIM, x=10, y=20)
    assert node is not None and document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Add claim"
    assert stored(document).nodes[node.id].text == "Fares should go"
    assert emitted == [("nodesAdded", ([node.id],))]

    document.undo_stack.undo()
    assert node.id not in document.map.nodes and node.id not in stored(document).nodes
    assert emitted[-1] == ("itemsRemoved", ([node.id], []))

    document.undo_stack.redo()
    assert document.map.nodes[node.id] == node
    assert stored(document).nodes[node.id] == node
    assert emitted[-1] == ("nodesAdded", ([node.id],))


def test_add_items_with_edges_undercut_and_excerpt(document, emitted):
    source = add_document_text(document, "Free transit cuts traffic. It costs a lot.")
    claim, excerpt = document.session.new_node("Free transit cuts traffic", source=(source.id, 0, 25))
    thesis, _ = document.session.new_node("Make transit free")
    doubt, _ = document.session.new_node("Traffic has other causes", NodeKind.OBJECTION)
    support = Edge(id=new_id("e"), type=EdgeType.SUPPORT, source=claim.id, target=thesis.id)
    undercut = Edge(id=new_id("e"), type=EdgeType.UNDERCUT, source=doubt.id, target=support.id)
    command = AddItems(document, [claim, thesis, doubt], [undercut, support], [excerpt])
    assert document.push(command)
    assert set(stored(document).edges) == {support.id, undercut.id}
    assert stored(document).excerpts[excerpt.id].quote == "Free transit cuts traffic"
    assert_file_matches_model(document)
    assert ("edgesAdded", ([undercut.id, support.id],)) in emitted

    document.undo_stack.undo()
    assert document.map.nodes == {} and document.map.edges == {} and document.map.excerpts == {}
    empty = stored(document)
    assert empty.nodes == {} and empty.edges == {} and empty.excerpts == {}
    removed_nodes, removed_edges = emitted[-1][1]
    assert set(removed_nodes) == {claim.id, thesis.id, doubt.id}
    assert set(removed_edges) == {support.id, undercut.id}

    document.undo_stack.redo()
    assert set(document.map.edges) == {support.id, undercut.id}
    assert document.map.nodes[claim.id].excerpt_id == excerpt.id
    assert_file_matches_model(document)


def test_add_edge_do_undo_redo(document, emitted):
    a, b = add_claims(document, "A", "B")
    edge = document.add_edge(a.id, b.id, EdgeType.ATTACK)
    assert stored(document).edges[edge.id].type == EdgeType.ATTACK
    assert emitted[-1] == ("edgesAdded", ([edge.id],))
    document.undo_stack.undo()
    assert edge.id not in document.map.edges and edge.id not in stored(document).edges
    assert emitted[-1] == ("itemsRemoved", ([], [edge.id]))
    document.undo_stack.redo()
    assert stored(document).edges[edge.id] == document.map.edges[edge.id]


# ---- RemoveItems -----------------------------------------------------------------------------


def test_remove_node_takes_its_edges_and_undo_restores_them(document, emitted):
    a, b, c = add_claims(document, "Thesis", "Reason", "Doubt")
    support = document.add_edge(b.id, a.id, EdgeType.SUPPORT)
    undercut = document.add_edge(c.id, support.id, EdgeType.UNDERCUT)
    before = stored(document)

    assert document.push(RemoveItems(document, [b.id]))
    assert document.undo_stack.undoText() == "Delete node"
    assert set(document.map.nodes) == {a.id, c.id} and document.map.edges == {}
    assert set(stored(document).nodes) == {a.id, c.id} and stored(document).edges == {}
    assert emitted[-1][0] == "itemsRemoved"
    assert emitted[-1][1][0] == [b.id]
    assert set(emitted[-1][1][1]) == {support.id, undercut.id}

    document.undo_stack.undo()
    after = stored(document)
    assert after.nodes == before.nodes and after.edges == before.edges
    assert_file_matches_model(document)

    document.undo_stack.redo()
    assert set(stored(document).nodes) == {a.id, c.id} and stored(document).edges == {}


def test_remove_node_with_excerpt_restores_the_excerpt(document):
    source = add_document_text(document, "Buses are slow.")
    node = document.add_node("Buses are slow", source=(source.id, 0, 14))
    excerpt_id = node.excerpt_id
    document.remove_items([node.id])
    assert excerpt_id not in stored(document).excerpts
    document.undo_stack.undo()
    assert stored(document).excerpts[excerpt_id] == document.map.excerpts[excerpt_id]
    assert stored(document).nodes[node.id].excerpt_id == excerpt_id


def test_remove_edge_only(document):
    a, b = add_claims(document, "A", "B")
    edge = document.add_edge(a.id, b.id, EdgeType.SUPPORT)
    document.remove_items(edge_ids=[edge.id])
    assert document.undo_stack.undoText() == "Delete link"
    assert set(stored(document).nodes) == {a.id, b.id} and stored(document).edges == {}
    document.undo_stack.undo()
    assert stored(document).edges[edge.id].source == a.id


# ---- EditNodeText ----------------------------------------------------------------------------


def test_edit_text_do_undo_redo(document, emitted):
    (node,) = add_claims(document, "Fares are high")
    assert document.push(EditNodeText(document, node.id, "Fares are too high"))
    assert stored(document).nodes[node.id].text == "Fares are too high"
    assert emitted[-1] == ("nodesChanged", ([node.id],))
    document.undo_stack.undo()
    assert document.map.nodes[node.id].text == "Fares are high"
    assert stored(document).nodes[node.id].text == "Fares are high"
    document.undo_stack.redo()
    assert stored(document).nodes[node.id].text == "Fares are too high"
    assert_file_matches_model(document)


def test_consecutive_edits_of_one_node_merge_into_one_step(document):
    (node,) = add_claims(document, "F")
    for text in ("Fa", "Far", "Fare", "Fares"):
        assert document.set_node_text(node.id, text)
    assert document.undo_stack.count() == 2  # the add, and one merged edit
    assert stored(document).nodes[node.id].text == "Fares"
    document.undo_stack.undo()
    assert document.map.nodes[node.id].text == "F"
    assert stored(document).nodes[node.id].text == "F"
    document.undo_stack.redo()
    assert stored(document).nodes[node.id].text == "Fares"


def test_edits_of_different_nodes_or_with_a_step_between_do_not_merge(document):
    a, b = add_claims(document, "A", "B")
    document.set_node_text(a.id, "A1")
    document.set_node_text(b.id, "B1")
    document.move_nodes({a.id: (5, 5)})
    document.set_node_text(a.id, "A2")
    assert document.undo_stack.count() == 6
    document.undo_stack.undo()
    assert stored(document).nodes[a.id].text == "A1"


def test_text_edits_merge_only_while_typing_goes_on(document, monkeypatch):
    from debatemap.document import commands

    (node,) = add_claims(document, "T")
    clock = [100.0]
    monkeypatch.setattr(commands, "clock", lambda: clock[0])
    document.set_node_text(node.id, "Tr")
    clock[0] += 1.0
    document.set_node_text(node.id, "Tra")
    assert document.undo_stack.count() == 2  # the add and one typing step
    clock[0] += commands.TEXT_MERGE_SECONDS + 1
    document.set_node_text(node.id, "Tram")  # after a long pause: a new step
    assert document.undo_stack.count() == 3
    document.close_text_merge()
    document.set_node_text(node.id, "Trams")  # a new editing session: a new step
    assert document.undo_stack.count() == 4
    document.set_node_text(node.id, "Trams!", merge=False)  # a finished in-place edit
    document.set_node_text(node.id, "Trams!!", merge=False)
    document.set_node_text(node.id, "Trams!!!")
    assert document.undo_stack.count() == 7
    for expected in ("Trams!!", "Trams!", "Trams", "Tram", "Tra", "T"):
        document.undo_stack.undo()
        assert stored(document).nodes[node.id].text == expected


def test_nudges_merge_into_one_step_and_pin(document):
    a, b = add_claims(document, "A", "B")
    document.move_nodes({a.id: (0, 0)}, pinned=[])
    start = document.undo_stack.count()
    assert document.nudge_nodes([a.id], 10, 0)
    assert document.nudge_nodes([a.id], 0, 1)
    assert document.undo_stack.count() == start + 1
    node = stored(document).nodes[a.id]
    assert (node.x, node.y, node.pinned) == (10, 1, True)
    assert document.nudge_nodes([a.id, b.id], 1, 1)  # another set: another step
    assert document.undo_stack.count() == start + 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    node = stored(document).nodes[a.id]
    assert (node.x, node.y, node.pinned) == (0, 0, False)
    assert not document.nudge_nodes(["no such node"], 1, 1)


def test_new_node_is_not_added_and_a_bad_source_is_reported(document, emitted):
    made = document.new_node("Trams are quiet")
    assert made is not None and made[1] is None
    assert made[0].id not in document.map.nodes and document.undo_stack.count() == 0
    assert document.new_node("Sourced", source=("no-such-document", 0, 3)) is None
    assert emitted[-1][0] == "errorOccurred"


def test_add_items_placing_writes_shown_positions_in_the_same_step(document):
    a, b = add_claims(document, "A", "B")
    steps = document.undo_stack.count()
    node, _ = document.new_node("C", x=500, y=500)
    shown = {a.id: (-120.0, 40.0), b.id: (120.0, 40.0)}
    assert document.add_items_placing([node], positions_to_write=shown, text="Add claim")
    assert document.undo_stack.count() == steps + 1
    saved = stored(document)
    assert (saved.nodes[a.id].x, saved.nodes[a.id].y) == (-120.0, 40.0)
    assert not saved.nodes[a.id].pinned and node.id in saved.nodes
    document.undo_stack.undo()
    assert node.id not in stored(document).nodes
    assert (stored(document).nodes[a.id].x, stored(document).nodes[a.id].y) == (a.x, a.y)


def test_typing_back_to_the_start_leaves_no_step(document):
    (node,) = add_claims(document, "Same")
    document.set_node_text(node.id, "Samey")
    document.set_node_text(node.id, "Same")
    assert document.undo_stack.count() == 1
    assert stored(document).nodes[node.id].text == "Same"


# ---- SetNodeKind -----------------------------------------------------------------------------


def test_set_kind_do_undo_redo(document, emitted):
    a, b = add_claims(document, "A", "B")
    assert document.push(SetNodeKind(document, [a.id, b.id], NodeKind.EVIDENCE))
    assert {n.kind for n in stored(document).nodes.values()} == {NodeKind.EVIDENCE}
    assert emitted[-1] == ("nodesChanged", ([a.id, b.id],))
    document.undo_stack.undo()
    assert {n.kind for n in document.map.nodes.values()} == {NodeKind.CLAIM}
    assert {n.kind for n in stored(document).nodes.values()} == {NodeKind.CLAIM}
    document.undo_stack.redo()
    assert stored(document).nodes[a.id].kind == NodeKind.EVIDENCE
    assert_file_matches_model(document)


def test_set_kind_that_breaks_an_invariant_is_refused(document, emitted):
    argument = document.add_node("Because A", NodeKind.ARGUMENT)
    (premise,) = add_claims(document, "A")
    document.add_edge(premise.id, argument.id, EdgeType.PREMISE)
    count = document.undo_stack.count()
    assert not document.set_node_kind([argument.id], NodeKind.CLAIM)
    assert document.undo_stack.count() == count
    assert document.map.nodes[argument.id].kind == NodeKind.ARGUMENT
    assert stored(document).nodes[argument.id].kind == NodeKind.ARGUMENT
    assert emitted[-1][0] == "errorOccurred" and "must stay an argument" in emitted[-1][1][0]


# ---- MoveNodes -------------------------------------------------------------------------------


def test_move_pins_the_moved_nodes_and_undo_unpins(document, emitted):
    a, b = add_claims(document, "A", "B")
    assert document.push(MoveNodes(document, {a.id: (100, 50), b.id: (300, 50)}, pinned=[a.id]))
    assert document.undo_stack.count() == 3
    moved = stored(document).nodes
    assert (moved[a.id].x, moved[a.id].y, moved[a.id].pinned) == (100, 50, True)
    assert (moved[b.id].x, moved[b.id].y, moved[b.id].pinned) == (300, 50, False)
    assert emitted[-1] == ("nodesChanged", ([a.id, b.id],))

    document.undo_stack.undo()
    for node in (document.map.nodes[a.id], stored(document).nodes[a.id]):
        assert (node.x, node.y, node.pinned) == (0, 0, False)
    document.undo_stack.redo()
    assert stored(document).nodes[a.id].pinned is True
    assert_file_matches_model(document)


def test_one_drag_of_several_nodes_is_one_step(document):
    a, b = add_claims(document, "A", "B")
    document.move_nodes({a.id: (1, 2), b.id: (3, 4)})
    assert document.undo_stack.undoText() == "Move 2 nodes"
    document.undo_stack.undo()
    assert {(n.x, n.y) for n in stored(document).nodes.values()} == {(0, 0)}


# ---- RenameMap -------------------------------------------------------------------------------


def test_rename_do_undo_redo(document, emitted):
    assert document.push(RenameMap(document, "  Free transit  "))
    assert document.title == "Free transit" and stored(document).title == "Free transit"
    assert emitted[-1] == ("titleChanged", ("Free transit",))
    document.undo_stack.undo()
    assert document.title == "Test map" and stored(document).title == "Test map"
    assert emitted[-1] == ("titleChanged", ("Test map",))
    document.undo_stack.redo()
    assert stored(document).title == "Free transit"


def test_blank_title_is_refused(document, emitted):
    assert not document.rename("   ")
    assert document.undo_stack.count() == 0 and stored(document).title == "Test map"
    assert emitted == [("errorOccurred", ("Could not rename map: a map's title cannot be empty",))]


# ---- failures --------------------------------------------------------------------------------


def test_a_failing_command_leaves_stack_model_and_file_unchanged(document, emitted):
    a, b = add_claims(document, "A", "B")
    document.add_edge(a.id, b.id, EdgeType.ATTACK)
    count, index = document.undo_stack.count(), document.undo_stack.index()
    edges, file_before = dict(document.map.edges), stored(document)
    del emitted[:]

    assert document.add_edge(a.id, b.id, EdgeType.ATTACK) is None  # a duplicate
    assert (document.undo_stack.count(), document.undo_stack.index()) == (count, index)
    assert document.map.edges == edges
    assert stored(document).edges == file_before.edges
    assert [name for name, _ in emitted] == ["errorOccurred"]
    assert emitted[0][1][0].startswith("Could not add attack link: there is already a")


def test_a_refused_push_keeps_the_redo_steps(document):
    a, b = add_claims(document, "A", "B")
    edge = document.add_edge(a.id, b.id, EdgeType.SUPPORT)
    document.undo_stack.undo()
    assert document.add_edge(a.id, a.id, EdgeType.SUPPORT) is None  # a self-link
    assert document.undo_stack.canRedo()
    document.undo_stack.redo()
    assert stored(document).edges[edge.id].type == EdgeType.SUPPORT


def test_a_failing_add_of_several_items_adds_none_of_them(document):
    (a,) = add_claims(document, "A")
    node, _ = document.session.new_node("New")
    bad = Edge(id=new_id("e"), type=EdgeType.SUPPORT, source=node.id, target="n-missing")
    assert not document.push(AddItems(document, [node], [bad]))
    assert set(document.map.nodes) == {a.id} and set(stored(document).nodes) == {a.id}
    assert document.undo_stack.count() == 1


@contextmanager
def failing_writes(document, monkeypatch, method):
    def refuse(*args, **kwargs):
        raise MapFileError(document.path, "could not save: disk I/O error")

    with monkeypatch.context() as patch:
        patch.setattr(document.session, method, refuse)
        yield


def test_a_failing_undo_reports_and_clears_the_history(document, emitted, monkeypatch, qtbot):
    a, b = add_claims(document, "A", "B")
    with failing_writes(document, monkeypatch, "remove_items"):
        document.undo_stack.undo()
    assert set(document.map.nodes) == {a.id, b.id} == set(stored(document).nodes)
    assert emitted[-1][0] == "errorOccurred"
    assert "Could not undo “Add claim”" in emitted[-1][1][0]
    assert "disk I/O error" in emitted[-1][1][0]
    qtbot.waitUntil(lambda: document.undo_stack.count() == 0)
    assert not document.undo_stack.canUndo()


def test_a_failing_redo_changes_nothing(document, emitted, monkeypatch, qtbot):
    (a,) = add_claims(document, "A")
    document.set_node_text(a.id, "A, edited")
    document.undo_stack.undo()
    with failing_writes(document, monkeypatch, "update_node"):
        document.undo_stack.redo()
    assert document.map.nodes[a.id].text == "A" == stored(document).nodes[a.id].text
    assert "Could not redo" in emitted[-1][1][0]
    qtbot.waitUntil(lambda: document.undo_stack.count() == 0)


# ---- the file --------------------------------------------------------------------------------


def test_save_copy_writes_a_valid_map_and_leaves_the_original(document, tmp_path):
    a, b = add_claims(document, "A", "B")
    document.add_edge(a.id, b.id, EdgeType.SUPPORT)
    target = document.save_copy(tmp_path / "copy.debatemap")
    with MapSession.open(target) as copy:
        assert copy.map.problems() == []
        assert copy.map.nodes == document.map.nodes and copy.map.edges == document.map.edges
        copy.add_node("Only in the copy")
    assert len(stored(document).nodes) == 2
    assert not target.with_name("copy.debatemap-wal").exists()


def test_save_copy_refuses_the_open_file_and_missing_folders(document, tmp_path):
    with pytest.raises(MapFileError, match="is the map that is open now"):
        document.save_copy(document.path)
    with pytest.raises(MapFileError, match="does not exist"):
        document.save_copy(tmp_path / "nowhere" / "copy.debatemap")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("doc.")) == []

