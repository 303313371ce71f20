"""ImportDocuments: do, undo and redo change the model and the file together; the MIME payload."""

import pytest

from debatemap.core.ids import new_id
from debatemap.core.model import Document
from debatemap.document import ImportDocuments, MapDocument
from debatemap.document.excerpt_mime import (
    EXCERPT_MIME_TYPE,
    ExcerptPayload,
    excerpt_from_mime,
    excerpt_mime_data,
    excerpts_from_mime,
    excerpts_mime_data,
)
from debatemap.store.imports import DocumentImport
from debatemap.store.session import MapSession


@pytest.fixture
def document(qapp, tmp_path):
    opened = MapDocument.create(tmp_path / "doc.debatemap", "Test map")
    yield opened
    opened.close()


def make_import(text="A 😀 claim. Next one.", title="Essay"):
    document = Document(
        id=new_id("d"), title=title, text=text, format="txt", encoding="utf-8",
        origin="/tmp/essay.txt", sha256=new_id("sha"), metadata={"author": "Ann"},
    )
    first = text.index(".") + 1
    return DocumentImport(document, [(0, len(text), "paragraph")], [(0, first), (first + 1, len(text))])


def stored(path):
    """Documents, paragraphs and candidates as an independent read-only session sees them."""
    with MapSession.open(path, readonly=True) as reader:
        return {
            doc_id: (doc, reader.repository.paragraphs(doc_id), reader.repository.candidates(doc_id))
            for doc_id, doc in reader.map.documents.items()
        }


def expected(items):
    return {
        item.document.id: (
            item.document,
            item.paragraphs,
            [(item.document.id, start, end) for start, end in item.candidates],
        )
        for item in items
    }


def test_import_do_undo_redo_against_model_and_file(document):
    items = [make_import(), make_import("Second text. It has two sentences.", "Notes")]
    changed = []
    document.documentsChanged.connect(changed.append)
    ids = [item.document.id for item in items]

    assert document.import_documents(items)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Import 2 documents"
    assert list(document.map.documents) == ids
    assert stored(document.path) == expected(items)
    assert changed == [ids]
    assert document.candidate_counts() == {ids[0]: 2, ids[1]: 2}
    assert document.document_structure(ids[0]).candidates == items[0].candidates

    document.undo_stack.undo()
    assert document.map.documents == {}
    assert stored(document.path) == {}
    assert changed == [ids, ids]
    assert document.candidate_counts() == {}

    document.undo_stack.redo()
    assert document.map.documents == {item.document.id: item.document for item in items}
    assert stored(document.path) == expected(items)  # the very same ids, texts and candidates
    assert document.document_structure(ids[1]).paragraphs == items[1].paragraphs
    assert changed == [ids, ids, ids]


def test_one_document_names_itself(document):
    item = make_import(title="A rather long title that goes on and on and on for a while")
    document.import_documents([item])
    assert document.undo_stack.undoText() == "Import “A rather long title that goes on and on…”"


def test_a_failed_import_changes_nothing(document):
    errors = []
    document.errorOccurred.connect(errors.append)
    assert not document.import_documents([])
    item = make_import()
    document.import_documents([item])
    assert not document.push(ImportDocuments(document, [item]))  # the same id again
    assert document.undo_stack.count() == 1
    assert len(errors) == 2 and all(e.startswith("Could not import") for e in errors)
    assert stored(document.path) == expected([item])


def test_undo_with_a_claim_citing_the_document_is_refused_and_reported(document):
    item = make_import()
    document.import_documents([item])
    # A claim citing the document, added behind the undo stack's back (so undo meets it).
    document.session.add_node("claim", source=(item.document.id, 2, 4))
    errors = []
    document.errorOccurred.connect(errors.append)
    document.undo_stack.undo()
    assert item.document.id in document.map.documents
    assert errors and "source of 1 excerpt" in errors[0]


def test_find_document_by_content(document):
    item = make_import()
    document.import_documents([item])
    assert document.find_document_by_content(item.document.sha256) is item.document
    assert document.find_document_by_content("nope") is None


def test_excerpt_mime_round_trip(qapp):
    text = "A 😀 claim. Next one."
    payload = ExcerptPayload("/maps/m.debatemap", "d1", 4, 10, text[4:10])
    mime = excerpt_mime_data(payload)
    assert mime.hasFormat(EXCERPT_MIME_TYPE) and mime.text() == "claim."
    assert excerpt_from_mime(mime) == payload


def test_malformed_excerpt_mime_is_ignored(qapp):
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    assert excerpt_from_mime(mime) is None
    mime.setData(EXCERPT_MIME_TYPE, b"{not json")
    assert excerpt_from_mime(mime) is None
    mime.setData(EXCERPT_MIME_TYPE, b'{"map": "m", "document": "d", "start": 5, "end": 5, "text": ""}')
    assert excerpt_from_mime(mime) is None


def test_several_excerpts_travel_as_a_json_list_the_canvas_reads(qapp):
    import json

    from PySide6.QtCore import QMimeData

    one = ExcerptPayload("/m.debatemap", "d1", 0, 5, "Fares")
    two = ExcerptPayload("/m.debatemap", "d2", 6, 11, "rise.")
    mime = excerpts_mime_data([one, two])
    assert json.loads(bytes(mime.data(EXCERPT_MIME_TYPE)).decode()) == [
        {"map": "/m.debatemap", "document": "d1", "start": 0, "end": 5, "text": "Fares"},
        {"map": "/m.debatemap", "document": "d2", "start": 6, "end": 11, "text": "rise."}]
    assert excerpts_from_mime(mime) == [one, two] and mime.text() == "Fares\n\nrise."
    assert excerpt_from_mime(mime) is None  # not one passage
    assert excerpts_from_mime(excerpts_mime_data([one])) == [one]  # one: the single object
    assert excerpt_from_mime(excerpts_mime_data([one])) == one
    wrapped = QMimeData()
    wrapped.setData(EXCERPT_MIME_TYPE, json.dumps({"excerpts": [vars(two)]}).encode())
    assert excerpts_from_mime(wrapped) == [two]
    wrapped.setData(EXCERPT_MIME_TYPE, b"[1, 2]")
    assert excerpts_from_mime(wrapped) == []
