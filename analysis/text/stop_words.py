"""English stop words, read from a data file (`analysis/lexicons/stop_words_english.txt`):
scikit-learn's list, kept as data so that reading it does not import scikit-learn (a second
of start-up for every command)."""

from __future__ import annotations

from pathlib import Path

STOP_WORDS_FILE = Path(__file__).resolve().parent.parent / "lexicons" / "stop_words_english.txt"

ENGLISH_STOP_WORDS: frozenset[str] = frozenset(
    line.strip()
    for line in STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
