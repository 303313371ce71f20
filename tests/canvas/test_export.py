"""Export to PNG, SVG and PDF: the real scene rendered offscreen, sizes, text, escaping, limits,
selection, atomic writes."""

import math
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QRectF
from PySide6.QtGui import QColor, QFontInfo, QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from debatemap.canvas import MapScene, style
from debatemap.canvas import export
from debatemap.canvas.export import (ExportError, export_pdf, export_png, export_svg,
                                     render_document)
from debatemap.core.errors import DebatemapError
from debatemap.core.model import EdgeType, NodeKind
from debatemap.document import MapDocument
from debatemap.store.session import MapSession

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script> & “quotes” 'single' </text>"


def drawn_bounds(scene):
    bounds = QRectF()
    for item in list(scene.node_items.values()) + list(scene.edge_items.values()):
        if item.isVisible():
            bounds = bounds.united(item.sceneBoundingRect())
    return bounds.adjusted(-export.MARGIN, -export.MARGIN, export.MARGIN, export.MARGIN)


def svg_text(path):
    """All the text of an SVG, the <text> elements joined with spaces, whitespace collapsed."""
    root = ET.parse(path).getroot()
    parts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    return " ".join(" ".join(parts).split()), root


def open_map(tmp_path, build, name="made.debatemap"):
    with MapSession.create(tmp_path / name, "Made <map> & co") as session:
        build(session)
    return MapDocument.open(tmp_path / name)


@pytest.fixture
def hostile(qapp, tmp_path):
    def build(session):
        a = session.add_node(HOSTILE, x=0, y=0)
        b = session.add_node("A plain reason that is long enough to wrap over more than one line"
                             " of the card", x=0, y=200)
        c = session.add_node("An objection", NodeKind.OBJECTION, x=300, y=200)
        session.add_edge(b.id, a.id, EdgeType.SUPPORT)
        session.add_edge(c.id, a.id, EdgeType.ATTACK)

    document = open_map(tmp_path, build)
    yield document
    document.close()


def test_png_has_the_size_of_the_map_at_scale_1_and_2(scene, tmp_path):
    bounds = drawn_bounds(scene)
    one = export_png(scene, tmp_path / "one.png")
    two = export_png(scene, tmp_path / "two.png", scale=2)
    assert tuple(one) == (math.ceil(bounds.width()), math.ceil(bounds.height()))
    assert tuple(two) == (math.ceil(bounds.width() * 2), math.ceil(bounds.height() * 2))
    assert one.note == "" and two.scale == 2
    for result in (one, two):
        image = QImage(str(result.path))
        assert (image.width(), image.height()) == tuple(result)
    image = QImage(str(tmp_path / "one.png"))
    assert image.pixelColor(0, 0).name() == "#ffffff" and image.pixelColor(0, 0).alpha() == 255
    middle = scene.node_items[next(iter(scene.node_items))].sceneBoundingRect().center() - bounds.topLeft()
    assert image.pixelColor(int(middle.x()), int(middle.y())).alpha() == 255
    dpi = export_png(scene, tmp_path / "dpi.png", dpi=192)
    assert tuple(dpi) == tuple(two)


def test_opaque_png_has_no_alpha_and_the_pixels_qt_would_write(scene, tmp_path, monkeypatch):
    ours = export_png(scene, tmp_path / "ours.png", scale=1.5)
    data = ours.path.read_bytes()
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (width, height) == tuple(ours) == (math.ceil(drawn_bounds(scene).width() * 1.5),
                                              math.ceil(drawn_bounds(scene).height() * 1.5))
    assert (depth, colour) == (8, 2)  # 8-bit RGB: no alpha channel on the white background
    image = QImage(str(ours.path))
    assert not image.hasAlphaChannel() and image.text("Title") == "Transit debate"

    def qt_encoder(image, out, texts=None):
        out.write(bytes(qt_png(image)))

    monkeypatch.setattr(export, "write_png", qt_encoder)
    theirs = export_png(scene, tmp_path / "qt.png", scale=1.5)
    reference = QImage(str(theirs.path))
    assert image.size() == reference.size()
    assert image.convertToFormat(QImage.Format.Format_RGB32) == \
        reference.convertToFormat(QImage.Format.Format_RGB32)


def qt_png(image):
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return buffer.data()


def test_png_dpi_is_written(scene, tmp_path):
    result = export_png(scene, tmp_path / "print.png", dpi=300)
    image = QImage(str(result.path))
    assert image.dotsPerMeterX() == image.dotsPerMeterY() == round(300 / 0.0254)
    assert result.scale == pytest.approx(300 / 96)


def test_transparent_png_has_transparent_corners(scene, tmp_path):
    result = export_png(scene, tmp_path / "clear.png", transparent=True)
    image = QImage(str(result.path))
    w, h = image.width(), image.height()
    for x, y in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)):
        assert image.pixelColor(x, y).alpha() == 0
    assert image.hasAlphaChannel()


def test_svg_parses_has_every_text_once_and_the_title(hostile, tmp_path):
    result = render_document(hostile, tmp_path / "map.svg")
    raw = result.path.read_text(encoding="utf-8")
    assert "<script" not in raw  # escaped, never markup
    text, root = svg_text(result.path)
    for node in hostile.map.nodes.values():
        assert text.count(" ".join(node.text.split())) == 1, node.text
    assert root.find(f"{SVG}title").text == "Made <map> & co"
    assert root.get("viewBox") == f"0 0 {result.width} {result.height}"
    assert not list(root.iter(f"{SVG}script"))
    assert len(list(root.iter(f"{SVG}text"))) >= len(hostile.map.nodes)


def test_svg_of_the_canvas_fixture_names_each_claim_once(scene, tmp_path):
    text, _root = svg_text(export_svg(scene, tmp_path / "transit.svg").path)
    for claim in ("Make transit free", "It cuts traffic", "It costs too much"):
        assert text.count(claim) == 1


def test_pdf_is_one_page_with_title(hostile, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    result = export_pdf(hostile, tmp_path / "map.pdf")
    data = result.path.read_bytes()
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(str(result.path))
    assert len(reader.pages) == 1
    assert reader.metadata.title == "Made <map> & co"
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - result.width) < 1 and abs(float(box.height) - result.height) < 1
    page_text = " ".join(reader.pages[0].extract_text().split())
    assert "An objection" in page_text and "Made <map> & co" in page_text


def test_pdf_poster_tiles(hostile, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    result = export_pdf(hostile, tmp_path / "poster.pdf", tiles=(2, 2))
    assert result.pages == 4
    reader = pypdf.PdfReader(str(result.path))
    assert len(reader.pages) == 4
    box = reader.pages[0].mediabox  # A4, portrait or landscape
    assert sorted((round(float(box.width)), round(float(box.height)))) == [595, 842]


def test_huge_map_is_capped_with_a_message_not_an_empty_file(qapp, tmp_path):
    def build(session):
        session.add_node("West end", x=0, y=0)
        session.add_node("East end", x=40_000, y=0)

    document = open_map(tmp_path, build)
    try:
        result = export_png(document, tmp_path / "huge.png", scale=2)
    finally:
        document.close()
    assert result.scale < 2 and "exported at scale" in result.note
    assert result.width <= export.MAX_SIDE
    image = QImage(str(result.path))
    assert not image.isNull() and (image.width(), image.height()) == tuple(result)
    assert image.width() > 16_000


def test_fit_scale_limits_pixels_too():
    scale, note = export.fit_scale(10_000, 10_000, 2.0, max_pixels=1_000_000)
    assert scale <= 0.1 and note
    assert export.fit_scale(100, 100, 3.0) == (3.0, "")


def test_selection_only_exports_just_the_selected_cards(scene, ids, tmp_path):
    scene.node_items[ids.thesis].setSelected(True)
    scene.node_items[ids.reason].setSelected(True)
    whole = export_png(scene, tmp_path / "whole.png")
    part = export_svg(scene, tmp_path / "part.svg", selection_only=True)
    text, _ = svg_text(part.path)
    assert "Make transit free" in text and "It cuts traffic" in text
    assert "It costs too much" not in text
    png = export_png(scene, tmp_path / "part.png", selection_only=True)
    assert png.width < whole.width
    assert sorted(scene.selected_ids()[0]) == sorted([ids.thesis, ids.reason])  # kept
    assert all(item.isVisible() for item in scene.node_items.values())  # shown again
    scene.clearSelection()
    with pytest.raises(ExportError, match="nothing is selected"):
        export_png(scene, tmp_path / "none.png", selection_only=True)
    assert not (tmp_path / "none.png").exists()


def test_export_leaves_the_scene_as_it_was(scene, ids, tmp_path):
    item = scene.node_items[ids.cost]
    item.setSelected(True)
    brush = scene.backgroundBrush()
    export_svg(scene, tmp_path / "a.svg")
    raw = (tmp_path / "a.svg").read_text()
    assert "#e8890c" not in raw.lower()  # no selection border drawn
    assert item.isSelected() and scene.backgroundBrush() == brush


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_failing_write_names_the_file_and_leaves_nothing(scene, tmp_path, suffix):
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DebatemapError, match=re.escape(str(folder))):
        render_document(scene, folder)
    missing = tmp_path / "missing" / f"map{suffix}"
    with pytest.raises(ExportError, match=re.escape(str(missing))):
        render_document(scene, missing)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert list(folder.iterdir()) == []


def test_a_failed_render_leaves_the_old_file(scene, tmp_path, monkeypatch):
    target = tmp_path / "keep.png"
    target.write_bytes(b"old")

    def full_disk(image, out, texts=None):
        out.write(b"\x89PNG")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "write_png", full_disk)
    with pytest.raises(ExportError, match="keep.png: cannot write the export: No space left"):
        export_png(scene, target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.png", "transit.debatemap"] or \
        [p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")] == []


def test_unknown_suffix_is_refused(scene, tmp_path):
    with pytest.raises(ExportError, match=r"\.jpg"):
        render_document(scene, tmp_path / "map.jpg")
    assert not (tmp_path / "map.jpg").exists()


def test_document_export_detaches_its_scene(hostile, tmp_path, monkeypatch):
    made = []
    original = MapScene.detach

    def detach(self):
        made.append(self)
        original(self)

    monkeypatch.setattr(MapScene, "detach", detach)
    render_document(hostile, tmp_path / "m.png")
    assert len(made) == 1


def test_render_map_file_and_empty_map(qapp, tmp_path):
    with MapSession.create(tmp_path / "empty.debatemap", "Empty"):
        pass
    result = export.render_map_file(tmp_path / "empty.debatemap", tmp_path / "empty.png")
    assert result.width > 0 and QImage(str(result.path)).width() == result.width
    svg = export.render_map_file(tmp_path / "empty.debatemap", tmp_path / "empty.svg")
    ET.parse(svg.path)


# ---- the SVG in other renderers -------------------------------------------------------------


def card_ink(image, rect):
    """(left, top, right, bottom) of the near-black pixels (the card's own text) in ``rect``."""
    xs, ys = [], []
    for y in range(max(0, int(rect.top())), min(image.height(), int(rect.bottom()))):
        for x in range(max(0, int(rect.left())), min(image.width(), int(rect.right()))):
            colour = image.pixelColor(x, y)
            channels = (colour.red(), colour.green(), colour.blue())
            if max(channels) < 90 and max(channels) - min(channels) < 30:
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def assert_same_text_placement(reference, other, cards):
    """Every card's dark text covers the same box (within 2 px) in both pictures (a card faded
    out by the evaluation has none in either)."""
    assert reference.size() == other.size()
    compared = 0
    for rect in cards:
        ours, theirs = card_ink(reference, rect), card_ink(other, rect)
        if ours is None:
            assert theirs is None, rect
            continue
        assert theirs is not None, rect
        assert max(abs(a - b) for a, b in zip(ours, theirs)) <= 2, (rect, ours, theirs)
        compared += 1
    assert compared >= 2


@pytest.fixture
def rendered(hostile, tmp_path):
    """The hostile map's scene exported as PNG and SVG, with each card's rectangle in pixels."""
    scene = MapScene(hostile)
    try:
        png = export_png(scene, tmp_path / "map.png")
        svg = export_svg(scene, tmp_path / "map.svg")
        origin = drawn_bounds(scene).topLeft()
        cards = [item.sceneBoundingRect().translated(-origin) for item in scene.node_items.values()]
    finally:
        scene.detach()
    return QImage(str(png.path)).convertToFormat(QImage.Format.Format_RGB32), svg, cards


def test_svg_is_valid_for_qt_and_draws_the_text_where_the_png_has_it(rendered):
    png, svg, cards = rendered
    renderer = QSvgRenderer(str(svg.path))
    assert renderer.isValid()
    assert (renderer.defaultSize().width(), renderer.defaultSize().height()) == tuple(svg)
    image = QImage(renderer.defaultSize(), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    assert_same_text_placement(png, image, cards)


def test_svg_names_the_face_drawn_with_a_fallback_and_keeps_spacing_and_widths(rendered):
    _png, svg, _cards = rendered
    raw = svg.path.read_text(encoding="utf-8")
    root = ET.fromstring(raw)
    assert (root.get("width"), root.get("height")) == (str(svg.width), str(svg.height))
    face = QFontInfo(style.text_font()).family()
    families = {element.get("font-family") for element in root.iter() if element.get("font-family")}
    assert families == {f"'{face}', sans-serif"}
    texts = list(root.iter(f"{SVG}text"))
    band = next(t for t in texts if t.text == style.kind_label(NodeKind.OBJECTION))
    assert float(band.get("letter-spacing")) == pytest.approx(style.band_font().letterSpacing())
    spaced = QFontMetricsF(style.band_font()).horizontalAdvance(band.text)
    assert float(band.get("textLength")) == pytest.approx(spaced, abs=0.01)
    line = next(t for t in texts if t.text.startswith("A plain reason"))
    assert line.get("lengthAdjust") == "spacingAndGlyphs"
    assert float(line.get("textLength")) == pytest.approx(
        QFontMetricsF(style.text_font()).horizontalAdvance(line.text), abs=0.01)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.mark.skipif(chromium() is None, reason="no Chromium to open the SVG in a real browser")
def test_a_browser_draws_the_svg_text_where_the_png_has_it(rendered, tmp_path):
    png, svg, cards = rendered
    shot = tmp_path / "chromium.png"
    run = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                          "--hide-scrollbars", "--force-device-scale-factor=1",
                          f"--window-size={svg.width},{svg.height}", f"--screenshot={shot}",
                          svg.path.as_uri()], capture_output=True, timeout=120)
    assert run.returncode == 0 and shot.exists(), run.stderr[-500:]
    assert_same_text_placement(png, QImage(str(shot)).convertToFormat(QImage.Format.Format_RGB32),
                               cards)
