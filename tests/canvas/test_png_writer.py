"""The PNG encoder of the export: exact pixels (RGB and RGBA), one valid zlib stream when
deflated in parallel bands, chunks with right CRCs, pHYs and text read back by Qt."""

import io
import struct
import zlib

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from debatemap.canvas import png_writer
from debatemap.canvas.png_writer import write_png


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, body) of every chunk, each CRC checked."""
    assert data[:8] == png_writer.SIGNATURE
    found, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        found.append((kind, body))
        at += 12 + length
    assert found[0][0] == b"IHDR" and found[-1] == (b"IEND", b"")
    return found


def drawing(width: int, height: int, image_format: QImage.Format) -> QImage:
    """Antialiased shapes and text in several colours, some of them half transparent."""
    image = QImage(width, height, image_format)
    image.fill(QColor(0, 0, 0, 0) if image.hasAlphaChannel() else QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for index in range(0, width, 37):
        painter.setPen(QColor.fromHsv(index * 7 % 360, 200, 180))
        painter.setBrush(QColor.fromHsv(index * 11 % 360, 90, 240, 140))
        painter.drawEllipse(QRectF(index, index % height, 50, 30))
        painter.drawLine(QPointF(index, 0), QPointF(width - index, height))
    painter.setFont(QFont("Sans", 11))
    painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, "Fares & “quotes”")
    painter.end()
    return image


def encoded(image: QImage, texts=None) -> bytes:
    out = io.BytesIO()
    write_png(image, out, texts)
    return out.getvalue()


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("image_format, colour_type", [
    (QImage.Format.Format_RGB32, 2),
    (QImage.Format.Format_ARGB32_Premultiplied, 6),
])
def test_pixels_read_back_exactly(qapp, monkeypatch, parallel, image_format, colour_type):
    if parallel:  # several bands even for a small picture, and an uneven split of 101 rows
        monkeypatch.setattr(png_writer, "PARALLEL_FROM", 0)
        monkeypatch.setattr(png_writer.os, "cpu_count", lambda: 3)
    image = drawing(203, 101, image_format)
    data = encoded(image)
    found = chunks(data)
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", found[0][1])
    assert (width, height, depth, colour) == (203, 101, 8, colour_type)
    raw = zlib.decompress(b"".join(body for kind, body in found if kind == b"IDAT"))  # Adler-32 too
    assert len(raw) == height * (1 + width * (3 if colour_type == 2 else 4))
    back = QImage.fromData(data, "PNG")
    assert back.hasAlphaChannel() == (colour_type == 6)
    common = QImage.Format.Format_ARGB32
    assert back.convertToFormat(common) == image.convertToFormat(common)


def test_a_second_decoder_agrees(qapp, monkeypatch):
    pil = pytest.importorskip("PIL.Image")
    monkeypatch.setattr(png_writer, "PARALLEL_FROM", 0)
    image = drawing(120, 64, QImage.Format.Format_RGB32)
    picture = pil.open(io.BytesIO(encoded(image)))
    picture.load()
    assert picture.mode == "RGB" and picture.size == (120, 64)
    for x, y in ((0, 0), (60, 32), (119, 63), (37, 10)):
        assert "#%02x%02x%02x" % picture.getpixel((x, y)) == image.pixelColor(x, y).name()


def test_texts_and_resolution(qapp):
    image = drawing(40, 30, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(7559)
    image.setDotsPerMeterY(7559)
    data = encoded(image, {"Title": "Fares & co", "Software": "Debatemap", "Comment": "요금 무료"})
    kinds = [kind for kind, _ in chunks(data)]
    assert kinds.count(b"tEXt") == 2 and kinds.count(b"iTXt") == 1 and b"pHYs" in kinds
    back = QImage.fromData(data, "PNG")
    assert back.text("Title") == "Fares & co" and back.text("Comment") == "요금 무료"
    assert (back.dotsPerMeterX(), back.dotsPerMeterY()) == (7559, 7559)


def test_a_null_image_is_refused(qapp):
    with pytest.raises(ValueError, match="empty image"):
        encoded(QImage())
