"""Format readers: each turns one file's content into an Extracted (title, metadata, blocks)."""
