"""Canvas test data and helpers: a small placed map, a document import, drop events."""


from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from debatemap.core.ids import new_id
from debatemap.core.model import Document, EdgeType, NodeKind
from debatemap.store.imports import DocumentImport
from debatemap.store.session import MapSession

ESSAY = (
    "Free transit\n\n"
    "Fares cover a small share of running costs. Free buses would fill up quickly.\n\n"
    "Crowded buses push riders back into cars."
)


def span(text, part):
    start = text.index(part)
    return start, start + len(part)


def essay_import(text=ESSAY, title="Transit essay"):
    document = Document(id=new_id("d"), title=title, text=text, format="md", encoding="utf-8",
                        origin="/data/transit.md", sha256=new_id("sha"))
    paragraphs = [(*span(text, "Free transit"), "heading"),
                  (*span(text, "Fares cover a small share of running costs. Free buses would fill up quickly."), "paragraph"),
                  (*span(text, "Crowded buses push riders back into cars."), "paragraph")]
    candidates = [span(text, "Fares cover a small share of running costs."),
                  span(text, "Free buses would fill up quickly."),
                  span(text, "Crowded buses push riders back into cars.")]
    return DocumentImport(document, paragraphs, candidates)


@dataclass
class Ids:
    thesis: str
    reason: str
    cost: str
    support: str
    attack: str


def write_map(path, placed=True):
    """Three claims, a support and an attack; placed, or all at 0,0 as the CLI makes them."""
    with MapSession.create(path, "Transit debate") as session:
        thesis = session.add_node("Make transit free", x=0 if placed else 0, y=-150 if placed else 0)
        reason = session.add_node("It cuts traffic", x=-180 if placed else 0, y=100 if placed else 0)
        cost = session.add_node("It costs too much", NodeKind.OBJECTION,
                                x=180 if placed else 0, y=100 if placed else 0)
        support = session.add_edge(reason.id, thesis.id, EdgeType.SUPPORT)
        attack = session.add_edge(cost.id, thesis.id, EdgeType.ATTACK)
    return Ids(thesis.id, reason.id, cost.id, support.id, attack.id)


def drop(view, mime: QMimeData, scene_point, modifiers=Qt.KeyboardModifier.NoModifier):
    """Enter, move and drop at a scene point, as a real drag would; True when accepted."""
    point = view.mapFromScene(QPointF(*scene_point)) if isinstance(scene_point, tuple) else scene_point
    target = view.viewport()
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton, modifiers)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(point, actions, mime, Qt.MouseButton.LeftButton, modifiers)
    QApplication.sendEvent(target, move)
    event = QDropEvent(QPointF(point), actions, mime, Qt.MouseButton.LeftButton, modifiers)
    QApplication.sendEvent(target, event)
    return event.isAccepted()


def viewport_point(view, scene_x, scene_y) -> QPoint:
    return view.mapFromScene(QPointF(scene_x, scene_y))
