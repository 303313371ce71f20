"""Re-anchoring excerpts in a changed text: find each stored quote again, or flag it as lost.

Pure Python (difflib only). Given the new text of a document and an excerpt's quote with the
context it had before and after, ``reanchor`` says where the passage is now:

- the quote occurs exactly once: it moves there ("ok" when the offsets did not change, else
  "moved");
- it occurs several times: the occurrence whose surroundings best match the stored context wins
  (ties go to the one nearest the old offset);
- it no longer occurs: a fuzzy match is accepted only when it is clearly good (similar text of
  about the same length, preferably with matching context), and the excerpt is "moved" to it with
  the new wording as its quote;
- otherwise the excerpt is "lost": its old offsets are kept (clamped to the text) and it is
  flagged so that the claim is never silently attached to the wrong words.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from debatemap.core.argmap import EXCERPT_CONTEXT
from debatemap.core.model import Excerpt
from debatemap.core.spans import strip_span

OK, MOVED, LOST = "ok", "moved", "lost"
EXCERPT_STATUSES = (OK, MOVED, LOST)
CONTEXT = EXCERPT_CONTEXT  # characters of context kept on each side
FUZZY_THRESHOLD = 0.85  # similarity a fuzzy match must reach to be accepted
MAX_FUZZY_TEXT = 400_000  # longer texts are not searched fuzzily (too slow to be worth it)


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    before: str
    after: str
    status: str  # "ok" | "moved" | "lost"


def reanchor(text: str, excerpt: Excerpt) -> Anchor:
    """Where ``excerpt`` is in ``text`` now (see the module docstring)."""
    quote = excerpt.quote
    if not quote:
        return _lost(text, excerpt)
    starts = _occurrences(text, quote)
    if len(starts) == 1:
        start = starts[0]
    elif starts:
        start = max(starts, key=lambda s: (_context_score(text, s, s + len(quote), excerpt),
                                           -abs(s - excerpt.start)))
    else:
        found = _fuzzy(text, excerpt)
        if found is None:
            return _lost(text, excerpt)
        start, end = found
        return _anchor(text, start, end, MOVED)
    end = start + len(quote)
    status = OK if (start, end) == (excerpt.start, excerpt.end) else MOVED
    return _anchor(text, start, end, status)


def reanchor_all(text: str, excerpts: list[Excerpt]) -> dict[str, Anchor]:
    return {x.id: reanchor(text, x) for x in excerpts}


def _anchor(text: str, start: int, end: int, status: str) -> Anchor:
    return Anchor(start, end, text[start:end], text[max(0, start - CONTEXT):start],
                  text[end:end + CONTEXT], status)


def _lost(text: str, excerpt: Excerpt) -> Anchor:
    """Keep the stored quote and context (they say what was meant); clamp the offsets."""
    length = len(text)
    start = min(max(excerpt.start, 0), max(length - 1, 0))
    end = min(max(excerpt.end, start + 1), max(length, 1))
    return Anchor(start, end, excerpt.quote, excerpt.before, excerpt.after, LOST)


def _occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _context_score(text: str, start: int, end: int, excerpt: Excerpt) -> float:
    """How well the text around ``start:end`` matches the stored context (0..2)."""
    before = text[max(0, start - len(excerpt.before)):start]
    after = text[end:end + len(excerpt.after)]
    return _similarity(before[::-1], excerpt.before[::-1]) + _similarity(after, excerpt.after)


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _fuzzy(text: str, excerpt: Excerpt) -> tuple[int, int] | None:
    """The best clearly-good approximate occurrence of the quote, or None.

    Candidate windows are found by the longest pieces of the quote that still occur verbatim,
    then each window is widened/narrowed to the best ratio. Accepted only above the threshold.
    """
    quote = excerpt.quote
    if len(text) > MAX_FUZZY_TEXT or len(quote) < 8:
        return None
    best: tuple[float, int, int] | None = None
    length = len(quote)
    slack = max(3, length // 5)
    for seed in _seed_positions(text, quote):
        for start in range(max(0, seed - slack), seed + slack + 1):  # best start, same length
            ratio = _similarity(text[start:start + length], quote)
            if best is None or ratio > best[0]:
                best = (ratio, start, start + length)
    if best is None:
        return None
    _, start, _ = best
    for end in range(start + max(1, length - slack), min(len(text), start + length + slack) + 1):
        ratio = _similarity(text[start:end], quote)  # then the best end for that start
        if ratio > best[0]:
            best = (ratio, start, end)
    if best is None or best[0] < FUZZY_THRESHOLD:
        return None
    _, start, end = best
    return strip_span(text, start, end)


def _seed_positions(text: str, quote: str) -> set[int]:
    """Where the quote would start if one of its words-long pieces is where it is now."""
    seeds: set[int] = set()
    piece = max(8, len(quote) // 4)
    for offset in range(0, max(1, len(quote) - piece + 1), max(1, piece // 2)):
        fragment = quote[offset:offset + piece]
        for at in _occurrences(text, fragment)[:5]:
            seeds.add(max(0, at - offset))
    return seeds

