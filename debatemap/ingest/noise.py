"""Noise that is not argument: reaction-count lines, immediate repeats, export metadata, labels."""

from __future__ import annotations

import re
import unicodedata

# Debris the lossy Greek decoding leaves of an emoji: the lead byte (π for F0, β for E2) and
# continuation bytes A0-BF rendered in ISO-8859-7.
_LOSSY_EMOJI = "πβ€£¤¦§¨©«¬°±²³·»½―‘’₯ͺ΄΅ΆΈΉΊΌΎΏ"


def _is_emoji_like(char: str) -> bool:
    if char in "\u200d\ufe0f\ufe0e\u20e3":
        return True
    code = ord(char)
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF:
        return True
    return unicodedata.category(char) in ("So", "Sk")


_COUNT = re.compile(r"\d+(?:[.,]\d+)?[kKmM]?")


def is_reaction_line(line: str, lossy: bool = False) -> bool:
    """A chat export's reaction counts: emoji followed by numbers, e.g. ``👍12 ❤️3`` or ``π€£12π10``."""
    stripped = "".join(line.split())
    if not stripped or len(stripped) > 200 or not any(c.isdigit() for c in stripped):
        return False
    rest = _COUNT.sub("", stripped)
    if not rest:
        return False
    emoji_like = (lambda c: _is_emoji_like(c) or c in _LOSSY_EMOJI) if lossy else _is_emoji_like
    if not all(emoji_like(c) for c in rest):
        return False
    # Counts follow the emoji: the line may not start with a number.
    return not stripped[0].isdigit()


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


def drop_immediate_repeats(lines: list[str], max_block: int = 30) -> list[int]:
    """Indices of lines to drop because they repeat the block of lines just before them.

    Blank lines are ignored when comparing. ``A B C A B C`` drops the second ``A B C``;
    ``A A`` drops the second ``A``. A list such as ``food sex ... food sex`` with other items in
    between is not an immediate repeat and stays.
    """
    content = [i for i, line in enumerate(lines) if line.strip()]
    keys = [_key(lines[i]) for i in content]
    drop: list[int] = []
    i = 0
    n = len(keys)
    while i < n:
        for size in range(1, min(max_block, (n - i) // 2) + 1):
            if keys[i : i + size] == keys[i + size : i + 2 * size]:
                drop.extend(content[i + size : i + 2 * size])
                # Remove the repeat and look again from the same place (a triple repeat).
                del keys[i + size : i + 2 * size]
                del content[i + size : i + 2 * size]
                n = len(keys)
                break
        else:
            i += 1
    return sorted(drop)


# Notion's page-property block: a name line, the name again, then the value.
_NOTION_KEYS = ("Creator", "Created", "Editor", "Edited", "Last edited time", "Created time",
                "Created by", "Last edited by", "Tags", "Status", "Owner", "Date")


def notion_properties(lines: list[str], start: int, limit: int = 40) -> tuple[dict[str, str], int]:
    """Parse a Notion property block at ``start`` (blank lines skipped); returns (properties, end).

    The export writes each property as ``Name`` / ``Name`` / ``value``, and person values doubled
    (``Alan JoAlan Jo``). Returns ({}, start) unless at least two properties are found.
    """
    props: dict[str, str] = {}
    i = start
    end = start
    while i < len(lines) and i < start + limit:
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i + 2 >= len(lines):
            break
        name = lines[i].strip()
        if name not in _NOTION_KEYS or lines[i + 1].strip() != name:
            break
        value = lines[i + 2].strip()
        half = len(value) // 2
        if len(value) % 2 == 0 and value[:half] == value[half:]:
            value = value[:half]
        props[name.lower()] = value
        i += 3
        end = i
    return (props, end) if len(props) >= 2 else ({}, start)


_LABEL = re.compile(r"^[^\s].{0,60}:$")


def is_label(text: str) -> bool:
    """A lone label line such as ``Internet:`` or ``Central meme claim:``: short, ends in a colon."""
    stripped = text.strip()
    return bool(_LABEL.match(stripped)) and len(stripped.split()) <= 7


_DATE = re.compile(
    r"^(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})|(?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})|"
    r"\d{4}[-/. ]\d{1,2}[-/. ]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|"
    r"\d{4} [A-Z][a-z]{2} \d{1,2}(?: \d{1,2}:\d{2})?)$"
)


def is_date_line(text: str) -> bool:
    return bool(_DATE.match(text.strip()))
