"""The document layer: one open map with its undo stack, commands and change signals (no widgets)."""

from debatemap.document.commands import (
    AddItems,
    EditNodeText,
    ImportDocuments,
    MapCommand,
    MoveNodes,
    RemoveItems,
    RenameMap,
    Sequence,
    SetEdgeType,
    SetNodeFields,
    SetNodeKind,
)
from debatemap.document.mapdocument import MapDocument

__all__ = [
    "AddItems",
    "EditNodeText",
    "ImportDocuments",
    "MapCommand",
    "MapDocument",
    "MoveNodes",
    "RemoveItems",
    "RenameMap",
    "Sequence",
    "SetEdgeType",
    "SetNodeFields",
    "SetNodeKind",
]
