"""Shared fixtures: Qt runs offscreen, and `session` is a fresh map file per test."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def session(tmp_path):
    from debatemap.store.session import MapSession

    with MapSession.create(tmp_path / "test.debatemap", "Test map") as opened:
        yield opened


@pytest.fixture(scope="session", autouse=True)
def _views_let_go_of_scenes_before_exit():
    """At interpreter exit PySide destroys the QApplication and then every scene still alive; a
    scene still shown in a view makes that view call its Python overrides (scrollContentsBy)
    while Python is finalising, which crashes. Tests that keep a scene to the end (fixtures,
    module objects) are cut loose here, while Python is still whole."""
    yield
    import gc
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication, QGraphicsScene

    if QApplication.instance() is not None:
        QApplication.clipboard().clear()  # mime data made in Python must not outlive Python
    gc.collect()
    for scene in [o for o in gc.get_objects() if isinstance(o, QGraphicsScene)]:
        try:
            for view in scene.views():
                view.setScene(None)
        except RuntimeError:  # its C++ object is already gone
            pass
