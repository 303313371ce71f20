"""The drag-and-drop payload of a passage of a document: the private MIME type and its JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

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
