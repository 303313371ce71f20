"""Blocks to the normalised text: paragraphs with offsets, and candidates located inside them."""

from __future__ import annotations

from .candidates import candidate_spans
from .model import Block, Candidate, Paragraph


def clean_block_text(text: str) -> str:
    """Collapse runs of spaces and tabs, trim each line; keep intentional line breaks."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def assemble(blocks: list[Block]) -> tuple[str, list[Paragraph], list[Candidate]]:
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    candidates: list[Candidate] = []
    position = 0
    for block in blocks:
        body = clean_block_text(block.text)
        if not body:
            continue
        if parts:
            separator = "\n" if block.tight else "\n\n"
            parts.append(separator)
            position += len(separator)
        start = position
        chunk = block.marker + body
        parts.append(chunk)
        position += len(chunk)
        paragraphs.append(Paragraph(start, position, block.kind))
        body_start = start + len(block.marker)
        for s, e in candidate_spans(body, block.kind):
            candidates.append(Candidate(body_start + s, body_start + e, body[s:e]))
    return "".join(parts), paragraphs, candidates
