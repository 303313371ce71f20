"""The drag payload of a parking-lot item: the private MIME type and its JSON ``{map, id}``.

The parking lot writes it; the canvas reads it and brings the item back onto the map it was
parked in (``map`` is that map file's path). The item's text rides along as text/plain for
other applications, and for a map that is not the item's own (there it is plain text).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData

PARKED_MIME_TYPE = "application/x-debatemap-parked"


@dataclass(frozen=True)
class ParkedPayload:
    map: str  # the map file's path
    id: str  # the parked item's id


def parked_mime_data(map_path: Path | str, item_id: str, text: str = "") -> QMimeData:
    mime = QMimeData()
    data = json.dumps({"map": str(map_path), "id": item_id}, ensure_ascii=False)
    mime.setData(PARKED_MIME_TYPE, data.encode("utf-8"))
    if text:
        mime.setText(text)
    return mime


def parked_from_mime(mime: QMimeData) -> ParkedPayload | None:
    """The payload, or None when the data has no (readable) parked item."""
    if mime is None or not mime.hasFormat(PARKED_MIME_TYPE):
        return None
    try:
        data = json.loads(bytes(mime.data(PARKED_MIME_TYPE)).decode("utf-8"))
        return ParkedPayload(map=str(data["map"]), id=str(data["id"]))
    except (ValueError, KeyError, TypeError):
        return None


def same_map(payload: ParkedPayload, map_path: Path | str) -> bool:
    """Whether the item was parked in this map file."""
    try:
        return Path(payload.map).resolve() == Path(map_path).resolve()
    except OSError:
        return False
