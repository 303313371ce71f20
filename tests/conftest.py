"""Shared fixtures: Qt runs offscreen, and `session` is a fresh map file per test."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def session(tmp_path):
    from debatemap.store.session import MapSession

    with MapSession.create(tmp_path / "test.debatemap", "Test map") as opened:
        yield opened
