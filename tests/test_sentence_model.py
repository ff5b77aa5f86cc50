"""The loaded-wording sentence model: what it reads, what it says, and the file it ships as."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.sentence_model import (
    MODEL_FILE,
    content_words,
    features,
    hand_feature_names,
    load_model,
    model_from_json,
    score_inputs,
    sentence_inputs,
)
from analysis.text import prepare
from analysis.tone import find_loaded, load_loaded_words

NAMES = (
    "Mr. Savage told the Supreme Court that the Grand Rapids plan was a disaster.",
    "The KIA count in NH rose, Judge Sharp said.",
    "Senator Rich Faith and Dr. Hope Bliss praised the deal.",
    "Hayat Tahrir al-Sham fighters entered the city.",
)


@pytest.mark.parametrize("text", NAMES)
def test_a_word_inside_a_proper_name_is_neither_a_feature_nor_evidence(text):
    prepared = prepare(text)
    words = {w for w, _, _ in content_words(text, prepared, 0, len(text))}
    named = {"Savage", "Supreme", "Grand", "Rapids", "KIA", "NH", "Sharp", "Rich", "Faith", "Hope", "Bliss", "al-Sham"}
    assert not words & named
    hits = find_loaded(prepared, load_loaded_words())
    assert not {h.text for h in hits} & {"Savage", "Supreme", "Grand", "Sharp", "Rich", "Faith", "Hope", "Bliss"}
    for judged in score_inputs(load_model(), sentence_inputs(prepared, hits)):
        assert not set(judged.evidence) & {"Savage", "Supreme", "Grand", "KIA", "Sharp", "Faith", "Hope", "Bliss"}


def test_the_model_file_says_what_it_was_trained_on():
    model = load_model()
    raw = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert len(model.coef) == len(model.names) == len(model.mean) == len(hand_feature_names()) + 256
    training = {t["set"]: t for t in raw["about"]["training"]}
    assert set(training) == {"babe", "ptc", "newssd"}
    assert all(len(t["sha256"]) == 64 and t["licence"] and t["half"] == "dev" for t in training.values())
    assert 0 < model.threshold < 1 and raw["about"]["scikit_learn"]


def test_learned_word_weights_count_each_word_once_and_never_a_name():
    model = load_model()
    assert len(model.words) > 1000 and all(w == w.lower() for w in model.words)
    text = "Brutal, brutal thugs met Judge Sharp."
    prepared = prepare(text)
    [item] = sentence_inputs(prepared, find_loaded(prepared, load_loaded_words()))
    expected = sum(model.words.get(w, 0.0) for w in ("brutal", "thugs", "met"))
    assert model.word_logit(item) == pytest.approx(expected)  # "brutal" twice counts once; "Sharp" is a name
    # The file's weights are the model's: a round trip through JSON keeps every one of them.
    again = model_from_json(model.to_json())
    assert again.words == pytest.approx(model.words, abs=1e-5)
    rows = features([item])
    assert again.probability(rows, [item]) == pytest.approx(model.probability(rows, [item]), abs=1e-4)


def test_loaded_sentences_score_above_plain_ones_and_name_their_words():
    plain = "The committee met on Tuesday to review the budget for the coming year."
    loaded = "The corrupt regime's brutal thugs slaughtered innocent protesters in a shameful massacre."
    inputs = [sentence_inputs(prepare(t), find_loaded(prepare(t), load_loaded_words()))[0] for t in (plain, loaded)]
    low, high = score_inputs(load_model(), inputs)
    assert high.probability > 0.8 and low.probability < 0.35 and high.probability - low.probability > 0.5
    assert high.loaded and not low.loaded and low.evidence == ()
    assert {"brutal", "thugs"} <= {w.lower() for w in high.evidence}
    rows = features(inputs)
    assert rows.shape == (2, len(hand_feature_names()) + 256) and np.isfinite(rows).all()


def test_score_sentences_writes_one_row_per_sentence_with_its_evidence(capsys):
    assert main(["score", "--sentences", "--format", "json"]) == 0
    output = json.loads(capsys.readouterr().out)
    rows = output["sentences"]
    assert output["framelens"]["sentence_model"]["training"]
    assert set(rows[0]) == {
        "article",
        "index",
        "start",
        "end",
        "text",
        "voice",
        "headline",
        "tone",
        "loaded_score",
        "loaded",
        "evidence",
    }
    assert {r["voice"] for r in rows} >= {"own", "mixed"} and any(r["headline"] for r in rows)
    frame = pd.DataFrame(rows)
    own = frame[(frame["voice"] == "own") & ~frame["headline"]]
    figure = own.groupby("article")["loaded_score"].mean()
    assert figure.idxmax().startswith("004_")  # the seed written to be loaded is the most loaded
    assert all(r["evidence"] for r in rows if r["loaded"])
    assert main(["score", "--sentences", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(table) == len(rows) and "framelens_method" in table.columns
