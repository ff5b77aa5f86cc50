"""The CMU Pronouncing Dictionary for textstat, offline.

textstat counts English syllables with NLTK's copy of the CMU dictionary and downloads it
on first use. Framelens never downloads anything at run time: it ships the dictionary as a
data file (`analysis/data/cmudict/`, under Carnegie Mellon University's BSD-style licence),
and this module writes it once in NLTK's corpus format into the project's data folder and
points NLTK at it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from functools import cache
from pathlib import Path

from analysis.paths import data_dir

CMUDICT_FILE = Path(__file__).parent / "data" / "cmudict" / "cmudict.dict"
_VARIANT = re.compile(r"\(\d+\)$")  # "read(2)": the second pronunciation of "read"


@cache
def pronunciations() -> dict[str, list[list[str]]]:
    """Every word of the dictionary (lower case) and its pronunciations, in the file's order."""
    found: dict[str, list[list[str]]] = {}
    with CMUDICT_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split("#", 1)[0].split()
            if parts:
                found.setdefault(_VARIANT.sub("", parts[0]), []).append(parts[1:])
    return found


@cache
def _dictionary_version() -> str:
    """A short digest of the shipped file: a changed dictionary gets new derived files."""
    return hashlib.sha256(CMUDICT_FILE.read_bytes()).hexdigest()[:12]


def _write_corpus(root: Path) -> None:
    """`corpora/cmudict/cmudict` in NLTK's format: `WORD  n  PHONES`, written atomically."""
    target = root / "corpora" / "cmudict" / "cmudict"
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for word, spoken in sorted(pronunciations().items()):
        for number, phones in enumerate(spoken, start=1):
            lines.append(f"{word.upper()} {number} {' '.join(phones)}\n")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".cmudict-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.writelines(lines)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


@cache
def ensure_cmudict() -> Path:
    """Make NLTK find the CMU dictionary without a download; returns the NLTK data folder."""
    import nltk  # here: NLTK takes a second to import, and only textstat's own functions need it

    for root in (data_dir() / "nltk_data", Path(tempfile.gettempdir()) / "framelens-nltk-data"):
        try:
            _write_corpus(root)
        except OSError:
            continue
        if str(root) not in nltk.data.path:
            nltk.data.path.insert(0, str(root))
        nltk.data.find("corpora/cmudict")
        return root
    raise RuntimeError("could not write the CMU dictionary for textstat to any data folder")


def _count_syllables(phones: list[str]) -> int:
    return sum(1 for phone in phones if phone[-1].isdigit())


def _table_lines() -> list[str]:
    return [f"{word}\t{_count_syllables(prons[0])}\n" for word, prons in sorted(pronunciations().items()) if prons]


@cache
def syllable_table() -> dict[str, int]:
    """Every word of the CMU dictionary with the syllables of its first pronunciation (its phones
    that carry a stress digit), as textstat counts them. Kept as a small table in the data folder:
    a process reads it in a tenth of the time NLTK takes to parse the dictionary, which every
    command, the app and each Dask worker paid at start."""
    name = f"cmu-syllables-{_dictionary_version()}.tsv"
    for folder in (data_dir(), Path(tempfile.gettempdir()) / "framelens-nltk-data"):
        path = folder / name
        try:
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cmu-syllables-")
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.writelines(_table_lines())
                os.chmod(temporary, 0o644)
                os.replace(temporary, path)
            table = {}
            for line in path.read_text(encoding="utf-8").splitlines():
                word, _, count = line.partition("\t")
                table[word] = int(count)
            return table
        except (OSError, ValueError):
            continue
    return {word: int(count) for word, count in (line.rstrip("\n").split("\t") for line in _table_lines())}
