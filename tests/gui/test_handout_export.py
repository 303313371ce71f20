"""Export Handout… through the menu: Markdown with the map PNG beside it, or an A4 PDF with the
map embedded, page count as laid out; names hidden in anonymous mode; errors in one dialog and
nothing half-written."""

import unicodedata

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage
from replay_session import record_session

from debatemap.app import handout_export
from debatemap.app.handout_export import handout_text_document, write_handout
from debatemap.app.workshop_replay import install

A4_POINTS = (595.3, 841.9)


def pdf_text(reader) -> str:
    """The PDF's words, one space apart (pypdf separates them with tabs and line breaks), its
    ligatures ("ﬃ") spelled out."""
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture
def replay(window, tmp_path):
    path = tmp_path / "workshop.debatemap"
    record_session(path)
    assert window.open_path(path)
    return install(window)


def export_to(monkeypatch, replay, path):
    monkeypatch.setattr(handout_export, "ask_handout_path", lambda *args: path)
    replay.handout_action.trigger()


def test_pdf_handout_is_a4_with_the_laid_out_page_count_and_the_map(
        replay, window, monkeypatch, tmp_path, dialog_log):
    out = tmp_path / "handout.pdf"
    export_to(monkeypatch, replay, out)
    assert dialog_log.errors == []
    reader = PdfReader(out)
    pages = handout_text_document(window.document).pageCount()
    assert len(reader.pages) == pages >= 1
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - A4_POINTS[0]) < 1
        assert abs(float(page.mediabox.height) - A4_POINTS[1]) < 1
    text = pdf_text(reader)
    for expected in ("Free transit", "Participants", "Ada", "Agenda", "Should transit be free?",
                     "Supports:", "It cuts car traffic", "Votes", "Decisions", "Parking lot",
                     "Bike lanes on Main Street", f"page {pages} of {pages}"):
        assert expected in text
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1 and images[0].image.width > 500  # the map, sharp at print size
    assert reader.metadata.title == "Free transit"
    assert f"({pages} page" in window.statusBar().currentMessage()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_longer_handout_runs_over_more_pages(replay, window, tmp_path):
    one = write_handout(window.document, tmp_path / "short.pdf").pages
    question = next(iter(window.document.map.nodes))
    for number in range(150):
        window.document.workshop.capture(f"+ Reason number {number} for the question", question)
    longer = write_handout(window.document, tmp_path / "long.pdf")
    assert longer.pages > one
    assert len(PdfReader(longer.path).pages) == longer.pages


def test_markdown_handout_with_the_map_png_beside_it(replay, window, monkeypatch, tmp_path):
    out = tmp_path / "notes" / "handout.md"
    out.parent.mkdir()
    export_to(monkeypatch, replay, out)
    text = out.read_text(encoding="utf-8")
    image = out.with_name("handout-map.png")
    assert "![The argument map](handout-map.png)" in text
    assert QImage(str(image)).width() > 300
    assert sorted(p.name for p in out.parent.iterdir()) == ["handout-map.png", "handout.md"]
    for expected in ("## Agenda", "| 1 | Should transit be free? | 15 min |",
                     "- **Supports:** It cuts car traffic — *Ada* · 2 dots",
                     "- Bike lanes on Main Street (idea) — *Bo*"):
        assert expected in text
    assert "handout-map.png beside it" in window.statusBar().currentMessage()


def test_anonymous_mode_hides_names_in_both_handouts(replay, window, tmp_path):
    window.document.workshop.set_anonymous(True)
    markdown = write_handout(window.document, tmp_path / "anon.md").path.read_text("utf-8")
    pdf = pdf_text(PdfReader(write_handout(window.document, tmp_path / "anon.pdf").path))
    for text in (markdown, pdf):
        assert "Ada" not in text and "Bo" not in text.replace("Bike", "")
        assert "Participant 1" in text and "Participant 2" in text


def test_errors_are_one_dialog_and_nothing_is_written(replay, monkeypatch, tmp_path, dialog_log):
    export_to(monkeypatch, replay, tmp_path / "missing" / "handout.pdf")
    assert dialog_log.errors == [("Export Handout",
                                  f"{tmp_path / 'missing' / 'handout.pdf'}: cannot write the"
                                  f" handout: the folder {tmp_path / 'missing'} does not exist")]
    dialog_log.errors.clear()
    (tmp_path / "handout.md").write_text("the old handout")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(handout_export, "build_handout", broken)
    export_to(monkeypatch, replay, tmp_path / "handout.md")
    assert dialog_log.errors == [("Export Handout", f"{tmp_path / 'handout.md'}: cannot write"
                                                    " the handout: No space left on device")]
    assert (tmp_path / "handout.md").read_text() == "the old handout"
    assert sorted(p.name for p in tmp_path.iterdir() if "handout" in p.name) == ["handout.md"]


def test_a_wrong_suffix_is_refused(replay, window, tmp_path):
    with pytest.raises(handout_export.HandoutError, match="written as .md or .pdf, not '.txt'"):
        write_handout(window.document, tmp_path / "handout.txt")
