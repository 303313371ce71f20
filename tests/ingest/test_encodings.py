"""Decoding: BOMs, UTF-16, legacy code pages, and mojibake repair that keeps curly quotes."""

import pytest

from debatemap.ingest import ingest_bytes
from debatemap.ingest.decode import decode_bytes

WESTERN = "Café “quoted” – naïve façade costs 5 €. Don’t worry; it’s fine, señor.\n" * 3


@pytest.mark.parametrize(
    "text, encoding, expected",
    [
        (WESTERN, "utf-8", "utf-8"),
        (WESTERN, "utf-8-sig", "utf-8-sig"),
        (WESTERN, "utf-16", "utf-16"),
        (WESTERN, "utf-32", "utf-32"),
        (WESTERN, "cp1252", "cp1252"),
        # short letters were taken for DOS Baltic (cp775) before Windows pages were preferred
        ("Dear council, “free fares” are a fine idea; café owners agree.\n"
         "Yet the naïve plan ignores the cost.\n", "cp1252", "cp1252"),
        ("Señor, “no” — c’est déjà vu.\n", "cp1252", "cp1252"),
        ("Niños pequeños comían piñas en el año pasado.\n", "cp1252", "cp1252"),
        ("Die Größe des Übels ist mäßig, sagte der Bürgermeister.\n" * 3, "cp1252", "cp1252"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.\n" * 3, "cp1251", "cp1251"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю.\n" * 3, "koi8-r", "koi8-r"),
        ("Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο.\n" * 3, "cp1253", "cp1253"),
        ("Zażółć gęślą jaźń, powiedział pan Łukasz wczoraj wieczorem.\n" * 3, "cp1250", "cp1250"),
        ("今日は良い天気です。明日も晴れるでしょう。\n" * 3, "shift_jis", None),
        ("나는 학생이다. 그는 선생님이다! 우리는 친구이다.\n" * 3, "euc-kr", None),
        ("나는 학생이다. 그는 선생님이다!\n" * 3, "utf-16-le", "utf-16-le"),
    ],
)
def test_decoding_round_trip(text, encoding, expected):
    decoded, detected = decode_bytes(text.encode(encoding))
    assert decoded.lstrip("\ufeff") == text
    if expected:
        assert detected == expected


def test_ingest_reports_the_encoding_and_keeps_text():
    doc = ingest_bytes(WESTERN.encode("cp1252"), "legacy.txt")
    assert doc.encoding == "cp1252"
    assert "Don’t worry; it’s fine, señor." in doc.text


def test_mojibake_repaired_and_curly_quotes_kept():
    broken = "The author said â€œthis is importantâ€\x9d and didnâ€™t stop there, it seems."
    doc = ingest_bytes(broken.encode("utf-8"), "m.txt")
    assert doc.text == "The author said “this is important” and didn’t stop there, it seems."


def test_typographic_quotes_are_not_straightened():
    doc = ingest_bytes("She wrote “don’t” and ‘maybe’ in the margin of the report.".encode(), "q.txt")
    assert doc.text == "She wrote “don’t” and ‘maybe’ in the margin of the report."


def test_lossy_greek_pattern_repaired_only_where_it_shows():
    lossy = (
        "Researchers: βEquipping agents with goals is an important direction for future workβ\n"
        "Now for the Slowdownβs side of the story, which isnβt short.\n"
        "And most critically β the masks are superficial.\n"
        "π€£12π10π2β€1π1π1\n"
    )
    doc = ingest_bytes(lossy.encode(), "chat.txt")
    assert doc.encoding == "cp1253+repaired"
    assert "“Equipping agents with goals is an important direction for future work”" in doc.text
    assert "Slowdown’s side of the story, which isn’t short." in doc.text
    assert "β" not in doc.text and "π" not in doc.text
    greek = "Η αλφαβήτα: α, β, γ, δ. Το β είναι γράμμα και το π επίσης, όπως το βs.\nΚαι ένα βt ακόμη εδώ.\n"
    doc = ingest_bytes(greek.encode(), "greek.txt")
    assert doc.encoding == "utf-8" and doc.text == greek.strip()
