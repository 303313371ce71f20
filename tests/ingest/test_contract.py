"""The ingest API: its shape, its layering (no Qt), and the offsets contract on generated input."""

import subprocess
import sys

import pytest

from debatemap.core.errors import DebatemapError
from debatemap.ingest import (
    MAX_BYTES, Candidate, IngestedDocument, IngestError, Paragraph, ingest_bytes, ingest_file,
)

from .conftest import check_offsets


def test_ingest_imports_no_qt():
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):\n"
        "            raise ImportError('Qt is blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import debatemap.ingest\n"
        "from debatemap.ingest.formats import markdown, html, pdf, docx, text\n"
        "d = debatemap.ingest.ingest_bytes(b'One plain sentence that is long enough.', 'a.txt')\n"
        "assert d.candidates\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_document_shape():
    doc = ingest_bytes("Title line\n\nThe first claim is right here. The second one follows it.\n".encode(), "notes.txt")
    assert isinstance(doc, IngestedDocument)
    assert doc.format == "txt" and doc.encoding == "utf-8"
    assert len(doc.sha256) == 64
    assert all(isinstance(p, Paragraph) for p in doc.paragraphs)
    assert all(isinstance(c, Candidate) for c in doc.candidates)
    assert [c.text for c in doc.candidates] == ["The first claim is right here.", "The second one follows it."]
    assert doc.paragraphs[0].kind == "heading" and doc.title == "Title line"
    check_offsets(doc)


def test_ingest_file_and_bytes_agree(tmp_path):
    path = tmp_path / "essay.md"
    path.write_text("# Essay\n\nCats are better than dogs. Dogs disagree strongly.\n", encoding="utf-8")
    a, b = ingest_file(path), ingest_bytes(path.read_bytes(), str(path))
    assert (a.text, a.candidates, a.paragraphs, a.title) == (b.text, b.candidates, b.paragraphs, b.title)
    assert a.title == "Essay"


def test_error_type_and_message(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError) as caught:
        ingest_file(path)
    assert isinstance(caught.value, DebatemapError)
    assert str(caught.value) == f"{path}: file is empty"
    assert "\n" not in str(caught.value)


def test_size_limit_is_a_documented_constant(tmp_path, monkeypatch):
    assert MAX_BYTES == 50 * 1024 * 1024
    import debatemap.ingest.decode as decode

    monkeypatch.setattr(decode, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("This file is larger than ten bytes.")
    with pytest.raises(IngestError, match="over the import limit"):
        ingest_file(path)
