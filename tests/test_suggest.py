"""Suggested terms for an actor: words that fill the seed forms' slots, with offsets and counts."""

from __future__ import annotations

import pandas as pd

from analysis.suggest import MIN_COUNT, suggest_terms
from analysis.tables.scores import sentences_frame


def _inputs(seed_scores):
    scores = list(seed_scores.values())
    texts = {s.article.id: s.article.text for s in scores}
    outlets = {s.article.id: s.article.id[:3] for s in scores}
    return texts, sentences_frame(scores), outlets


def test_the_seeds_other_word_for_rebels_comes_first_with_its_evidence(seed_scores):
    texts, sentences, outlets = _inputs(seed_scores)
    found = suggest_terms(texts, sentences, outlets, ["rebels"])
    best = found[0]
    assert best.term == "insurgents"
    assert "syrian _ captured" in best.slots  # "Syrian insurgents captured" beside "Syrian rebels captured"
    assert best.count == sum(best.per_outlet.values()) and best.count >= MIN_COUNT
    for article, start, end in best.examples:  # each use points at the term in its article
        assert texts[article][start:end].lower() == "insurgents"
    assert all(s.term != "rebels" for s in found)


def test_known_forms_are_left_out_and_unknown_seeds_give_nothing(seed_scores):
    texts, sentences, outlets = _inputs(seed_scores)
    found = suggest_terms(texts, sentences, outlets, ["rebels"], known=["insurgents", "rebel forces"])
    assert {"insurgents", "rebel forces"}.isdisjoint(s.term for s in found)
    assert suggest_terms(texts, sentences, outlets, ["zeppelins"]) == []


def test_a_term_used_alike_in_another_story_is_found():
    """A made-up corpus: "migrants" and "asylum seekers" fill the same slots; "weather" does not."""
    lines = []
    for k in range(6):
        lines += [
            f"Police said the migrants crossed the border on day {k}.",
            f"Police said the asylum seekers crossed the border on day {k}.",
            f"The weather was cold on day {k}.",
        ]
    text = " ".join(lines)
    starts, end = [], 0
    for line in lines:
        start = text.index(line, end)
        starts.append((start, start + len(line)))
        end = start + len(line)
    sentences = pd.DataFrame({"id": "a", "start": [s for s, _ in starts], "end": [e for _, e in starts]})
    found = suggest_terms({"a": text}, sentences, {"a": "Wire"}, ["migrants"])
    assert found[0].term == "asylum seekers" and found[0].per_outlet == {"Wire": 6}
    assert "weather" not in [s.term for s in found]
