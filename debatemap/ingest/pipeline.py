"""The import pipeline: pick the format, decode, repair, read, assemble; every failure one IngestError."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from . import decode, repair
from .assemble import assemble
from .model import MAX_BYTES, Extracted, FormatError, IngestedDocument, IngestError

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".log": "txt", "": "txt",
                 ".md": "md", ".markdown": "md", ".mdown": "md", ".mkd": "md", ".mdtext": "md",
                 ".html": "html", ".htm": "html", ".xhtml": "html"}
BINARY_SUFFIXES = {".pdf": "pdf", ".docx": "docx"}
SUPPORTED = ".txt .md .html .pdf .docx"
_HINTS = {".doc": "legacy Word .doc is not supported; save it as .docx",
          ".rtf": "RTF is not supported; save it as .docx or .txt",
          ".odt": "OpenDocument is not supported; save it as .docx"}

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)
_MD_SIGNALS = re.compile(r"^(?:#{1,6} \S|:::|\[\^[^\]]+\]:|```|!\[[^\]]*\]\()", re.M)


def ingest_file(path: Path | str) -> IngestedDocument:
    path = Path(path)
    try:
        if not path.is_file():
            raise IngestError(path, "no such file" if not path.exists() else "not a regular file")
        size = path.stat().st_size
        try:
            decode.check_size(size)
        except FormatError as error:
            raise IngestError(path, str(error)) from None
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(path, error.strerror or str(error)) from None
    return ingest_bytes(data, str(path))


def ingest_bytes(data: bytes, name: str) -> IngestedDocument:
    try:
        return _ingest(data, name)
    except IngestError:
        raise
    except FormatError as error:
        raise IngestError(name, str(error)) from None
    except (MemoryError, RecursionError) as error:
        raise IngestError(name, f"too large or too deeply nested to import ({type(error).__name__})") from None
    except Exception as error:  # a reader library failing on odd input must not become a traceback
        raise IngestError(name, f"could not be read ({type(error).__name__}: {error})") from None


def detect_format(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in _HINTS:
        raise FormatError(_HINTS[suffix])
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise FormatError(f"unknown format: a ZIP archive that is not a Word .docx (supported: {SUPPORTED})")
    if suffix in BINARY_SUFFIXES:
        kind = "PDF" if suffix == ".pdf" else "Word .docx"
        raise FormatError(f"not a valid {kind} file (its content does not match its name)")
    if suffix in TEXT_SUFFIXES:
        fmt = TEXT_SUFFIXES[suffix]
        if fmt == "txt" and _HTML_START.match(data[:4096]):
            return "html"
        return fmt
    if decode.sniff_binary(data):
        raise FormatError(f"unknown format '{suffix}' ({decode.sniff_binary(data)}; supported: {SUPPORTED})")
    raise FormatError(f"unknown format '{suffix}' (supported: {SUPPORTED})")


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def looks_like_markdown(text: str) -> bool:
    """Plain .txt files that are really Markdown: front matter, or several Markdown constructs."""
    if _FRONT_MATTER.match(text):
        return True
    return len(_MD_SIGNALS.findall(text[:200_000])) >= 3


def _ingest(data: bytes, name: str) -> IngestedDocument:
    decode.check_size(len(data))
    fmt = detect_format(data, name)
    encoding = "binary"
    if fmt in ("pdf", "docx"):
        extracted = _read_binary(fmt, data)
    else:
        text, encoding = decode.decode_bytes(data)
        text, encoding = repair.repair(text, encoding)
        lossy = encoding.endswith("+repaired")
        if fmt == "txt" and looks_like_markdown(text):
            fmt = "md"
        if fmt == "md":
            from .formats.markdown import read_markdown

            extracted = read_markdown(text, name)
        elif fmt == "html":
            from .formats.html import read_html

            extracted = read_html(text, name)
        else:
            from .formats.text import read_text

            extracted = read_text(text, name, lossy=lossy)
    normalised, paragraphs, candidates = assemble(extracted.blocks)
    if not normalised.strip():
        raise FormatError("no text found in the document")
    title = " ".join(extracted.title.split()) or Path(name).stem
    return IngestedDocument(
        title=title, text=normalised, format=fmt, encoding=encoding,
        metadata=dict(extracted.metadata), sha256=hashlib.sha256(data).hexdigest(),
        paragraphs=paragraphs, candidates=candidates,
    )


def _read_binary(fmt: str, data: bytes) -> Extracted:
    if fmt == "pdf":
        from .formats.pdf import read_pdf

        extracted = read_pdf(data)
    else:
        from .formats.docx import read_docx

        extracted = read_docx(data)
    for block in extracted.blocks:
        block.text = repair.fix_text(block.text)
    return extracted


__all__ = ["MAX_BYTES", "detect_format", "ingest_bytes", "ingest_file", "looks_like_markdown"]
