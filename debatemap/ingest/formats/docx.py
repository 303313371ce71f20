"""DOCX reader (python-docx): paragraphs, headings, list items, quotes, tables as rows, properties."""

from __future__ import annotations

import io

from ..model import Block, Extracted, FormatError


def read_docx(data: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise FormatError(f"not a valid Word .docx file ({error})") from None
    except Exception as error:  # zipfile.BadZipFile, lxml errors
        raise FormatError(f"damaged Word .docx file ({type(error).__name__})") from None
    blocks: list[Block] = []
    title = ""
    numbers: dict[str, int] = {}
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            _table(item, blocks)
            continue
        text = item.text.strip()
        if not text:
            continue
        style = (item.style.name if item.style is not None else "") or ""
        lowered = style.lower()
        numbered = item._p.pPr is not None and item._p.pPr.numPr is not None
        if lowered == "title":
            title = title or text
            blocks.append(Block("heading", text))
        elif lowered.startswith("heading") or lowered == "subtitle":
            blocks.append(Block("heading", text))
        elif lowered.startswith("list") or numbered:
            if "number" in lowered:
                numbers[style] = numbers.get(style, 0) + 1
                marker = f"{numbers[style]}. "
            else:
                marker = "- "
            tight = bool(blocks) and blocks[-1].kind == "list_item"
            blocks.append(Block("list_item", text, marker=marker, tight=tight))
            continue
        elif "quote" in lowered:
            blocks.append(Block("quote", text))
        else:
            blocks.append(Block("paragraph", text))
        numbers.clear()
    metadata = _properties(document)
    title = metadata.get("title") or title or next((b.text for b in blocks if b.kind == "heading"), "")
    return Extracted(blocks=blocks, title=title, metadata=metadata)


def _table(table, blocks: list[Block]) -> None:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            tight = bool(blocks) and blocks[-1].kind == "table_row"
            blocks.append(Block("table_row", " | ".join(cells), tight=tight))


def _properties(document) -> dict[str, str]:
    props = document.core_properties
    result = {}
    for name in ("title", "author", "subject", "keywords", "category", "comments",
                 "last_modified_by", "created", "modified"):
        value = getattr(props, name, None)
        if value:
            text = value.isoformat() if hasattr(value, "isoformat") else str(value)
            result[name] = " ".join(text.split())
    return result
