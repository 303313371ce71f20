"""Markdown reader (markdown-it-py): front matter, headings, lists, quotes, tables, footnote text.

Not claim text: code, images, link URLs, raw HTML and comments, pandoc ``:::`` fences and
``{#id .class}`` attributes, footnote markers and back-links. Footnote bodies are kept.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..model import Block, Extracted

_FENCE_LINE = re.compile(r"^[ \t]*:{3,}.*$", re.M)  # pandoc fenced divs: ::: name / ::::
_HEADING_ATTRS = re.compile(r"\s*\{[#.][^{}]*\}\s*$")
_STRAY_ATTRS = re.compile(r"\{[#.][^{}\n]*\}")
_FOOTNOTE_HREF = re.compile(r"^#(?:footnote|fn|ref|note)[-:_]?", re.I)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return md.use(front_matter_plugin).use(footnote_plugin).use(attrs_plugin)


_MD = _parser()


def read_markdown(text: str, name: str = "") -> Extracted:
    text = _FENCE_LINE.sub("", text)
    tokens = _MD.parse(text)
    metadata: dict[str, str] = {}
    blocks: list[Block] = []
    # Context: stack of ("list", ordered, counter) / ("item", first_paragraph_done) / ("quote",)
    lists: list[list] = []  # [ordered, next_number]
    item_first: list[bool] = []
    quote_depth = 0
    table_row: list[str] | None = None
    heading = False
    for token in tokens:
        kind = token.type
        if kind == "front_matter":
            metadata.update(_front_matter(token.content))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            lists.append([kind == "ordered_list_open", start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item_first.append(True)
        elif kind == "list_item_close":
            item_first.pop()
        elif kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "tr_open":
            table_row = []
        elif kind == "tr_close":
            if table_row and any(table_row):
                blocks.append(Block("table_row", " | ".join(table_row), tight=bool(blocks) and blocks[-1].kind == "table_row"))
            table_row = None
        elif kind == "inline":
            content = _inline(token)
            if table_row is not None:
                table_row.append(" ".join(content.split()))
            elif heading:
                blocks.append(Block("heading", _HEADING_ATTRS.sub("", content)))
            elif item_first:
                marker = ""
                if item_first[-1]:
                    ordered, number = lists[-1]
                    marker = f"{number}. " if ordered else "- "
                    if ordered:
                        lists[-1][1] += 1
                    item_first[-1] = False
                tight = bool(marker) and bool(blocks) and blocks[-1].kind == "list_item"
                blocks.append(Block("list_item", content, marker=marker, tight=tight))
            elif quote_depth:
                blocks.append(Block("quote", content))
            else:
                blocks.append(Block("paragraph", content))
        elif kind == "html_block":
            visible = _html_text(token.content)
            if visible:
                blocks.append(Block("quote" if quote_depth else "paragraph", visible))
        # fence, code_block, hr, footnote_ref/anchor: nothing
    title = metadata.get("title", "")
    if not title:
        title = next((b.text for b in blocks if b.kind == "heading"), "")
    return Extracted(blocks=[b for b in blocks if b.text.strip()], title=title, metadata=metadata)


def _inline(token) -> str:
    parts: list[str] = []
    skip_depth = 0
    for child in token.children or []:
        kind = child.type
        if kind == "link_open":
            href = str(child.attrGet("href") or "")
            if skip_depth or _FOOTNOTE_HREF.match(href):
                skip_depth += 1
            continue
        if kind == "link_close":
            if skip_depth:
                skip_depth -= 1
            continue
        if skip_depth:
            continue
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "html_inline" and re.match(r"<br\s*/?>", child.content, re.I):
            parts.append(" ")
        # image, html_inline, footnote_ref, em/strong/s open/close: no text of their own
    return _STRAY_ATTRS.sub("", "".join(parts)).strip()


def _html_text(html: str) -> str:
    from .html import visible_text

    return visible_text(html)


def _front_matter(content: str) -> dict[str, str]:
    import yaml

    try:
        data = yaml.load(content, Loader=yaml.BaseLoader)  # every value as written, no date parsing
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        data = {}
        for line in content.splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip() and not key.startswith((" ", "\t", "-")):
                data[key.strip()] = value.strip().strip("\"'")
    result = {}
    for key, value in data.items():
        if value is None or isinstance(value, dict):
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        result[str(key)] = " ".join(str(value).split())
    return result
