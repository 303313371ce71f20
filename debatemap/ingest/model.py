"""The ingest layer's data types: documents, paragraphs, candidates, blocks and the IngestError."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from debatemap.core.errors import DebatemapError

#: Files larger than this are refused before they are read (50 MiB). Argument sources are essays,
#: exports and papers; anything bigger is almost certainly not one, and would make the UI crawl.
MAX_BYTES = 50 * 1024 * 1024

FORMATS = ("txt", "md", "html", "pdf", "docx")
PARAGRAPH_KINDS = ("heading", "paragraph", "list_item", "quote", "table_row", "metadata", "noise")


class IngestError(DebatemapError):
    """A file that cannot be imported; ``str(e)`` is ``"<path>: <reason>"`` on one line."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")


class FormatError(Exception):
    """Raised inside the layer with a bare reason; ingest_bytes turns it into an IngestError."""


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str


@dataclass
class Block:
    """One structural unit a format reader found, before the text is assembled.

    ``marker`` is a prefix such as ``"- "`` or ``"1. "`` that is written into the text but is not
    part of any candidate. ``tight`` joins the block to the previous one with a single newline
    (lines of a plain text file, consecutive list items or table rows) instead of a blank line.
    """

    kind: str
    text: str
    marker: str = ""
    tight: bool = False


@dataclass
class Extracted:
    """What a format reader returns: title and metadata it found, and the blocks in order."""

    blocks: list[Block]
    title: str = ""
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass
class IngestedDocument:
    title: str
    text: str
    format: str
    encoding: str
    metadata: dict[str, str]
    sha256: str
    paragraphs: list[Paragraph]
    candidates: list[Candidate]

    def paragraph_text(self, paragraph: Paragraph) -> str:
        return self.text[paragraph.start : paragraph.end]
