"""DocumentImport: one imported document with its paragraphs and candidates, ready to store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from debatemap.core.ids import new_id
from debatemap.core.model import Document
from debatemap.ingest import IngestedDocument


@dataclass
class DocumentImport:
    document: Document
    paragraphs: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, kind
    candidates: list[tuple[int, int]] = field(default_factory=list)  # start, end

    @classmethod
    def from_ingested(cls, ingested: IngestedDocument, origin: Path | str = "") -> "DocumentImport":
        document = Document(
            id=new_id("d"),
            title=ingested.title or (Path(origin).stem if origin else "Untitled"),
            text=ingested.text,
            format=ingested.format,
            encoding=ingested.encoding,
            origin=str(Path(origin).resolve()) if origin else "",
            sha256=ingested.sha256,
            metadata=dict(ingested.metadata),
        )
        return cls(
            document,
            [(p.start, p.end, p.kind) for p in ingested.paragraphs],
            [(c.start, c.end) for c in ingested.candidates],
        )
