"""Ingest figures: all seeds, 1 MB of plain text, and chars/s per stage; plus a reading tool.

``run()`` returns rows like the other benchmarks. ``python -m benchmarks.ingest_bench --look
[FILE...]`` prints what ingest makes of each seed (or the given files): paragraphs with their kind,
then the candidates, so a person can judge whether the text is clean and the claims are useful.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from debatemap.ingest import IngestError, ingest_bytes, ingest_file
from debatemap.ingest import decode, repair
from debatemap.ingest.assemble import assemble
from debatemap.ingest.formats.text import read_text

from benchmarks.timing import measure, row

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
GOALS = {"seeds": 1.0, "plain_1mb": 2.0}
RUNS = 5


def _measure(action, runs: int = RUNS) -> list[float]:
    return measure(action, runs)


def _row(name: str, label: str, times: list[float], chars: int, goal: float) -> dict:
    return row(name, label, times, goal, chars=chars)


def plain_text(size: int = 1_000_000, seed: int = 3) -> str:
    """About ``size`` characters of prose-like text in paragraphs, from the seeds' own vocabulary."""
    rng = random.Random(seed)
    source = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*"))) if SEEDS.is_dir() else ""
    words = [w for w in source.split() if w.isalpha()] or "the claim is that cities should fund transit".split()
    parts, total = [], 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            sentence = " ".join(rng.choices(words, k=rng.randint(6, 28)))
            sentences.append(sentence[:1].upper() + sentence[1:] + rng.choice(".....?!"))
        paragraph = " ".join(sentences)
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def run() -> list[dict]:
    rows = []
    seeds = sorted(SEEDS.glob("*")) if SEEDS.is_dir() else []
    if seeds:
        blobs = [(p.read_bytes(), str(p)) for p in seeds]
        chars = sum(len(ingest_bytes(data, name).text) for data, name in blobs)
        times = _measure(lambda: [ingest_bytes(data, name) for data, name in blobs])
        rows.append(_row("ingest_seeds", f"ingest all {len(seeds)} seeds", times, chars, GOALS["seeds"]))
    text = plain_text()
    data = text.encode("utf-8")
    rows.append(_row("ingest_plain_1mb", "ingest 1 MB plain text", _measure(lambda: ingest_bytes(data, "big.txt"), 3),
                     len(text), GOALS["plain_1mb"]))
    decoded, _ = decode.decode_bytes(data)
    rows.append(_row("ingest_stage_decode", "  stage decode (1 MB)", _measure(lambda: decode.decode_bytes(data), 3),
                     len(text), GOALS["plain_1mb"]))
    repaired, encoding = repair.repair(decoded, "utf-8")
    rows.append(_row("ingest_stage_normalise", "  stage normalise: ftfy + repair (1 MB)",
                     _measure(lambda: repair.repair(decoded, "utf-8"), 3), len(text), GOALS["plain_1mb"]))
    rows.append(_row("ingest_stage_structure", "  stage structure: lines to paragraphs (1 MB)",
                     _measure(lambda: read_text(repaired, "big.txt"), 3), len(text), GOALS["plain_1mb"]))
    extracted = read_text(repaired, "big.txt")
    rows.append(_row("ingest_stage_segment", "  stage segment + candidates (1 MB)",
                     _measure(lambda: assemble(read_text(repaired, "big.txt").blocks), 3), len(text), GOALS["plain_1mb"]))
    del extracted
    cp = text.encode("cp1252", errors="replace")
    rows.append(_row("ingest_stage_decode_cp1252", "  stage decode, cp1252 detection (1 MB)",
                     _measure(lambda: decode.decode_bytes(cp), 3), len(text), GOALS["plain_1mb"]))
    return rows


def look(paths: list[Path]) -> None:
    for path in paths:
        try:
            doc = ingest_file(path)
        except IngestError as error:
            print(f"### ERROR {error}")
            continue
        print(f"### {path.name}  title={doc.title!r} format={doc.format} encoding={doc.encoding}")
        print(f"    metadata={doc.metadata}")
        for p in doc.paragraphs:
            print(f"  [{p.kind:9}] {doc.text[p.start:p.end]}")
        print(f"  --- {len(doc.candidates)} candidates")
        for c in doc.candidates:
            print(f"   * {c.text}")


if __name__ == "__main__":
    if "--look" in sys.argv:
        look([Path(a) for a in sys.argv[2:]] or sorted(SEEDS.glob("*")))
    else:
        for r in run():
            print(f"{r['label']:<48} median {r['median_s'] * 1000:8.1f} ms  "
                  f"{r['chars_per_s'] / 1e6:6.2f} M chars/s  goal {r['goal_s']:.1f} s")
