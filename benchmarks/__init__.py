"""Benchmarks: figures for speed and memory, run by hand (`scripts/bench`), never by pytest."""
