"""HTML reader (BeautifulSoup + lxml): main text only, structure kept, chrome and hidden parts dropped."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from ..model import Block, Extracted

_DROP = {"script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
         "iframe", "svg", "canvas", "select", "input", "textarea", "object", "embed", "head",
         "pre", "code", "figure", "img", "video", "audio", "map", "dialog", "menu"}
_AD_TOKENS = {"ad", "ads", "advert", "adverts", "advertisement", "sponsor", "sponsored", "promo",
              "banner", "cookie", "cookies", "cookie-banner", "newsletter-signup", "share",
              "social", "sharing", "related", "breadcrumb", "breadcrumbs", "skip-link",
              "visually-hidden", "sr-only", "hidden", "popup", "modal"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LEAVES = _HEADINGS | {"p", "li", "tr", "dt", "dd", "caption", "figcaption", "summary"}
_BLOCKS = _LEAVES | {"div", "section", "article", "main", "body", "blockquote", "ul", "ol", "dl",
                     "table", "thead", "tbody", "tfoot", "header", "details", "center", "hr",
                     "address", "fieldset", "html"}
_CODE_INLINE = {"code"}  # inline code inside a sentence is kept; <pre> blocks are dropped


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _is_hidden(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if tag.name == "input" and tag.get("type") == "hidden":
        return True
    if _HIDDEN_STYLE.search(str(tag.get("style", ""))):
        return True
    tokens = set()
    for attribute in ("class", "id"):
        value = tag.get(attribute)
        if isinstance(value, str):
            value = value.split()
        for item in value or []:
            tokens.add(item.lower())
            tokens.update(re.split(r"[-_]", item.lower()))
    return bool(tokens & _AD_TOKENS)


def _clean(root: Tag) -> None:
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in list(root.find_all(True)):
        if tag.decomposed:
            continue
        inline_code = tag.name in _CODE_INLINE and tag.parent is not None and tag.parent.name != "pre"
        if (tag.name in _DROP and not inline_code) or _is_hidden(tag):
            tag.decompose()


def visible_text(html: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed ("" for comments, empty tags)."""
    soup = _soup(html)
    _clean(soup)
    return " ".join(soup.get_text(" ").split())


def read_html(html: str, name: str = "") -> Extracted:
    soup = _soup(html)
    metadata = _metadata(soup)
    title_tag = soup.find("title")
    page_title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    _clean(soup)
    root = _main(soup)
    blocks: list[Block] = []
    _walk(root, blocks, quote=False)
    first_h1 = soup.find("h1")
    h1 = " ".join(first_h1.get_text(" ").split()) if first_h1 else ""
    title = page_title
    if h1 and (not title or h1 in title):
        title = h1
    return Extracted(blocks=blocks, title=title, metadata=metadata)


def _metadata(soup: BeautifulSoup) -> dict[str, str]:
    result = {}
    for meta in soup.find_all("meta"):
        key = meta.get("name") or meta.get("property")
        value = meta.get("content")
        if key and value and key.lower() in {"author", "description", "keywords", "date",
                                             "og:title", "og:site_name", "article:published_time"}:
            result[key.lower()] = " ".join(str(value).split())
    return result


def _main(soup: BeautifulSoup) -> Tag:
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main is None:
        articles = soup.find_all("article")
        if articles:
            main = max(articles, key=lambda a: len(a.get_text()))
    if main is None:
        main = soup.body or soup
        for header in main.find_all("header"):
            if header.find("h1") is None:
                header.decompose()
    return main


def _inline_text(tag: Tag, stop: set[str] = frozenset()) -> str:
    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, NavigableString):
            if any(p.name in stop for p in node.parents if p is not tag and _within(p, tag)):
                continue
            parts.append(str(node))
        elif node.name == "br":
            parts.append("\n")
    text = "".join(parts)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _within(node: Tag, root: Tag) -> bool:
    parent = node
    while parent is not None:
        if parent is root:
            return True
        parent = parent.parent
    return False


def _walk(tag: Tag, blocks: list[Block], quote: bool) -> None:
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        buffer.clear()
        if text:
            blocks.append(Block("quote" if quote else "paragraph", text))

    for child in tag.children:
        if isinstance(child, NavigableString):
            buffer.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name not in _BLOCKS:
            if name == "br":
                buffer.append(" ")
            else:
                buffer.append(child.get_text())
            continue
        flush()
        if name in _HEADINGS:
            blocks.append(Block("heading", _inline_text(child)))
        elif name == "li":
            _list_item(child, blocks, quote)
        elif name == "tr":
            cells = [" ".join(c.get_text(" ").split()) for c in child.find_all(["td", "th"], recursive=False)]
            if any(cells):
                tight = bool(blocks) and blocks[-1].kind == "table_row"
                blocks.append(Block("table_row", " | ".join(cells), tight=tight))
        elif name in ("p", "dt", "dd", "caption", "figcaption", "summary"):
            if child.find(_BLOCKS - {"p"}):
                _walk(child, blocks, quote)
            else:
                blocks.append(Block("quote" if quote else "paragraph", _inline_text(child)))
        else:
            _walk(child, blocks, quote or name == "blockquote")
    flush()


def _list_item(item: Tag, blocks: list[Block], quote: bool) -> None:
    parent = item.parent
    marker = "- "
    if parent is not None and parent.name == "ol":
        siblings = parent.find_all("li", recursive=False)
        start = int(parent.get("start", 1)) if str(parent.get("start", "1")).isdigit() else 1
        marker = f"{start + siblings.index(item)}. "
    text = _inline_text(item, stop={"ul", "ol"})
    tight = bool(blocks) and blocks[-1].kind == "list_item"
    if text:
        blocks.append(Block("list_item", text, marker=marker, tight=tight))
    for nested in item.find_all(["ul", "ol"], recursive=False):
        _walk(nested, blocks, quote)
