"""ReimportDocument: a newer version of a document replaces the old one, excerpts re-anchored
(moved, kept, lost), as one step whose undo restores text, structure and excerpts exactly."""

import pytest

from debatemap.core.ids import new_id
from debatemap.core.model import Document
from debatemap.document import MapDocument
from debatemap.store.imports import DocumentImport
from debatemap.store.session import MapSession

OLD = ("Fares are a small share of the budget. Free transit brings new riders. "
       "Critics say the cost is too high. The city can afford it.")
NEW = ("Introduction added later.\n\nFares are a small share of the budget. "
       "Free transit brings new riders. The city can afford it by taxing parking.")


def version(text, origin="/tmp/essay.txt"):
    document = Document(id=new_id("d"), title="Essay", text=text, format="txt", encoding="utf-8",
                        origin=origin, sha256=new_id("sha"))
    sentences, start = [], 0
    for part in text.split(". "):
        sentences.append((start, start + len(part) + 1))
        start += len(part) + 2
    return DocumentImport(document, [(0, len(text), "paragraph")], sentences[:-1])


def snapshot(path):
    with MapSession.open(path, readonly=True) as reader:
        doc_id = next(iter(reader.map.documents))
        return (reader.map.documents[doc_id], reader.repository.paragraphs(doc_id),
                reader.repository.candidates(doc_id), dict(reader.map.excerpts))


@pytest.fixture
def document(qapp, tmp_path):
    opened = MapDocument.create(tmp_path / "reimport.debatemap", "Test map")
    yield opened
    opened.close()


def test_reimport_do_undo_redo_against_the_reopened_file(document):
    first = version(OLD)
    assert document.import_documents([first])
    doc_id = first.document.id
    kept = document.add_node("Transit gains riders",
                             source=(doc_id, OLD.index("Free"), OLD.index("riders.") + 7))
    lost = document.add_node("It costs too much",
                             source=(doc_id, OLD.index("Critics"), OLD.index("high.") + 5))
    before = snapshot(document.path)
    changed_nodes, changed_docs = [], []
    document.nodesChanged.connect(changed_nodes.extend)
    document.documentsChanged.connect(changed_docs.extend)

    command = document.reimport_document(doc_id, version(NEW))
    assert command is not None and command.counts() == {"ok": 0, "moved": 1, "lost": 1}
    assert document.undo_stack.count() == 4 and document.undo_stack.undoText().startswith("Re-import")
    assert changed_docs == [doc_id] and set(changed_nodes) == {kept.id, lost.id}
    after = snapshot(document.path)
    text = after[0].text
    assert after[0].id == doc_id and text == NEW
    moved = after[3][kept.excerpt_id]
    assert moved.status == "moved" and text[moved.start:moved.end] == "Free transit brings new riders."
    gone = after[3][lost.excerpt_id]
    assert gone.status == "lost" and gone.quote == "Critics say the cost is too high."
    assert after[1] == [(0, len(NEW), "paragraph")]
    assert document.map.excerpts[lost.excerpt_id].status == "lost"
    assert document.map.problems() == []

    document.undo_stack.undo()
    assert snapshot(document.path) == before
    assert document.map.documents[doc_id].text == OLD
    assert document.map.excerpts[kept.excerpt_id] == before[3][kept.excerpt_id]
    assert document.document_structure(doc_id).paragraphs == before[1]

    document.undo_stack.redo()
    assert snapshot(document.path) == after
    with MapSession.open(document.path) as reopened:  # the flagged excerpt loads cleanly
        assert reopened.map.excerpts[lost.excerpt_id].status == "lost"
        assert reopened.map.problems() == []


def test_a_lost_excerpt_survives_delete_and_undo(document):
    first = version(OLD)
    document.import_documents([first])
    doc_id = first.document.id
    node = document.add_node("Costly", source=(doc_id, OLD.index("Critics"), OLD.index("high.") + 5))
    document.reimport_document(doc_id, version(NEW))
    assert document.remove_items([node.id])
    document.undo_stack.undo()
    assert document.map.excerpts[node.excerpt_id].status == "lost"


def test_reimport_of_an_unknown_document_is_reported(document):
    errors = []
    document.errorOccurred.connect(errors.append)
    assert document.reimport_document("d-missing", version(NEW)) is None
    assert errors and document.undo_stack.count() == 0
