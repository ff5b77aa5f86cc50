"""Coding sheets: a reproducible, stratified random sample of what the tool found, for a human
coder to mark right or wrong, and the coded sheet read back.

A sheet has one row per item with the columns `article, start, end, text, context, group,
voice, correct`: `group` is the stratum (an actor's label group as `actor/group`, a loaded-
language category, or for sentences the tool's call, `loaded` or `not loaded`); `correct` is
left empty for the coder, who fills it with 1 (the tool is right) or 0 (it is wrong). A coder
may also fill `voice_correct` with 1 or 0: whether the tool's `voice` (the outlet's own words or
a quotation) is right.
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass, fields, replace
from typing import Literal

import numpy as np
import pandas as pd

from analysis.safe_csv import safe_csv

What = Literal["labels", "loaded", "sentences"]
WHAT: tuple[What, ...] = ("labels", "loaded", "sentences")
COLUMNS = ("article", "start", "end", "text", "context", "group", "voice", "correct")
# Beside them: how many items the stratum holds in the corpus, so that figures over strata can
# be weighted back to the corpus from the sheet alone.
SIZE = "stratum_size"
VOICE_CODE = "voice_correct"
LOADED, NOT_LOADED = "loaded", "not loaded"
_YES = {"1", "1.0", "true", "yes", "y", "correct", "right"}
_NO = {"0", "0.0", "false", "no", "n", "wrong"}


class SheetError(ValueError):
    """A sheet that cannot be read as codes; the message names the rows."""


@dataclass(frozen=True)
class SheetRow:
    article: str
    start: int
    end: int
    text: str
    context: str
    group: str
    voice: str
    correct: bool | None = None
    stratum_size: int = 0
    voice_correct: bool | None = None  # whether the tool's `voice` is right, when coded

    @property
    def key(self) -> tuple[str, int, int, str]:
        """What identifies an item across two coders' sheets."""
        return (self.article, self.start, self.end, self.group)


def _marked(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The sentence around an item, with the item in [square brackets]."""
    first, last = sentence
    return f"{text[first:start]}[{text[start:end]}]{text[end:last]}".strip()


def candidates(
    what: What,
    texts: Mapping[str, str],
    hits: pd.DataFrame,
    loaded: pd.DataFrame,
    sentences: pd.DataFrame,
    flag_at: float,
) -> list[SheetRow]:
    """Every item of `what`, in article and text order, from the corpus tables (`label_hits_frame`,
    `loaded_frame`, `sentences_frame`) and the articles' texts by id."""
    spans = {
        (row.id, row.sentence): (int(row.start), int(row.end))
        for row in sentences[["id", "sentence", "start", "end"]].itertuples(index=False)
    }
    rows = []
    if what in ("labels", "loaded"):
        frame = hits if what == "labels" else loaded
        groups = frame["target"] + "/" + frame["group"] if what == "labels" else frame["category"]
        for row, group in zip(frame.itertuples(index=False), groups, strict=True):
            text, start, end = texts[row.id], int(row.start), int(row.end)
            context = _marked(text, spans[(row.id, row.sentence)], start, end)
            rows.append(SheetRow(row.id, start, end, text[start:end], context, group, row.voice))
    else:
        body = sentences[~sentences["heading"].astype(bool)]
        for row in body.itertuples(index=False):
            text, start, end = texts[row.id], int(row.start), int(row.end)
            before = spans.get((row.id, row.sentence - 1))
            after = spans.get((row.id, row.sentence + 1))
            context = " ".join(
                part
                for part in (
                    text[before[0] : before[1]] if before else "",
                    f"[{text[start:end]}]",
                    text[after[0] : after[1]] if after else "",
                )
                if part
            )
            group = LOADED if row.loaded >= flag_at else NOT_LOADED
            rows.append(SheetRow(row.id, start, end, text[start:end], context, group, row.voice))
    rows.sort(key=lambda r: (r.article, r.start, r.end, r.group))
    return rows


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """How many items to draw from each stratum: as equal as the strata allow (every group gets
    enough coded items for its own precision), the rest spread over strata that have more."""
    taken = dict.fromkeys(sizes, 0)
    left = min(n, sum(sizes.values()))
    while left:
        open_strata = [s for s in sorted(sizes) if taken[s] < sizes[s]]
        share = max(1, left // len(open_strata))
        for stratum in open_strata:
            step = min(share, sizes[stratum] - taken[stratum], left)
            taken[stratum] += step
            left -= step
            if not left:
                break
    return taken


def sample(rows: Sequence[SheetRow], n: int, seed: int) -> list[SheetRow]:
    """A stratified random sample of `n` rows (by `group`), the same for the same seed and rows;
    returned in a shuffled order so that a coder does not see one stratum after another."""
    strata: dict[str, list[SheetRow]] = defaultdict(list)
    for row in rows:
        strata[row.group].append(row)
    counts = allocate({g: len(r) for g, r in strata.items()}, n)
    rng = np.random.default_rng(seed)
    chosen = []
    for group in sorted(strata):
        members = strata[group]
        picks = rng.choice(len(members), size=counts[group], replace=False)
        chosen += [replace(members[i], stratum_size=len(members)) for i in sorted(picks.tolist())]
    order = rng.permutation(len(chosen))
    return [chosen[i] for i in order.tolist()]


def sheet_frame(rows: Sequence[SheetRow]) -> pd.DataFrame:
    frame = pd.DataFrame([astuple(r) for r in rows], columns=[f.name for f in fields(SheetRow)])
    for column in ("correct", VOICE_CODE):
        codes = [getattr(r, column) for r in rows]
        frame[column] = pd.array([None if c is None else int(c) for c in codes], dtype="Int64")
    return frame


def sheet_csv(rows: Sequence[SheetRow]) -> bytes:
    """The sheet as CSV a spreadsheet opens as data (no cell runs as a formula)."""
    return safe_csv(sheet_frame(rows))


def _code(value: object) -> bool | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().lower()
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(text)


def _plain(value: object) -> str:
    """A text cell as written, less the quote mark that kept a formula-like cell from running."""
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def read_sheet(data: bytes) -> list[SheetRow]:
    """A coded sheet back from CSV; a missing column or a code other than 1/0 (yes/no,
    true/false) is refused with the rows it is on."""
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise SheetError(f"not a coding sheet: {error}") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise SheetError(f"not a coding sheet: no column {', '.join(missing)}")
    rows, bad = [], []
    for number, record in enumerate(frame.to_dict("records"), start=2):  # row 1 is the header
        try:
            correct = _code(record["correct"])
            voice_correct = _code(record.get(VOICE_CODE))
            start, end = int(float(record["start"])), int(float(record["end"]))
            size = int(float(record.get(SIZE) or 0))
        except ValueError:
            bad.append(number)
            continue
        rows.append(
            SheetRow(
                _plain(record["article"]),
                start,
                end,
                _plain(record["text"]),
                _plain(record["context"]),
                _plain(record["group"]),
                _plain(record["voice"]),
                correct,
                size,
                voice_correct,
            )
        )
    if bad:
        shown = ", ".join(map(str, bad[:10])) + (" …" if len(bad) > 10 else "")
        raise SheetError(
            f"rows {shown}: `correct` and `{VOICE_CODE}` must be 1 or 0 (or empty), start and end whole numbers"
        )
    return rows
