"""PDF reader (pypdf): page text in reading order, line-end hyphens joined, running headers dropped."""

from __future__ import annotations

import io
import re
from collections import Counter

from ..model import Block, Extracted, FormatError

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_HYPHENATED = re.compile(r"[A-Za-zÀ-ÿ]-$")
_SENTENCE_END = re.compile(r"[.!?:…][\"”’)]*$")


def read_pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # missing crypto backend or an unsupported algorithm
                opened = 0
            if not opened:
                raise FormatError("encrypted PDF (password protected); remove the password and try again")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except FormatError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise FormatError(f"damaged or unreadable PDF ({error})") from None
    if not pages:
        raise FormatError("PDF has no pages")
    if not any(page.strip() for page in pages):
        raise FormatError("PDF has no extractable text (an image-only or scanned PDF; run OCR first)")
    metadata = {}
    for key, name in (("/Title", "title"), ("/Author", "author"), ("/Subject", "subject"),
                      ("/Keywords", "keywords"), ("/CreationDate", "created"), ("/ModDate", "modified")):
        value = info.get(key) if hasattr(info, "get") else None
        if value:
            metadata[name] = " ".join(str(value).split())
    page_lines = _drop_running_lines([_lines(page) for page in pages])
    blocks = _paragraphs(page_lines)
    title = metadata.get("title", "") or (blocks[0].text if blocks and len(blocks[0].text) <= 120 else "")
    return Extracted(blocks=blocks, title=title, metadata=metadata)


def _lines(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.split("\n")]


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.casefold())


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, and lines at the top or bottom of a page that recur on most pages."""
    edge = 3
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [line for line in lines if line]
        for line in set(content[:edge] + content[-edge:]):
            counts[_shape(line)] += 1
    threshold = max(2, int(0.6 * len(pages) + 0.5))
    running = {shape for shape, n in counts.items() if n >= threshold} if len(pages) >= 2 else set()
    result = []
    for lines in pages:
        content_index = [i for i, line in enumerate(lines) if line]
        edges = set(content_index[:edge] + content_index[-edge:])
        kept = []
        for i, line in enumerate(lines):
            if i in edges and (_shape(line) in running or _PAGE_NUMBER.match(line)):
                continue
            kept.append(line)
        result.append(kept)
    return result


def _paragraphs(pages: list[list[str]]) -> list[Block]:
    """Join lines into paragraphs: a blank line, or a short line ending a sentence, ends one."""
    widths = sorted(len(line) for lines in pages for line in lines if line)
    typical = widths[int(0.8 * (len(widths) - 1))] if widths else 0
    blocks: list[Block] = []
    current = ""
    for lines in pages:
        for line in lines:
            if not line:
                if current:
                    blocks.append(Block("paragraph", current))
                    current = ""
                continue
            if not current:
                current = line
            elif _HYPHENATED.search(current) and line[:1].islower():
                current = current[:-1] + line
            else:
                current = f"{current} {line}"
            if _SENTENCE_END.search(line) and len(line) < 0.75 * typical:
                blocks.append(Block("paragraph", current))
                current = ""
    if current:
        blocks.append(Block("paragraph", current))
    return blocks
