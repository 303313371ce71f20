"""Factories for the ingest tests: documents written by the tests themselves (docx, pdf, text)."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*")) if SEEDS.is_dir() else []


@pytest.fixture
def seeds() -> list[Path]:
    files = seed_files()
    if not files:
        pytest.skip(f"seed corpus not found at {SEEDS}")
    return files


def seed(prefix: str) -> Path:
    found = [p for p in seed_files() if p.name.startswith(prefix)]
    if not found:
        pytest.skip(f"seed {prefix}_* not found in {SEEDS}")
    return found[0]


def check_offsets(doc) -> None:
    """The contract every consumer relies on: offsets point into doc.text exactly."""
    for candidate in doc.candidates:
        assert 0 <= candidate.start < candidate.end <= len(doc.text)
        assert doc.text[candidate.start : candidate.end] == candidate.text
        assert candidate.text == candidate.text.strip()
        assert any(p.start <= candidate.start and candidate.end <= p.end for p in doc.paragraphs)
    previous_end = -1
    for paragraph in doc.paragraphs:
        assert previous_end <= paragraph.start < paragraph.end <= len(doc.text)
        previous_end = paragraph.end


def make_pdf(path: Path, pages: list[list[str]], header: str | None = None, footer_numbers: bool = True) -> Path:
    """A PDF with the given lines on each page (one text line each), optional running header."""
    from fpdf import FPDF

    class Document(FPDF):
        def header(self):
            if header:
                self.set_font("Helvetica", size=9)
                self.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self):
            if footer_numbers:
                self.set_y(-15)
                self.set_font("Helvetica", size=9)
                self.cell(0, 10, str(self.page_no()), align="C")

    pdf = Document()
    pdf.set_auto_page_break(False)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            if line:
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(6)
    pdf.set_title("A Generated Paper")
    pdf.set_author("Test Author")
    pdf.output(str(path))
    return path
