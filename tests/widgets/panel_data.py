"""Test data for the widget tests: a structured document with emoji, as a DocumentImport."""

from debatemap.core.ids import new_id
from debatemap.core.model import Document
from debatemap.document.mapdocument import MapDocument
from debatemap.store.imports import DocumentImport

#: Every paragraph kind the panel styles, with astral characters before most spans.
TEXT = (
    "The 😀 heading\n\n"
    "A 😀 claim. Next one.\n\n"
    "- 🎉 a listed point here\n\n"
    "> quoted 𝒳 words\n\n"
    "Creator: Ann"
)


def span(text, part):
    start = text.index(part)
    return start, start + len(part)


def structured_import(text=TEXT):
    document = Document(
        id=new_id("d"), title="Emoji essay", text=text, format="md", encoding="utf-8",
        origin="/data/emoji essay.md", sha256=new_id("sha"), metadata={"author": "Ann", "date": "2024"},
    )
    paragraphs = [
        (*span(text, "The 😀 heading"), "heading"),
        (*span(text, "A 😀 claim. Next one."), "paragraph"),
        (*span(text, "- 🎉 a listed point here"), "list_item"),
        (*span(text, "> quoted 𝒳 words"), "quote"),
        (*span(text, "Creator: Ann"), "metadata"),
    ]
    candidates = [span(text, "A 😀 claim."), span(text, "Next one."), span(text, "🎉 a listed point here")]
    return DocumentImport(document, paragraphs, candidates)



def plain_import(text, title="Plain"):
    """A document with no paragraph structure and its first sentence as the one candidate."""
    document = Document(id=new_id("d"), title=title, text=text, format="txt", encoding="utf-8",
                        sha256=new_id("sha"))
    return DocumentImport(document, [], [(0, text.index(".") + 1)])
