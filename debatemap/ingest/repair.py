"""Text repair: ftfy mojibake fixes (typographic quotes kept) and the lossy Greek-code-page case.

The lossy case: UTF-8 decoded as ISO-8859-7 / cp1253 with the C1 bytes dropped. Every
``E2 80 xx`` punctuation character (’ “ ” – — …) then collapses to ``β`` (plus ``¦`` for the
ellipsis) and every 4-byte emoji to ``π`` plus debris. The lost bytes cannot be recovered, so the
quotes are restored from context, and only where the context is unambiguous, and only in documents
that show the pattern (apostrophes inside words such as ``Slowdownβs``) without being Greek text.
"""

from __future__ import annotations

import re

import ftfy

_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # keep ’ “ ” as the author typed them
    fix_character_width=False,  # keep full-width CJK punctuation as written
    unescape_html=False,  # entities are the HTML reader's job; plain text keeps its ampersands
    explain=False,
)

_GREEK = re.compile(r"[\u0370-\u03ff]")
# An apostrophe inside a word: letter or digit, β, then a contraction/possessive ending.
_APOSTROPHE = re.compile(r"(?<=[A-Za-z0-9])β(?=(?:s|t|d|m|re|ve|ll)\b)")
_ELLIPSIS = re.compile(r"β¦")
_BULLET = re.compile(r"(?m)^(\s*)β’(?=\s)")
_DIGIT_RANGE = re.compile(r"(?<=\d)β(?=\d)")
_SPACED_DASH = re.compile(r"(?:(?<=\s)|^)β(?=\s)", re.M)
_OPEN = re.compile(r"(?:(?<=[\s(\[])|^)β(?=[\w\"'(\[])", re.M)
_CLOSE = re.compile(r"(?<=[\w.,!?…)\]])β(?=[\s.,;:!?)\]]|$)", re.M)


def fix_text(text: str) -> str:
    """ftfy's repairs (mojibake, broken line breaks, terminal escapes), quotes left curly."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ftfy.fix_text(text, _FTFY)


def shows_lossy_greek(text: str) -> bool:
    """True for text that carries the lossy Greek mojibake rather than Greek writing."""
    apostrophes = len(_APOSTROPHE.findall(text))
    if apostrophes < 2:
        return False
    greek = _GREEK.findall(text)
    other_greek = sum(1 for c in greek if c not in "βπ")
    latin = sum(1 for c in text if "a" <= c <= "z" or "A" <= c <= "Z")
    # Real Greek prose has many distinct Greek letters; the mojibake has β and π and little else.
    return other_greek <= max(3, 0.02 * len(greek)) and latin > 10 * len(greek)


def repair_lossy_greek(text: str) -> str:
    """Restore what is unambiguous: apostrophes, ellipses, bullets, ranges, dashes, paired quotes."""
    text = _ELLIPSIS.sub("…", text)
    text = _BULLET.sub(r"\1•", text)
    text = _APOSTROPHE.sub("’", text)
    text = _DIGIT_RANGE.sub("–", text)
    text = _SPACED_DASH.sub("—", text)
    return "\n".join(_pair_quotes(line) for line in text.split("\n"))


def _pair_quotes(line: str) -> str:
    """An opening β before a word and a closing β after one, in order on one line, are “ ”."""
    if "β" not in line:
        return line
    opens = [m.start() for m in _OPEN.finditer(line)]
    closes = [m.start() for m in _CLOSE.finditer(line)]
    chars = list(line)
    for start in opens:
        end = next((c for c in closes if c > start), None)
        if end is None:
            break
        # Another opening before this close means nesting or a stray mark: not unambiguous.
        if any(start < other < end for other in opens):
            continue
        chars[start], chars[end] = "“", "”"
        closes.remove(end)
    return "".join(chars)


def repair(text: str, encoding: str) -> tuple[str, str]:
    """Returns the repaired text and the encoding label (``+repaired`` when lossy repair ran)."""
    text = fix_text(text)
    if "β" in text and shows_lossy_greek(text):
        text = repair_lossy_greek(text)
        encoding = _lossy_label(encoding)
    return text, encoding


def _lossy_label(encoding: str) -> str:
    # The bytes were UTF-8 once; what we read now is the Greek page's rendering of them.
    return "cp1253+repaired" if encoding in ("utf-8", "utf-8-sig", "cp1253", "iso8859-7") else f"{encoding}+repaired"
