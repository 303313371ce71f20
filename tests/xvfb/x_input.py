"""What the Xvfb scenario scripts share: real X keyboard input through xdotool, and letting Qt
run while waiting for an effect."""

from __future__ import annotations

import subprocess
import time

from PySide6.QtCore import QEventLoop, QTimer


class Stuck(Exception):
    """An effect the scenario waited for did not arrive."""


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=60)


def pause(seconds: float) -> None:
    """Let Qt run (events; a drag's own loop is entered from inside xdotool's sequence)."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait_until(predicate, what: str, timeout: float = 20.0) -> None:
    """Let Qt run until ``predicate()`` holds (generous: the machine may be loaded)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise Stuck(f"waited {timeout:.0f} s for {what}")
        pause(0.03)


def key(*keys: str) -> None:
    xdotool("key", "--delay", "30", *keys)
    pause(0.05)


def type_text(text: str) -> None:
    xdotool("type", "--delay", "8", "--", text)
