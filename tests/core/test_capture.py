"""Quick-capture parsing: one-key prefixes set the kind and the link to the selected node."""

import pytest

from debatemap.core.capture import parse_capture
from debatemap.core.errors import InvalidValueError
from debatemap.core.model import EdgeType, NodeKind


@pytest.mark.parametrize("line, kind, text, link", [
    ("Fares should be free", NodeKind.CLAIM, "Fares should be free", EdgeType.SUPPORT),
    ("? Who pays for it", NodeKind.QUESTION, "Who pays for it", EdgeType.SUPPORT),
    ("?Who pays", NodeKind.QUESTION, "Who pays", EdgeType.SUPPORT),
    ("+ Buses fill up", NodeKind.CLAIM, "Buses fill up", EdgeType.SUPPORT),
    ("-It costs too much", NodeKind.OBJECTION, "It costs too much", EdgeType.ATTACK),
    ("! Try it for a month", NodeKind.IDEA, "Try it for a month", EdgeType.SUPPORT),
    ("n ask the council", NodeKind.NOTE, "ask the council", EdgeType.SUPPORT),
    ("  n   spaced out  ", NodeKind.NOTE, "spaced out", EdgeType.SUPPORT),
    ("nobody rides at night", NodeKind.CLAIM, "nobody rides at night", EdgeType.SUPPORT),
    ("N is not a prefix", NodeKind.CLAIM, "N is not a prefix", EdgeType.SUPPORT),
    ("\\-5 degrees is too cold", NodeKind.CLAIM, "-5 degrees is too cold", EdgeType.SUPPORT),
    ("\\n is a letter", NodeKind.CLAIM, "n is a letter", EdgeType.SUPPORT),
    ("\\plain", NodeKind.CLAIM, "\\plain", EdgeType.SUPPORT),
    ("?? twice", NodeKind.QUESTION, "? twice", EdgeType.SUPPORT),
])
def test_prefixes(line, kind, text, link):
    captured = parse_capture(line, has_parent=True)
    assert (captured.kind, captured.text, captured.link) == (kind, text, link)
    unlinked = parse_capture(line, has_parent=False)
    assert (unlinked.kind, unlinked.text, unlinked.link) == (kind, text, None)


@pytest.mark.parametrize("line, message", [
    ("", "the line is empty"), ("   ", "the line is empty"), ("?", r"after “\?”"),
    ("-   ", "after “-”"), ("n ", "after “n”"), ("n", "after “n”"), ("!", "after “!”"),
])
def test_nothing_to_capture_is_an_error(line, message):
    with pytest.raises(InvalidValueError, match=message):
        parse_capture(line, has_parent=True)
