"""The handout of a map read from AIF lists reasons, not the bare RA/CA inference nodes."""

from pathlib import Path

import pytest

from debatemap.interchange.aif import read_aif, write_aif
from debatemap.interchange.kialo import read_kialo
from debatemap.interchange.outline import write_outline

KIALO = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "kialo"


@pytest.mark.skipif(not KIALO.is_dir(), reason=f"fixtures not at {KIALO}")
def test_an_aif_round_trip_outline_reads_like_the_kialo_one():
    (source,) = sorted(KIALO.glob("*.txt"))
    direct = read_kialo(source.read_text(encoding="utf-8"), str(source))
    via_aif = read_aif(write_aif(direct), "via.aif.json")
    outline = write_outline(via_aif)
    assert "** CA" not in outline and "** RA" not in outline
    assert "**Premise:**" not in outline
    assert outline.count("**Con:**") == write_outline(direct).count("**Con:**")
    assert outline.count("**Pro:**") == write_outline(direct).count("**Pro:**")
