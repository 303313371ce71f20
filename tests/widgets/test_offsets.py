"""Code point offsets versus Qt's UTF-16 positions, both ways, with emoji and other astral text."""

import pytest

from debatemap.widgets.offsets import OffsetMap, from_utf16, to_utf16

TEXTS = [
    "",
    "plain ASCII only",
    "A 😀 claim. Next one.",
    "😀",
    "😀😀x😀",
    "Korean 한국어 is in the BMP; 𝒳 and 🇩🇪 are not.",
    "ends with an emoji 🎉",
]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", TEXTS)
def test_every_offset_round_trips(text):
    offsets = OffsetMap(text)
    assert offsets.utf16_length == utf16_len(text)
    for index in range(len(text) + 1):
        position = offsets.to_utf16(index)
        assert position == utf16_len(text[:index])
        assert offsets.from_utf16(position) == index


def test_example_shift_after_an_emoji():
    text = "A 😀 claim. Next one."
    start, end = text.index("claim."), text.index("claim.") + len("claim.")
    assert (to_utf16(text, start), to_utf16(text, end)) == (start + 1, end + 1)
    assert text[from_utf16(text, start + 1):from_utf16(text, end + 1)] == "claim."
    assert to_utf16(text, text.index("😀")) == 2  # nothing before it shifts


def test_a_position_inside_a_surrogate_pair_goes_to_the_character_start():
    text = "ab😀cd"
    assert from_utf16(text, 3) == 2  # between the two halves of 😀
    assert from_utf16(text, 4) == 3


def test_out_of_range_values_are_clamped():
    offsets = OffsetMap("x😀")
    assert offsets.to_utf16(-5) == 0 and offsets.to_utf16(99) == 3
    assert offsets.from_utf16(-1) == 0 and offsets.from_utf16(99) == 2


def test_spans():
    offsets = OffsetMap("😀 one 😀 two")
    assert offsets.span_to_utf16(2, 5) == (3, 6)
    assert offsets.span_from_utf16(3, 6) == (2, 5)
