"""Which map format a file name means, and reading/writing whole maps in those formats."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from debatemap.core.argmap import ArgumentMap
from debatemap.interchange.errors import FormatError

#: longest suffixes first, so ".aif.json" wins over ".json" and ".kialo.txt" over ".txt"
TEXT_WRITERS: dict[str, str] = {
    ".argdown": "argdown",
    ".aif.json": "aif",
    ".graphml": "graphml",
    ".md": "outline",
    ".kialo.txt": "kialo",
}
READABLE = (".argdown", ".aif.json", ".json", ".kialo.txt", ".txt", ".xml")


def format_of(path: Path, table) -> str | None:
    name = path.name.lower()
    for suffix in sorted(table, key=len, reverse=True):
        if name.endswith(suffix):
            return table[suffix] if isinstance(table, dict) else suffix
    return None


def writer_for(path: Path) -> Callable[[ArgumentMap], str] | None:
    kind = format_of(path, TEXT_WRITERS)
    if kind == "argdown":
        from debatemap.interchange.argdown import write_argdown
        return write_argdown
    if kind == "aif":
        from debatemap.interchange.aif import write_aif
        return lambda amap: write_aif(amap, ova=True)  # OVA's wrapper keeps the positions
    if kind == "graphml":
        from debatemap.interchange.graphml import write_graphml
        return write_graphml
    if kind == "outline":
        from debatemap.interchange.outline import write_outline
        return write_outline
    if kind == "kialo":
        from debatemap.interchange.kialo import write_kialo
        return write_kialo
    return None


def read_map(path: Path) -> ArgumentMap:
    """A map from an Argdown, AIF/OVA JSON, Kialo or Compendium XML file (FormatError names
    file and line), laid out when the file holds no positions of its own."""
    return place_if_unplaced(_read_map(path))


def place_if_unplaced(amap: ArgumentMap) -> ArgumentMap:
    """Lay out a map whose nodes all sit on one spot (Argdown and Kialo have no positions), so
    a converted map does not open as one pile of cards; a map with positions stays as it is."""
    if len(amap.nodes) > 1 and len({(n.x, n.y) for n in amap.nodes.values()}) == 1:
        from debatemap.core.layout import layout

        for node_id, (x, y) in layout(amap, move_all=True).items():
            node = amap.nodes[node_id]
            node.x, node.y = x, y
    return amap


def _read_map(path: Path) -> ArgumentMap:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise FormatError(str(path), "is a directory") from None
    except OSError as error:
        raise FormatError(str(path), error.strerror or str(error)) from None
    if path.name.lower().endswith(".xml"):
        # bytes: Compendium writes UTF-16 and names the encoding in its XML declaration
        from debatemap.interchange.compendium import read_compendium
        return read_compendium(data, str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(str(path), f"not UTF-8 text (invalid byte at offset {error.start})") from None
    name = path.name.lower()
    if name.endswith(".argdown"):
        from debatemap.interchange.argdown import read_argdown
        return read_argdown(text, str(path))
    if name.endswith(".json"):
        from debatemap.interchange.aif import looks_like_aif, read_aif
        if not looks_like_aif(text) and not name.endswith(".aif.json"):
            raise FormatError(str(path), "a JSON file that is not AIF (no AIF nodes and edges)")
        return read_aif(text, str(path))
    if name.endswith(".txt"):
        if not text.lstrip().startswith("Discussion Title:"):
            raise FormatError(str(path), "a .txt map must be a Kialo export starting with 'Discussion Title:'")
        from debatemap.interchange.kialo import read_kialo
        return read_kialo(text, str(path))
    raise FormatError(str(path), f"unknown map format (readable: .debatemap {' '.join(READABLE)})")


def write_text_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    if path.is_dir():
        raise FormatError(str(path), "is a directory")
    if not path.parent.is_dir():
        raise FormatError(str(path), f"the folder {path.parent} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=".export-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise FormatError(str(path), f"cannot be written ({error.strerror})") from None
