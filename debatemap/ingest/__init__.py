"""Documents in, clean normalised text, paragraph structure and candidate claims out (no Qt)."""

from .model import (
    FORMATS,
    MAX_BYTES,
    PARAGRAPH_KINDS,
    Candidate,
    IngestedDocument,
    IngestError,
    Paragraph,
)
from .pipeline import SUPPORTED, ingest_bytes, ingest_file

__all__ = [
    "FORMATS", "MAX_BYTES", "PARAGRAPH_KINDS", "SUPPORTED", "Candidate", "IngestError",
    "IngestedDocument", "Paragraph", "ingest_bytes", "ingest_file",
]
