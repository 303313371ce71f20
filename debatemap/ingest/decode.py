"""Bytes to str: size and emptiness checks, binary sniffing, BOMs, and charset detection."""

from __future__ import annotations

import codecs

from .model import MAX_BYTES, FormatError

# Signatures of common non-text files, so that e.g. a PNG named notes.txt gets a clear reason.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office document (.doc/.xls)"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg media file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1b")


def sniff_binary(data: bytes) -> str | None:
    """The kind of a known binary file ("a PNG image"), or None."""
    head = data[:32]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if magic == b"MZ" and len(data) > 64 and b"This program" not in data[:512]:
                continue
            return kind
    if head[4:8] == b"ftyp":
        return "an MP4/QuickTime media file"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[head[8:12]]
    return None


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise FormatError(
            f"file is {size / 1024 / 1024:.1f} MB, over the import limit of {MAX_BYTES // (1024 * 1024)} MB"
        )
    if size == 0:
        raise FormatError("file is empty")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:200_000]
    # C0 controls only: C1 characters (U+0080-U+009F) are typical of mojibake, which ftfy repairs.
    bad = sum(1 for c in sample if (c < " " and c not in _ALLOWED_CONTROLS) or c == "\x7f")
    return bad / len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM puts its NUL bytes (from ASCII spaces, digits...) on one parity only."""
    sample = data[:20000]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even + odd < 2:
        return None
    codec = "utf-16-be" if even > odd else "utf-16-le"
    if min(even, odd) > 0.02 * (even + odd):
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec if _control_ratio(text) <= 0.01 else None


def _normalise_name(name: str) -> str:
    name = name.lower().replace("_", "-")
    return {"utf-16-le": "utf-16-le", "ascii": "utf-8", "latin-1": "latin-1", "iso-8859-1": "latin-1"}.get(name, name)


_DOS_AND_MAC = ("cp437", "cp720", "cp737", "cp775", "cp85", "cp86", "cp1125", "mac")


def _preferred(results, best):
    """The detector's pick, corrected for short texts: among the decodings that look as clean
    as its winner, a Windows or ISO page beats a DOS or Mac one (rare in documents today), and
    cp1252 (what Windows writes, a superset of latin-1) wins when rated about as coherent."""
    clean = [m for m in results if m.chaos <= best.chaos + 0.01]
    modern = [m for m in clean if not m.encoding.startswith(_DOS_AND_MAC)] or clean
    leader = max(modern, key=lambda m: m.coherence)
    for match in modern:
        if match.encoding == "cp1252" and match.coherence >= leader.coherence - 0.05:
            return match
    return leader


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    encoding = _preferred(results, best).encoding
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text, encoding = str(best), best.encoding
    # Pages that decode these bytes to the very same text are indistinguishable; name the usual one.
    for usual in ("cp1252",):
        try:
            if encoding != usual and data.decode(usual) == text:
                return text, usual
        except UnicodeDecodeError:
            pass
    return text, _normalise_name(encoding)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding name). Raises FormatError for binary or empty."""
    check_size(len(data))
    kind = sniff_binary(data)
    if kind:
        raise FormatError(f"this is {kind}, not a text document")
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec = "utf-8-sig" if name == "utf-8-sig" else name
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise FormatError(f"broken {name} text (invalid bytes at offset {error.start})") from None
            return _checked(text), name
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:20000]:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise FormatError("binary content, not a text document")
        return _checked(data.decode(codec)), codec
    detected = _detect(data)
    if detected is None:
        raise FormatError("binary content or an unknown text encoding")
    text, encoding = detected
    return _checked(text), encoding


def _checked(text: str) -> str:
    if _control_ratio(text) > 0.01:
        raise FormatError("binary content, not a text document")
    if not text.strip():
        raise FormatError("file contains only whitespace")
    return text
