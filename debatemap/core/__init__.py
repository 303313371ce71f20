"""Domain model, ids, errors and graph analysis: pure Python, no Qt, no SQL."""
