"""Candidate claims: the sentences of argument paragraphs, minus fragments, labels and debris."""

from __future__ import annotations

import re
import unicodedata

from . import noise
from .segment import sentence_spans

ELIGIBLE_KINDS = ("paragraph", "list_item", "quote")

# Leading debris a claim should not carry: timestamps, enumerators, bullets, Q:/A: prefixes.
_LEADING = re.compile(
    r"(?:\s+|\d{1,2}:\d{2}(?::\d{2})?(?=\s)|\(?\d{1,3}[.)](?=\s)|\(\d{1,3}\)(?=\s)"
    r"|\d{1,2}\s?-(?=\s)|[-*•‣◦▪●–—](?=\s)|[QA]:(?=\s))+"
)
_WORD = re.compile(r"\w+")
_URLISH = re.compile(r"^(?:https?://\S+|www\.\S+|@\w+|#\w+)$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _too_short(sentence: str, list_item: bool) -> bool:
    words = _WORD.findall(sentence)
    cjk = len(_CJK.findall(sentence))
    if cjk and " " not in sentence.strip():
        return cjk < 6  # unspaced scripts: count characters
    letters = sum(1 for c in sentence if c.isalpha())
    if list_item:
        return len(words) < 2 or letters < 10
    if sentence.rstrip().endswith("?"):  # "But who pays?" is short and still worth mapping
        return len(words) < 3 or letters < 8
    return len(words) < 3 or letters < 12


def _mostly_links(sentence: str) -> bool:
    tokens = sentence.split()
    links = sum(1 for t in tokens if _URLISH.match(t.strip(".,;:()[]")))
    return links * 2 >= len(tokens)


def is_candidate(sentence: str, kind: str) -> bool:
    if noise.is_label(sentence) or noise.is_date_line(sentence):
        return False
    if _too_short(sentence, kind == "list_item"):
        return False
    return not _mostly_links(sentence)


def candidate_spans(text: str, kind: str) -> list[tuple[int, int]]:
    """Candidate spans inside one block's text (offsets relative to ``text``)."""
    if kind not in ELIGIBLE_KINDS:
        return []
    spans = []
    for start, end in sentence_spans(text):
        lead = _LEADING.match(text, start, end)
        if lead:
            start = lead.end()
        start, end = _strip_symbols(text, start, end)
        start, end = _balance_quotes(text, start, end)
        if end > start and is_candidate(text[start:end], kind):
            spans.append((start, end))
    return spans


def _is_symbol(char: str) -> bool:
    """Emoji and pictographs (and their joiners), which decorate a sentence but are not its claim."""
    return char.isspace() or char in "\u200d\ufe0f" or unicodedata.category(char) in ("So", "Sk", "Cs")


def _strip_symbols(text: str, start: int, end: int) -> tuple[int, int]:
    """Leading emoji belong to the previous sentence's tone; a trailing one (irony, a wink) is
    the writer's and stays."""
    while start < end and _is_symbol(text[start]):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_PAIRS = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“"}


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a quote mark that opens a quotation the sentence does not close, or closes one it
    did not open (a quotation of several sentences gives one candidate per sentence)."""
    piece = text[start:end]
    if piece[:1] in _PAIRS:
        close = _PAIRS[piece[0]]
        rest = piece[1:]
        unmatched = rest.count(close) == 0 if close != piece[0] else rest.count(close) % 2 == 0
        if unmatched:
            start += 1
            piece = piece[1:]
    if piece[-1:] in ("”", '"', "’"):
        mark = piece[-1]
        opener = {"”": "“", '"': '"', "’": "‘"}[mark]
        body = piece[:-1]
        unmatched = body.count(opener) <= body.count(mark) if opener != mark else body.count(mark) % 2 == 0
        if unmatched and not (mark == "’" and body[-1:].isalpha()):
            end -= 1
    piece = text[start:end]
    if piece[:1] == "(" and piece.count(")") < piece.count("("):
        start += 1
    elif piece[-1:] == ")" and piece.count("(") < piece.count(")"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
