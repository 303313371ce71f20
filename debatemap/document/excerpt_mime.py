"""The drag-and-drop payload of passages of documents: the private MIME type and its JSON.

One passage is one JSON object ``{map, document, start, end, text}``; several passages (the
candidates collected in the document panel) are a JSON list of such objects. Readers also
accept ``{"excerpts": [...]}``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Sequence

from PySide6.QtCore import QMimeData

EXCERPT_MIME_TYPE = "application/x-debatemap-excerpt"


@dataclass(frozen=True)
class ExcerptPayload:
    """A passage ``text == documents[document].text[start:end]`` (code point offsets) of a map."""

    map: str  # the map file's path
    document: str  # a document id
    start: int
    end: int
    text: str


def excerpt_mime_data(payload: ExcerptPayload) -> QMimeData:
    """The private type for Debatemap drop targets, plus text/plain for any other application."""
    mime = QMimeData()
    mime.setData(EXCERPT_MIME_TYPE, json.dumps(asdict(payload), ensure_ascii=False).encode("utf-8"))
    mime.setText(payload.text)
    return mime


def excerpts_mime_data(payloads: Sequence[ExcerptPayload]) -> QMimeData:
    """Several passages as one drag: a JSON list (one passage: the single object), and their
    texts, a blank line apart, as text/plain."""
    payloads = list(payloads)
    if len(payloads) == 1:
        return excerpt_mime_data(payloads[0])
    mime = QMimeData()
    data = [asdict(payload) for payload in payloads]
    mime.setData(EXCERPT_MIME_TYPE, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    mime.setText("\n\n".join(payload.text for payload in payloads))
    return mime


def _payload(data) -> ExcerptPayload:
    return ExcerptPayload(
        map=str(data.get("map", "")),
        document=str(data["document"]),
        start=int(data["start"]),
        end=int(data["end"]),
        text=str(data["text"]),
    )


def excerpts_from_mime(mime: QMimeData) -> list[ExcerptPayload]:
    """Every passage a drag carries (one object, a list, or ``{"excerpts": [...]}``); malformed
    data gives [] and passages with empty or negative spans are left out."""
    if not mime.hasFormat(EXCERPT_MIME_TYPE):
        return []
    try:
        data = json.loads(bytes(mime.data(EXCERPT_MIME_TYPE)).decode("utf-8"))
        if isinstance(data, dict):
            items = data["excerpts"] if "excerpts" in data else [data]
        else:
            items = data
        found = [_payload(item) for item in items]
    except (ValueError, KeyError, TypeError, AttributeError):
        return []
    return [p for p in found if 0 <= p.start < p.end]


def excerpt_from_mime(mime: QMimeData) -> ExcerptPayload | None:
    """The passage a drag carries, or None when it carries none (or a malformed one)."""
    if not mime.hasFormat(EXCERPT_MIME_TYPE):
        return None
    try:
        data = json.loads(bytes(mime.data(EXCERPT_MIME_TYPE)).decode("utf-8"))
        payload = ExcerptPayload(
            map=str(data["map"]),
            document=str(data["document"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
    return payload if 0 <= payload.start < payload.end else None
