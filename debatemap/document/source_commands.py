"""The undo commands about a map's sources: importing documents and re-importing a newer version."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from debatemap.core.anchoring import reanchor_all
from debatemap.core.errors import DebatemapError
from debatemap.core.model import Excerpt
from debatemap.document.commands import MapCommand, shortened
from debatemap.store.imports import DocumentImport

if TYPE_CHECKING:
    from debatemap.document.mapdocument import MapDocument


class ImportDocuments(MapCommand):
    """Add imported documents (with their paragraphs and candidates) as one step.

    Undo removes exactly these documents; redo puts the very same DocumentImports back, so the
    ids, texts and candidates are those of the first import.
    """

    def __init__(self, document: "MapDocument", imports: Iterable[DocumentImport]) -> None:
        self.imports = list(imports)
        if len(self.imports) == 1:
            text = f"Import “{shortened(self.imports[0].document.title)}”"
        else:
            text = f"Import {len(self.imports)} documents"
        super().__init__(document, text)

    @property
    def document_ids(self) -> list[str]:
        return [item.document.id for item in self.imports]

    def apply(self) -> None:
        if not self.imports:
            raise DebatemapError("there are no documents to import")
        self.session.import_documents(self.imports)
        self.document.forget_structure(self.document_ids)
        self.document.documentsChanged.emit(self.document_ids)

    def unapply(self) -> None:
        self.session.remove_documents(self.document_ids)
        self.document.forget_structure(self.document_ids)
        self.document.documentsChanged.emit(self.document_ids)


class ReimportDocument(MapCommand):
    """Replace a document by a newer version of it (same id): new text, paragraphs and
    candidates, and every excerpt of it re-anchored by its quote and context. Passages that
    cannot be found are flagged "lost", never silently re-pointed. Undo puts back the old text,
    structure and excerpts exactly."""

    def __init__(self, document: "MapDocument", document_id: str, new: DocumentImport) -> None:
        old = document.map.documents[document_id]
        version = replace(new.document, id=document_id)
        self.new = DocumentImport(version, list(new.paragraphs), list(new.candidates))
        cited = [x for x in document.map.excerpts.values() if x.document_id == document_id]
        anchors = reanchor_all(version.text, cited)
        self.excerpts = [
            replace(x, start=a.start, end=a.end, quote=a.quote, before=a.before, after=a.after,
                    status=a.status)
            for x in cited
            for a in [anchors[x.id]]
        ]
        self.old: DocumentImport | None = None
        self.old_excerpts: list[Excerpt] = []
        super().__init__(document, f"Re-import “{shortened(old.title)}”")

    def counts(self) -> dict[str, int]:
        """How many excerpts stayed, moved, or were lost."""
        found = {"ok": 0, "moved": 0, "lost": 0}
        for excerpt in self.excerpts:
            found[excerpt.status] = found.get(excerpt.status, 0) + 1
        return found

    def apply(self) -> None:
        self.old, self.old_excerpts = self.session.replace_document(self.new, self.excerpts)
        self._changed()

    def unapply(self) -> None:
        assert self.old is not None
        self.session.replace_document(self.old, self.old_excerpts)
        self._changed()

    def _changed(self) -> None:
        document_id = self.new.document.id
        self.document.forget_structure([document_id])
        self.document.documentsChanged.emit([document_id])
        ids = {x.id for x in self.excerpts}
        nodes = [n.id for n in self.document.map.nodes.values() if n.excerpt_id in ids]
        if nodes:
            self.document.nodesChanged.emit(nodes)
