"""The cache's JSON: typed results written and read back exactly, and nothing else."""

from __future__ import annotations

import datetime as dt
import json
import math
from array import array
from dataclasses import dataclass
from functools import cached_property

import pytest

from analysis import codec
from analysis.corpus import Article
from analysis.scoring import scores_from_json, scores_to_json
from analysis.text import prepare


@dataclass(frozen=True)
class _Record:
    name: str
    when: dt.date | None
    values: array
    parts: tuple[float, ...]
    counts: dict[str, int]

    @cached_property
    def derived(self) -> int:
        return len(self.parts)


def test_a_record_round_trips_and_only_its_fields_are_written():
    record = _Record("Aleppo \u201cquoted\u201d", dt.date(2016, 12, 13), array("i", [3, -1]), (0.5, -0.25), {"a": 2})
    assert record.derived == 2  # a cached property now sits in the instance's __dict__
    data = codec.dumps(record)
    assert b"derived" not in data
    assert codec.loads(_Record, data) == record


def test_the_cache_format_is_plain_json_of_the_fields():
    """Scores cached before the move to msgspec must still read: the same JSON, field for field."""
    record = _Record("Homs", dt.date(2016, 12, 13), array("i", [3, -1]), (0.5, -0.25), {"a": 2})
    assert json.loads(codec.dumps(record)) == {
        "name": "Homs",
        "when": "2016-12-13",
        "values": {"array": "i", "items": [3, -1]},
        "parts": [0.5, -0.25],
        "counts": {"a": 2},
    }
    assert codec.dumps(record) == json.dumps(json.loads(codec.dumps(record)), separators=(",", ":")).encode()


@pytest.mark.parametrize(
    "change",
    [
        {"name": 3},
        {"parts": ["0.5"]},
        {"counts": {"a": True}},
        {"values": {"array": "i", "items": ["x"]}},
        {"values": [3, -1]},
        {"when": "13 December"},
    ],
)
def test_data_that_does_not_fit_the_type_is_refused(change):
    plain = {"name": "x", "when": None, "values": {"array": "i", "items": []}, "parts": [], "counts": {}}
    with pytest.raises(ValueError):
        codec.loads(_Record, json.dumps({**plain, **change}))


def test_a_prepared_text_with_its_tokens_computed_writes_its_fields_alone():
    prepared = prepare('The rebels said "no". Then they left.')
    assert prepared.tokens.words  # computed and cached on the instance
    written = codec.dumps(prepared)
    assert b"_quote_starts" not in written and b"tokens" not in written


def test_a_float_that_is_not_a_number_does_not_read_back():
    record = _Record("x", None, array("i"), (math.nan,), {})
    with pytest.raises(ValueError):
        codec.loads(_Record, codec.dumps(record))


def test_cached_scores_read_back_equal(seed_scores):
    for scores in seed_scores.values():
        back = scores_from_json(scores_to_json(scores), scores.article)
        assert (back.prepared, back.framing, back.tone, back.readability) == (
            scores.prepared,
            scores.framing,
            scores.tone,
            scores.readability,
        )
        assert isinstance(back.article, Article)
