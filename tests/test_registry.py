"""The registry of measures: each measure's names live in one entry, and a new entry is seen
everywhere a measure is listed."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace

import pytest

from analysis import registry
from analysis.cli import main
from analysis.records import score_record
from analysis.registry import LOADED, MEASURES, Measure
from analysis.tables.scores import records_frame

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent

TOY = Measure(
    "tone.toy_exclamations",
    lambda s: s.article.text.count("!"),
    "toy_exclamations",
    "Exclamation marks (toy)",
    short="Toy !",
    comparable=True,
    scorecard=True,
    table=True,
)


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setattr(registry, "TONE", (*registry.TONE, TOY))
    monkeypatch.setattr(registry, "MEASURES", (*registry.MEASURES, TOY))
    return TOY


def test_a_toy_measure_is_one_entry_and_appears_everywhere(toy, seeds, seed_scores, capsys, tmp_path):
    from ui.catalogue import scorecard_columns

    scores = next(iter(seed_scores.values()))
    record = score_record(scores)
    assert record["tone"]["toy_exclamations"] == scores.article.text.count("!")
    assert records_frame([record])["toy_exclamations"].tolist() == [scores.article.text.count("!")]
    assert toy in registry.comparable({"a": "A"})
    assert scorecard_columns()["toy_exclamations"] == "Toy !"
    assert main(["score", "--collection", "seeds", "--format", "table"]) == 0
    assert "Toy !" in capsys.readouterr().out.splitlines()[0]
    for number, article in enumerate([*seeds, *seeds]):  # six articles from two outlets
        text = f"---\noutlet: {'AB'[number % 2]}\n---\n{article.text}{'!' * number}"
        (tmp_path / f"{number}.md").write_text(text, encoding="utf-8")
    assert main(["compare", str(tmp_path), "--by", "outlet", "--measure", toy.path, "--format", "json"]) == 0
    compared = json.loads(capsys.readouterr().out)
    assert compared["measure"] == toy.path and [g["group"] for g in compared["groups"]] == ["A", "B"]


def test_every_measure_has_its_names_once():
    columns = [m.column for m in MEASURES if m.column]
    paths = [m.path for m in MEASURES]
    assert len(columns) == len(set(columns)) and len(paths) == len(set(paths))
    for measure in MEASURES:
        if measure.comparable:
            assert measure.label and measure.column, measure.path


@pytest.mark.parametrize("name", [LOADED.column, registry.SENTENCE_TONE.column, registry.HEADLINE_TONE.column])
def test_a_measure_s_name_is_written_only_in_the_registry(name):
    """Outside the registry (and the tests, and the figures the evaluation wrote), a measure is
    named through its entry, never by spelling its column again."""
    found = subprocess.run(
        ["git", "grep", "--untracked", "-l", f'"{name}"', "--", ".", ":!tests", ":!evaluation/results"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert found == ["analysis/registry.py"]


def test_records_keep_their_layout(seed_scores):
    """The tone block's keys in the order the command line has always printed them."""
    record = score_record(next(iter(seed_scores.values())))
    assert list(record["tone"]) == [
        "sentence_mean",
        "negative_share",
        "positive_share",
        "own_voice",
        "quoted",
        "headline",
        "loaded_per_1k",
        "loaded_quoted_per_1k",
        "loaded_by_category",
    ]
    assert json.loads(json.dumps(record)) == record
    assert replace(LOADED, label="x").path == LOADED.path
