"""The real documents of shared/corpus/seeds: offsets contract for every candidate, and cleanliness."""

import re

from debatemap.ingest import ingest_file

from .conftest import check_offsets, seed


def test_offsets_contract_on_every_seed(seeds):
    for path in seeds:
        doc = ingest_file(path)
        check_offsets(doc)
        assert doc.candidates, path.name
        assert doc.sha256 and doc.title


def _no_immediate_repeats(doc):
    texts = [doc.text[p.start : p.end] for p in doc.paragraphs]
    return all(a != b for a, b in zip(texts, texts[1:]))


def test_seed_000_chat_export_is_repaired_and_deduplicated():
    doc = ingest_file(seed("000"))
    assert doc.encoding == "cp1253+repaired"
    assert "Slowdown’s" in doc.text and "let’s say" in doc.text and "GPT-4’s" in doc.text
    assert "“Equipping LLMs with agency and intrinsic motivation is a fascinating and important direction for future work”" in doc.text
    assert "Shoggothy…" in doc.text
    assert "β" not in doc.text and "π" not in doc.text and "€" not in doc.text
    assert _no_immediate_repeats(doc)
    assert doc.text.count("Big names been repeatedly reposting it") == 1
    assert doc.text.count("Internet:") == 1
    texts = [c.text for c in doc.candidates]
    assert "Internet:" not in texts and "Central meme claim:" not in texts
    assert "Dec 30, 2022" not in texts
    assert "Unsupervised (inaccurate but common term) pretraining on human text." in texts
    assert "GPT-4’s creation of a classic extended analogy i.e. analogical mapping" in texts


def test_seed_001_notion_export_keeps_korean_and_drops_metadata():
    doc = ingest_file(seed("001"))
    assert doc.title == "AI Incentive"
    assert doc.metadata["creator"] == "Alan Jo" and doc.metadata["edited"] == "2024 May 17 3:10"
    assert "llm의 목표는 언어가 아니다 induced된 것" in doc.text
    assert "chatgpt는 agi를 align 위한 대중들이 참여하는 community platform" in doc.text
    for word in ("Creator", "Edited", "Alan JoAlan Jo", "2023 Dec 2"):
        assert all(word not in c.text for c in doc.candidates), word
        assert word not in doc.text
    texts = [c.text for c in doc.candidates]
    assert "computing cost is decreasing exponentially" in texts
    assert "Teaching a man how to fish is more valuable than just giving him a fish." in texts
    assert "Change in perspective is necessary because some abilities only emerge at a certain scale." in texts
    assert "Observation" not in texts


def test_seed_002_and_003_sentences():
    texts = [c.text for c in ingest_file(seed("002")).candidates]
    assert "I took the Giving What We Can pledge to donate at least 10% of my income for the rest of my life or until the day I retire (why?)." in texts
    assert "Why this isn’t optimised against during training?" in texts
    doc = ingest_file(seed("003"))
    texts = [c.text for c in doc.candidates]
    assert "I’ve always found it to be men’s main job to calm women down 😊" in texts
    assert "Most of the real world is actually the long tail." in texts
    assert "food" not in texts and "1- Musicality:" not in texts
    assert doc.text.count("- food") == 2  # a list that repeats on purpose, not an immediate repeat


def test_seed_004_markdown_newsletter():
    doc = ingest_file(seed("004"))
    assert doc.format == "md"
    assert doc.title == "Reckoning with the Shoggoth of AI"
    assert doc.metadata["date"] == "2023-11-08"
    for junk in ("](", "http", "![", ":::", "{#", "footnote", "<div>", "\\'", '\\"', "---"):
        assert junk not in doc.text, junk
    kinds = {doc.text[p.start : p.end]: p.kind for p in doc.paragraphs}
    assert kinds["Overt politics with open letters and executive orders"] == "heading"
    texts = [c.text for c in doc.candidates]
    assert "RLHF is the smiling face of the Shoggoth Monster." in texts
    assert "I want to touch on AI interfaces (and app stores) soon." in texts  # footnote text
    assert "None of them provide good evidence for the paper's conclusion." in texts  # block quote
    assert not any(re.fullmatch(r"\d+", t) for t in texts)
