"""Bad input gives one IngestError with a clear reason, never a traceback."""

import os
import zipfile

import pytest

from debatemap.ingest import IngestError, ingest_bytes, ingest_file

from .conftest import make_pdf

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(200)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\t\r\n   \n", "only whitespace"),
        ("blank.md", "\u00a0\n \n".encode(), "only whitespace"),
        ("photo.txt", PNG, "PNG image"),
        ("junk.txt", bytes(range(256)) * 20, "binary"),
        ("random.txt", os.urandom(4096), "binary"),
        ("sheet.xyz", b"a,b,c\n1,2,3\n", "unknown format '.xyz'"),
        ("picture.png", PNG, "unknown format '.png'"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "save it as .docx"),
        ("fake.pdf", b"this is not a pdf at all", "not a valid PDF"),
        ("fake.docx", b"plain text pretending", "not a valid Word .docx"),
        ("broken.pdf", b"%PDF-1.4\n%garbage without objects", "PDF"),
    ],
)
def test_bad_bytes(name, data, reason):
    with pytest.raises(IngestError) as caught:
        ingest_bytes(data, name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert reason in message
    assert "\n" not in message and "Traceback" not in message


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        ingest_file(tmp_path / "nope.txt")


def test_zip_that_is_not_docx(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(IngestError, match="not a Word .docx"):
        ingest_file(path)


def test_image_only_pdf(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(IngestError, match="no extractable text"):
        ingest_file(path)


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf", [["A secret sentence that nobody may read."]])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(IngestError, match="encrypted PDF"):
        ingest_file(path)
