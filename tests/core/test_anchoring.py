"""Re-anchoring excerpts in a changed text: moved, duplicated, deleted and edited passages."""

from debatemap.core.anchoring import LOST, MOVED, OK, reanchor
from debatemap.core.argmap import excerpt_of
from debatemap.core.model import Document

OLD = (
    "Fares are a small share of the budget. Free transit brings new riders to the buses. "
    "Critics say the cost is too high. The city can afford it by taxing parking."
)


def excerpt(text: str, quote: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    document = Document(id="d-1", title="Essay", text=text, format="txt", encoding="utf-8")
    return excerpt_of(document, start, start + len(quote), "x-1")


def test_an_unchanged_passage_stays_ok():
    x = excerpt(OLD, "Critics say the cost is too high.")
    anchor = reanchor(OLD, x)
    assert (anchor.start, anchor.end, anchor.status) == (x.start, x.end, OK)


def test_a_moved_passage_follows_its_quote():
    x = excerpt(OLD, "Critics say the cost is too high.")
    new = "A new opening paragraph was added.\n\n" + OLD
    anchor = reanchor(new, x)
    assert anchor.status == MOVED
    assert new[anchor.start:anchor.end] == x.quote == anchor.quote
    assert anchor.start == x.start + len("A new opening paragraph was added.\n\n")
    assert new[anchor.start - len(anchor.before):anchor.start] == anchor.before


def test_a_duplicated_quote_is_resolved_by_its_context():
    text = ("Cities differ. Free transit works. It worked in Tallinn, says one study. "
            "Later, a skeptic wrote: free transit works. Only with dense housing.")
    x = excerpt(text, "ree transit works.", occurrence=1)  # the skeptic's one
    new = "Preface. " + text.replace("Cities differ.", "Cities differ a lot.")
    anchor = reanchor(new, x)
    assert anchor.status == MOVED
    assert new[anchor.start:anchor.end] == "ree transit works."
    assert new[anchor.start - 20:anchor.start].endswith("skeptic wrote: f")


def test_a_deleted_passage_is_flagged_lost_and_keeps_its_quote():
    x = excerpt(OLD, "Critics say the cost is too high.")
    new = OLD.replace("Critics say the cost is too high. ", "")
    anchor = reanchor(new, x)
    assert anchor.status == LOST
    assert anchor.quote == x.quote and anchor.before == x.before
    assert 0 <= anchor.start < anchor.end <= len(new)


def test_a_lightly_edited_passage_is_found_fuzzily():
    x = excerpt(OLD, "Free transit brings new riders to the buses.")
    new = OLD.replace("Free transit brings new riders to the buses.",
                      "Free transit brings many new riders to the buses.")
    anchor = reanchor(new, x)
    assert anchor.status == MOVED
    assert new[anchor.start:anchor.end] == "Free transit brings many new riders to the buses."
    assert anchor.quote == new[anchor.start:anchor.end]


def test_a_rewritten_passage_is_not_matched_fuzzily():
    x = excerpt(OLD, "Free transit brings new riders to the buses.")
    new = OLD.replace("Free transit brings new riders to the buses.",
                      "Ridership did not change much when fares were dropped.")
    assert reanchor(new, x).status == LOST
