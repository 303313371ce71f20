"""The document layer: one open map with its undo stack, commands and change signals (no widgets)."""

from debatemap.document.commands import (
    AddItems,
    ArrangeNodes,
    EditNodeText,
    MapCommand,
    MoveNodes,
    NudgeNodes,
    RemoveItems,
    RenameMap,
    Sequence,
    SetEdgeType,
    SetNodeFields,
    SetNodeKind,
)
from debatemap.document.mapdocument import MapDocument
from debatemap.document.source_commands import ImportDocuments, ReimportDocument
from debatemap.document.workshop import WorkshopDocument

__all__ = [
    "AddItems",
    "ArrangeNodes",
    "EditNodeText",
    "ImportDocuments",
    "MapCommand",
    "MapDocument",
    "MoveNodes",
    "NudgeNodes",
    "ReimportDocument",
    "RemoveItems",
    "RenameMap",
    "Sequence",
    "SetEdgeType",
    "SetNodeFields",
    "SetNodeKind",
    "WorkshopDocument",
]
