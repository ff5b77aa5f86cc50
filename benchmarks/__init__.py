"""Framelens benchmarks: `python -m benchmarks` (the figures: benchmarks/results.md and docs/performance.md)."""
