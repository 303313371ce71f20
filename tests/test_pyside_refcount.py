"""Regression: PySide6 6.12.0 on Python 3.11 drops a reference to None on every void Qt call
and aborts the interpreter ("deallocating None") after a few thousand calls."""

import subprocess
import sys

CALLS = 60_000

SCRIPT = f"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QObject, QPointF
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene
app = QApplication([])
scene = QGraphicsScene()
item = QGraphicsRectItem(0, 0, 10, 10)
scene.addItem(item)
owner = QObject()
before = sys.getrefcount(None)
for i in range({CALLS}):
    item.setPos(QPointF(i, i))      # void
    owner.setObjectName("n")        # void
    item.setZValue(i % 5)           # void
after = sys.getrefcount(None)
print(before - after)
"""


def test_tens_of_thousands_of_void_qt_calls_do_not_corrupt_none():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, f"interpreter aborted: {result.stderr[-500:]}"
    lost = int(result.stdout.strip().splitlines()[-1])
    assert lost < 1000, f"{lost} references to None lost over {3 * CALLS} void calls"
