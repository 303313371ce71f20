"""Workshop → Export Replay Frames…: the history as numbered PNG frames (frame-0001.png, ...),
all the same size and framing, ready to be made into a video.

Each frame is a replay point drawn by canvas.export.export_png from a SnapshotScene, then placed
on a fixed canvas at the place the whole session's area gives it (so cards stay still while
the map grows), with the moment's caption along the bottom. The work runs in small slices on
the GUI thread (scene items are not thread-safe) between which the window stays responsive; a
progress dialog can cancel it. Frames are written into a hidden temporary folder inside the
chosen one and moved into place only when all of them are written: a failure or a cancel
leaves the folder as it was.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from debatemap.canvas import style
from debatemap.canvas.export import MARGIN, export_png
from debatemap.canvas.png_writer import write_png
from debatemap.canvas.snapshot import SnapshotScene
from debatemap.core.argmap import ArgumentMap
from debatemap.core.errors import DebatemapError
from debatemap.widgets.replay_events import moment

FRAME_NAME = "frame-{:04d}.png"
FRAME_PATTERN = re.compile(r"frame-\d{4,}\.png")
SIZES = {"1280 × 720 (HD)": (1280, 720), "1920 × 1080 (Full HD)": (1920, 1080),
         "3840 × 2160 (4K)": (3840, 2160)}
DEFAULT_SIZE = "1920 × 1080 (Full HD)"
SLICE_SECONDS = 0.04  # work per turn of the event loop
PAD = 0.03  # of the frame's width, blank around the map


class FrameExportError(DebatemapError):
    """The frames could not be written (the message names the folder or file)."""


@dataclass
class FrameOptions:
    folder: Path
    every: int = 1  # one frame per this many events
    size: tuple[int, int] = SIZES[DEFAULT_SIZE]
    caption: bool = True  # the point, time, event and who acted along the bottom


@dataclass
class FrameResult:
    folder: Path
    frames: int
    size: tuple[int, int]
    points: list[int] = field(default_factory=list)


def frame_points(first: int, last: int, every: int) -> list[int]:
    """The replay points a frame is made of: every ``every``-th from ``first``, and ``last``."""
    every = max(1, int(every))
    points = list(range(first, last + 1, every))
    if points[-1] != last:
        points.append(last)
    return points


def existing_frames(folder: Path) -> list[Path]:
    """Frame files an earlier export left in ``folder``."""
    try:
        return sorted(p for p in folder.iterdir() if FRAME_PATTERN.fullmatch(p.name))
    except OSError:
        return []


class FrameExport(QObject):
    """One export, run in slices: ``start()``; then ``progressed(done, total)`` and exactly one
    of ``finished(FrameResult)``, ``failed(message)`` or ``cancelled()``."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, document, options: FrameOptions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.options = options
        span = document.workshop.replay_range()
        if span is None:
            raise FrameExportError(
                "this map's history cannot be replayed (it was recorded by an older version of"
                " Debatemap), so there are no frames to export")
        self.points = frame_points(span[0], span[1], options.every)
        self.scene = SnapshotScene(semantics=document.semantics, parent=self)
        self._phase = "measure"
        self._index = 0
        self._bounds = QRectF()  # every frame's cards, united
        self._temporary: Path | None = None
        self._written: list[Path] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_slice)
        self._done = False

    @property
    def total(self) -> int:
        """Steps in all: each point is measured, then drawn."""
        return 2 * len(self.points)

    def start(self) -> None:
        folder = self.options.folder
        if not folder.is_dir():
            self._fail(f"{folder}: cannot export frames: the folder does not exist")
            return
        try:
            self._temporary = Path(tempfile.mkdtemp(prefix=".replay-frames-", dir=folder))
        except OSError as error:
            self._fail(f"{folder}: cannot export frames: {error.strerror or error}")
            return
        self._timer.start()

    def cancel(self) -> None:
        if self._done:
            return
        self._timer.stop()
        self._clean_up()
        self._done = True
        self.cancelled.emit()

    def is_running(self) -> bool:
        return not self._done and (self._timer.isActive() or self._temporary is not None)

    # ---- the slices ------------------------------------------------------------------------

    def _run_slice(self) -> None:
        if self._done:
            return
        deadline = time.perf_counter() + SLICE_SECONDS
        try:
            while time.perf_counter() < deadline:
                k = self.points[self._index]
                if self._phase == "measure":
                    self._measure(k)
                else:
                    self._draw(self._index, k)
                self._index += 1
                if self._index == len(self.points):
                    if self._phase == "draw":
                        self._finish()
                        return
                    self._phase, self._index = "draw", 0
                done = self._index + (len(self.points) if self._phase == "draw" else 0)
                self.progressed.emit(done, self.total)
                if self._done:  # cancelled from the progress dialog while it took events
                    return
        except (DebatemapError, OSError, ValueError) as error:
            message = str(error)
            if isinstance(error, OSError):
                message = f"{self.options.folder}: cannot export frames: {error.strerror or error}"
            self._fail(message)
            return
        if not self._done:
            self._timer.start()

    def _show(self, k: int):
        state = self.document.workshop.map_at(k)
        amap = state.to_map()
        self.scene.show(amap, state.to_workshop(amap).tallies())
        return state

    def _measure(self, k: int) -> None:
        self._show(k)
        self._bounds = self._bounds.united(self.scene.cards_bounds())

    def _layout(self) -> tuple[float, QRectF]:
        """The scale and the frame area (in pixels) the whole session's area is drawn into."""
        width, height = self.options.size
        caption = self._caption_height() if self.options.caption else 0
        pad = round(width * PAD)
        area = QRectF(pad, pad, width - 2 * pad, height - 2 * pad - caption)
        bounds = self._bounds if not self._bounds.isNull() else QRectF(-100, -50, 200, 100)
        source = bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        scale = min(area.width() / source.width(), area.height() / source.height())
        drawn = QRectF(0, 0, source.width() * scale, source.height() * scale)
        drawn.moveCenter(area.center())
        return scale, drawn

    def _caption_height(self) -> int:
        return max(28, round(self.options.size[1] * 0.07))

    def _draw(self, index: int, k: int) -> None:
        state = self._show(k)
        width, height = self.options.size
        scale, drawn = self._layout()
        frame = QImage(width, height, QImage.Format.Format_RGB32)
        frame.fill(QColor("#ffffff"))
        cards = self.scene.cards_bounds()
        painter = QPainter(frame)
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            if not cards.isNull():
                part = self._temporary / ".part.png"
                export_png(self.scene, part, scale=scale)
                image = QImage(str(part))
                if image.isNull():
                    raise FrameExportError(f"{part}: the rendered map could not be read back")
                union = self._bounds.adjusted(-MARGIN, -MARGIN, 0, 0)
                at = QPointF(drawn.left() + (cards.left() - MARGIN - union.left()) * scale,
                             drawn.top() + (cards.top() - MARGIN - union.top()) * scale)
                painter.drawImage(at, image)
            if self.options.caption:
                self._paint_caption(painter, state, k)
        finally:
            painter.end()
        path = self._temporary / FRAME_NAME.format(index + 1)
        with open(path, "wb") as out:
            write_png(frame, out, {"Title": f"{self.document.title} — replay point {k}",
                                   "Software": "Debatemap"})
        self._written.append(path)

    def _paint_caption(self, painter: QPainter, state, k: int) -> None:
        width, height = self.options.size
        band = self._caption_height()
        rect = QRectF(0, height - band, width, band)
        painter.fillRect(rect, style.presentation_palette().node_border)
        workshop = self.document.workshop
        said = moment(workshop.history(), k, state, lambda: _quiet_state(workshop, k - 1),
                      workshop.settings.anonymous)
        font = QFont(style.text_font())
        font.setPixelSize(max(10, round(band * 0.42)))
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        inner = rect.adjusted(band * 0.5, 0, -band * 0.5, 0)
        flags = Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
        metrics = painter.fontMetrics()
        line = metrics.elidedText(said.line(), Qt.TextElideMode.ElideRight,
                                  int(inner.width() * 0.72))
        painter.drawText(inner, flags | Qt.AlignmentFlag.AlignLeft, said.position)
        painter.drawText(inner, flags | Qt.AlignmentFlag.AlignRight, line)

    # ---- the end ---------------------------------------------------------------------------

    def _finish(self) -> None:
        folder = self.options.folder
        kept = self._temporary / "earlier"  # an earlier export's frames, until the new are in
        moved: list[tuple[Path, Path]] = []  # (where it is now, where it was)
        try:
            kept.mkdir()
            for old in existing_frames(folder):
                os.replace(old, kept / old.name)
                moved.append((kept / old.name, old))
            for path in self._written:
                os.replace(path, folder / path.name)
                moved.append((folder / path.name, path))
        except OSError as error:
            for now, was in reversed(moved):  # everything back where it was: nothing half-done
                try:
                    os.replace(now, was)
                except OSError:
                    pass
            self._fail(f"{folder}: cannot export frames: {error.strerror or error}")
            return
        self._clean_up()
        self._done = True
        self.progressed.emit(self.total, self.total)
        self.finished.emit(FrameResult(folder, len(self._written), self.options.size,
                                       list(self.points)))

    def _fail(self, message: str) -> None:
        self._timer.stop()
        self._clean_up()
        self._done = True
        self.failed.emit(message)

    def _clean_up(self) -> None:
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None
        self.scene.show(ArgumentMap())


def _quiet_state(workshop, k: int):
    try:
        return workshop.map_at(k) if k >= 0 else None
    except DebatemapError:
        return None

