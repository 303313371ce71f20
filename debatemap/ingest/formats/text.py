"""Plain text reader: lines to blocks, with chat/Notion export noise removed and soft wraps joined."""

from __future__ import annotations

import re
import statistics

from .. import noise
from ..model import Block, Extracted

_BULLET = re.compile(r"^\s*([-*•‣◦▪●]|\(?\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])\s+(?=\S)")
_EMAIL_HEADER = re.compile(r"^(From|To|Cc|Date|Sent|Subject):\s+\S")
_HASHY = re.compile(r"[0-9a-f]{8,}", re.I)


def read_text(text: str, name: str, lossy: bool = False) -> Extracted:
    lines = [line.rstrip() for line in text.split("\n")]
    lines = [line if line.strip() else "" for line in lines]  # NBSP-only lines are blank
    metadata: dict[str, str] = {}
    title = ""
    keep = [not noise.is_reaction_line(line, lossy) for line in lines]
    lines = [line if k else "" for line, k in zip(lines, keep)]

    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None:
        props, end = noise.notion_properties(lines, first + 1)
        if props:
            metadata.update(props)
            title = lines[first].strip()
            for i in range(first + 1, end):
                lines[i] = ""
    for i in noise.drop_immediate_repeats(lines):
        lines[i] = ""

    blocks = _blocks(lines)
    header_end = 0
    for block in blocks:
        match = _EMAIL_HEADER.match(block.text)
        if not match:
            break
        block.kind = "metadata"
        key, _, value = block.text.partition(":")
        metadata[key.lower()] = value.strip()
        header_end += 1
    if header_end and metadata.get("subject") and not title:
        title = metadata["subject"]
    if not title:
        title = _title(blocks, name)
    return Extracted(blocks=blocks, title=title, metadata=metadata)


def _hard_wrapped(lines: list[str]) -> bool:
    """True when runs of lines look wrapped at a fixed width (email, Project Gutenberg style)."""
    inner_lines = [lines[i] for i in range(len(lines) - 1) if lines[i] and lines[i + 1]]
    inner = [len(line) for line in inner_lines]
    if len(inner) < 3:
        return False
    # Wrapped lines mostly break mid-sentence; one-message-per-line chats mostly do not.
    if sum(1 for line in inner_lines if line.rstrip()[-1:] in ".!?") > 0.5 * len(inner):
        return False
    width = sorted(inner)[int(0.9 * (len(inner) - 1))]
    if width > 100 or width < 30:
        return False
    full = sum(1 for n in inner if n >= 0.6 * width)
    return full >= 0.7 * len(inner) and statistics.median(inner) >= 0.6 * width


def _blocks(lines: list[str]) -> list[Block]:
    wrapped = _hard_wrapped(lines)
    blocks: list[Block] = []
    gap = False
    previous_blank = True
    for index, line in enumerate(lines):
        if not line:
            gap = bool(blocks)
            previous_blank = True
            continue
        bullet = _BULLET.match(line)
        if wrapped and not previous_blank and not bullet and blocks and blocks[-1].kind == "paragraph":
            last = blocks[-1]
            joiner = "" if last.text.endswith("-") and line.lstrip()[:1].islower() else " "
            last.text = last.text + joiner + line.strip()
            continue
        next_blank = index + 1 >= len(lines) or not lines[index + 1]
        if bullet:
            marker = bullet.group(1) + " "
            block = Block("list_item", line[bullet.end():].strip(), marker=marker)
        else:
            block = Block(_kind(line.strip(), previous_blank, next_blank), line.strip())
        block.tight = not gap
        blocks.append(block)
        gap = False
        previous_blank = False
    return blocks


def _kind(line: str, blank_before: bool, blank_after: bool) -> str:
    if noise.is_label(line) or noise.is_date_line(line):
        return "noise"
    words = line.split()
    if blank_before and blank_after and len(words) <= 8 and line[-1] not in ".!?:;,…\"”)" and line[0].isupper():
        return "heading"
    return "paragraph"


def _title(blocks: list[Block], name: str) -> str:
    stem = name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    if blocks and blocks[0].kind == "heading":
        return blocks[0].text
    if stem and not _HASHY.search(stem):
        return stem
    if blocks:
        first = blocks[0].text
        if len(first) <= 60:
            return first
        cut = first[:60].rsplit(" ", 1)[0]
        return cut.rstrip(",;:") + "…"
    return stem
