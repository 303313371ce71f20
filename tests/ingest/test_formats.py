"""Each reader on a document the test writes: Markdown, HTML, plain text, DOCX and PDF."""

from debatemap.ingest import ingest_bytes, ingest_file

from .conftest import check_offsets, make_pdf

MARKDOWN = """---
title: "The Case for Cats"
author: Ann Example
date: 2024-05-01
---
# Why cats win

Cats are independent animals that need little care.[^1] See [the survey](https://example.org/survey) for details.

![a cat picture](images/cat.png)

<!-- Draft note: this comment must never appear. -->

- Cats are quiet at night most of the time.
- Dogs need walking twice a day.

> Quoted critics say that cats ignore their owners completely.

```python
print("code is not a claim at all")
```

::: {.aside}
Fenced div content is still prose and should stay.
:::

Pandoc links keep their text.[1](#footnote-1){#footnote-anchor-1 .footnote-anchor}

[^1]: The footnote text is a claim too, and it stays.
"""


def test_markdown_structure_and_cleanup():
    doc = ingest_bytes(MARKDOWN.encode(), "cats.md")
    check_offsets(doc)
    assert doc.format == "md"
    assert doc.title == "The Case for Cats"
    assert doc.metadata["author"] == "Ann Example" and doc.metadata["date"] == "2024-05-01"
    kinds = {doc.text[p.start : p.end]: p.kind for p in doc.paragraphs}
    assert kinds["Why cats win"] == "heading"
    assert kinds["- Cats are quiet at night most of the time."] == "list_item"
    assert kinds["Quoted critics say that cats ignore their owners completely."] == "quote"
    for junk in ("https://", "images/cat.png", "a cat picture", "Draft note", "print(", ":::",
                 "{#footnote", "[^1]", "title:", "footnote-anchor"):
        assert junk not in doc.text, junk
    texts = [c.text for c in doc.candidates]
    assert "Cats are independent animals that need little care." in texts
    assert "See the survey for details." in texts
    assert "Cats are quiet at night most of the time." in texts
    assert "The footnote text is a claim too, and it stays." in texts
    assert "Fenced div content is still prose and should stay." in texts
    assert "Pandoc links keep their text." in texts
    assert "Why cats win" not in texts


HTML = """<!DOCTYPE html>
<html><head><title>Debate Night | Example Site</title>
<meta name="author" content="Jo Writer">
<style>body { color: red; }</style><script>var claim = "script text is not a claim";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/about">About us and our long navigation menu</a></nav>
<main>
<h1>Debate Night</h1>
<p>Public transport should be free for everyone in the city. It reduces traffic &amp; pollution.</p>
<!-- a comment with a sentence that must not appear -->
<div class="ad-banner">Buy our product today, it is really great value!</div>
<p style="display:none">Hidden text should never be imported here.</p>
<ul><li>Fares cover only a small part of the costs.</li><li>Free buses are used more often.</li></ul>
<blockquote><p>Critics argue that free transport is never really free.</p></blockquote>
<table><tr><th>Year</th><th>Riders</th></tr><tr><td>2020</td><td>1.2 million</td></tr></table>
<p>Entities decode: caf&eacute; &ldquo;quoted&rdquo; &#8212; done.</p>
</main>
<footer>Copyright 2024, all rights reserved by the example company.</footer>
</body></html>"""


def test_html_main_text_only():
    doc = ingest_bytes(HTML.encode(), "page.html")
    check_offsets(doc)
    assert doc.format == "html" and doc.title == "Debate Night"
    assert doc.metadata["author"] == "Jo Writer"
    for junk in ("color: red", "script text", "About us", "comment with", "Buy our product",
                 "Hidden text", "Copyright", "&amp;"):
        assert junk not in doc.text, junk
    assert "It reduces traffic & pollution." in doc.text
    assert "café “quoted” — done." in doc.text
    kinds = {doc.text[p.start : p.end]: p.kind for p in doc.paragraphs}
    assert kinds["Debate Night"] == "heading"
    assert kinds["- Fares cover only a small part of the costs."] == "list_item"
    assert kinds["Critics argue that free transport is never really free."] == "quote"
    assert kinds["Year | Riders"] == "table_row"
    texts = [c.text for c in doc.candidates]
    assert "Public transport should be free for everyone in the city." in texts
    assert "Free buses are used more often." in texts


def test_html_sniffed_in_a_txt_file():
    doc = ingest_bytes(b"<html><body><p>This page was saved with the wrong name.</p></body></html>", "x.txt")
    assert doc.format == "html" and doc.text == "This page was saved with the wrong name."


def test_plain_text_hard_wrapped_paragraphs_are_joined():
    text = (
        "Subject: Budget proposal for next year\n\n"
        "We should spend more on the public library, because it serves every\n"
        "resident of the town and costs far less than the new stadium would.\n"
        "The stadium brings visitors only twice a month during the season and\n"
        "leaves the town with debts for decades after it has been built here.\n\n"
        "Others disagree with this view, and they have published their own\n"
        "counter-proposal, which argues that the stadium will pay for itself.\n"
    )
    doc = ingest_bytes(text.encode(), "mail.txt")
    check_offsets(doc)
    assert doc.title == "Budget proposal for next year"
    assert doc.paragraphs[0].kind == "metadata"
    texts = [c.text for c in doc.candidates]
    assert texts[0].startswith("We should spend more on the public library, because it serves every resident")
    assert "counter-proposal, which argues that the stadium will pay for itself." in texts[-1]


def test_docx_structure_and_properties(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.author = "Dana Docx"
    document.core_properties.title = "Policy Memo"
    document.add_heading("Policy Memo", 0)
    document.add_heading("Background", 1)
    document.add_paragraph("Remote work raises productivity for most teams. It also saves commuting time.")
    document.add_paragraph("Offices foster chance encounters between colleagues", style="List Bullet")
    document.add_paragraph("Hybrid schedules combine both advantages", style="List Bullet")
    document.add_paragraph("Measure output, not hours", style="List Number")
    document.add_paragraph("Nobody ever wished they had spent more time commuting.", style="Quote")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Team", "Output"
    table.cell(1, 0).text, table.cell(1, 1).text = "Alpha", "+12%"
    path = tmp_path / "memo.docx"
    document.save(path)

    doc = ingest_file(path)
    check_offsets(doc)
    assert doc.format == "docx" and doc.title == "Policy Memo"
    assert doc.metadata["author"] == "Dana Docx" and "created" in doc.metadata
    kinds = [(doc.text[p.start : p.end], p.kind) for p in doc.paragraphs]
    assert ("Background", "heading") in kinds
    assert ("- Offices foster chance encounters between colleagues", "list_item") in kinds
    assert ("1. Measure output, not hours", "list_item") in kinds
    assert ("Nobody ever wished they had spent more time commuting.", "quote") in kinds
    assert ("Team | Output", "table_row") in kinds and ("Alpha | +12%", "table_row") in kinds
    texts = [c.text for c in doc.candidates]
    assert texts[:2] == ["Remote work raises productivity for most teams.", "It also saves commuting time."]
    assert "Offices foster chance encounters between colleagues" in texts
    assert "Background" not in texts and "Team | Output" not in texts


def test_pdf_reading_order_hyphenation_and_running_header(tmp_path):
    header = "Journal of Generated Papers - Vol. 7"
    pages = [
        ["Nuclear power is the safest source of electricity per unit of energy.",
         "Its critics point to waste storage, which remains an unsolved prob-",
         "lem in most countries, and to the cost of new plants.", "",
         "Renewables are now cheaper to build than any fossil plant."],
        ["Storage is the missing piece for solar and wind in the grid.",
         "Batteries have become much cheaper over the last ten years.", "",
         "The debate is therefore about costs rather than about safety."],
    ]
    path = make_pdf(tmp_path / "paper.pdf", pages, header=header)
    doc = ingest_file(path)
    check_offsets(doc)
    assert doc.format == "pdf" and doc.title == "A Generated Paper"
    assert doc.metadata["author"] == "Test Author"
    assert "Journal of Generated" not in doc.text
    assert "unsolved problem in most countries" in doc.text
    assert "prob-" not in doc.text
    lines = doc.text.split("\n")
    assert "1" not in lines and "2" not in lines
    texts = [c.text for c in doc.candidates]
    assert "Nuclear power is the safest source of electricity per unit of energy." in texts
    assert "The debate is therefore about costs rather than about safety." in texts
    # reading order: page 1 before page 2
    assert doc.text.index("Nuclear power") < doc.text.index("Storage is the missing")
