"""Validation on one's own corpus: agreement figures equal textbook values and independent
implementations; sheets are reproducible, stratified and read back safely; the command line
draws a sheet and reports on it."""

from __future__ import annotations

import json
import random

import pytest
from scipy.stats import binomtest
from sklearn.metrics import cohen_kappa_score

from analysis.cli import main
from analysis.tables.scores import label_hits_frame, loaded_frame, sentences_frame
from analysis.tone import load_loaded_words
from analysis.validation import (
    COLUMNS,
    SheetError,
    SheetRow,
    candidates,
    cohen_kappa,
    krippendorff_alpha,
    read_sheet,
    sample,
    sheet_csv,
    validation_report,
    wilson,
)
from analysis.validation.sheets import LOADED, NOT_LOADED, allocate
from ui.validation import report_lines


@pytest.mark.parametrize(
    "successes, n, low, high",
    # Newcombe (1998), Two-sided confidence intervals for the single proportion, Statistics in
    # Medicine 17, Table I, method 3 (Wilson score interval without continuity correction).
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_wilson_interval_equals_newcombe_s_table(successes, n, low, high):
    assert wilson(successes, n) == pytest.approx((low, high), abs=5e-5)


def test_wilson_interval_equals_scipy_s_on_every_share():
    for n in (1, 2, 7, 50, 333):
        for successes in range(0, n + 1, max(1, n // 13)):
            theirs = binomtest(successes, n).proportion_ci(confidence_level=0.95, method="wilson")
            assert wilson(successes, n) == pytest.approx((theirs.low, theirs.high), abs=1e-9)
    assert wilson(0, 0) is None


def test_cohen_kappa_equals_the_textbook_and_scikit_learn():
    # 50 items: both yes 20, yes-no 5, no-yes 10, both no 15: observed 0.7, chance 0.5, kappa 0.4.
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)
    rng = random.Random(7)
    for _ in range(50):
        a = [rng.choice("abc") for _ in range(40)]
        b = [x if rng.random() < 0.6 else rng.choice("abc") for x in a]
        assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    assert cohen_kappa([1, 1], [1, 1]) is None  # one code throughout: agreement by chance is certain


def test_krippendorff_alpha_equals_krippendorff_s_worked_examples():
    """Krippendorff (2011), Computing Krippendorff's Alpha-Reliability: the binary example with two
    observers (alpha 0.095) and the nominal example with four observers and missing values (0.743)."""
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha(list(zip(a, b, strict=True))) == pytest.approx(0.095, abs=5e-4)
    n = None
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert krippendorff_alpha(list(zip(*coders, strict=True))) == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha([(1, 1), (1, None)]) is None  # no variation: alpha is undefined


def test_two_coders_alpha_equals_kappa_corrected_for_sample_size():
    """For two coders and no missing codes, alpha is Scott's pi with the expected disagreement
    scaled by n/(n-1) (n the number of codes), and near kappa when the coders' marginals agree."""
    a = [1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0]
    b = [1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0]
    alpha, kappa = krippendorff_alpha(list(zip(a, b, strict=True))), cohen_kappa(a, b)
    ones = (sum(a) + sum(b)) / 24  # Scott's pi: chance agreement from the pooled codes
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / 12
    pi = (observed - (ones**2 + (1 - ones) ** 2)) / (1 - (ones**2 + (1 - ones) ** 2))
    assert alpha == pytest.approx(1 - (24 - 1) / 24 * (1 - pi))
    assert abs(alpha - kappa) < 0.05


def test_allocation_is_equal_where_strata_allow_and_never_exceeds_a_stratum():
    assert allocate({"a": 100, "b": 100, "c": 100}, 30) == {"a": 10, "b": 10, "c": 10}
    assert allocate({"a": 2, "b": 100, "c": 100}, 30) == {"a": 2, "b": 14, "c": 14}
    assert allocate({"a": 2, "b": 3}, 50) == {"a": 2, "b": 3}
    assert sum(allocate({"a": 7, "b": 9, "c": 11}, 20).values()) == 20


@pytest.fixture(scope="module")
def seed_items(seed_scores):
    return list(seed_scores.values())


def seed_candidates(scores, what):
    texts = {s.article.id: s.article.text for s in scores}
    frames = (label_hits_frame(scores), loaded_frame(scores), sentences_frame(scores))
    return candidates(what, texts, *frames, load_loaded_words().flag_at)


def test_a_sheet_is_the_same_for_the_same_seed_and_stratified(seed_items):
    items = seed_candidates(seed_items, "labels")
    assert items and all(i.context.count("[") >= 1 for i in items)
    first, again = sample(items, 40, seed=5), sample(items, 40, seed=5)
    assert sheet_csv(first) == sheet_csv(again)
    assert sheet_csv(sample(items, 40, seed=6)) != sheet_csv(first)
    groups = {row.group for row in items}
    assert {row.group for row in first} == groups or len(first) == 40
    for row in first:  # every hit points at its own text
        article = next(s.article for s in seed_items if s.article.id == row.article)
        assert article.text[row.start : row.end] == row.text
        assert row.stratum_size == sum(i.group == row.group for i in items)


def test_sentence_sheets_carry_the_tool_s_call_as_their_stratum(seed_items):
    items = seed_candidates(seed_items, "sentences")
    assert {i.group for i in items} == {LOADED, NOT_LOADED}
    drawn = sample(items, 20, seed=1)
    assert sum(r.group == LOADED for r in drawn) == 10


def test_a_coded_sheet_reads_back_and_formula_text_stays_text():
    rows = [
        SheetRow("a", 0, 5, '=HYPERLINK("x")', '[=HYPERLINK("x")] said', "g", "own", True, 3),
        SheetRow("a", 9, 12, "@cmd", "ctx", "g", "quoted", False, 3),
        SheetRow("b", 1, 4, "rebels", "the [rebels]", "h", "own", None, 1),
    ]
    data = sheet_csv(rows)
    assert b"\"'=HYPERLINK" in data  # a spreadsheet shows it as text, never runs it
    assert read_sheet(data) == rows
    header = data.decode().splitlines()[0]
    assert [c.strip('"') for c in header.split(",")][: len(COLUMNS)] == list(COLUMNS)


def test_the_voice_a_coder_judged_reads_back_is_kept_and_reported_per_voice(tmp_path):
    from analysis.store import Store

    rows = [
        SheetRow(
            "a", k, k + 1, "t", "c", "g", "own" if k < 12 else "quoted", True, 20, k % 6 != 0 if k < 12 else k != 12
        )
        for k in range(20)
    ] + [SheetRow("b", 0, 1, "t", "c", "g", "own", False, 20)]  # voice not judged
    assert read_sheet(sheet_csv(rows)) == rows
    store = Store(tmp_path / "codes.sqlite")
    store.save_codes(("c", "l", "labels"), "Ana", rows)
    assert store.codes(("c", "l", "labels"), "Ana") == rows
    report = validation_report(rows)
    voices = {v.group: v for v in report.voices}
    assert (voices["own"].coded, voices["own"].correct) == (12, 10)
    assert (voices["quoted"].coded, voices["quoted"].correct) == (8, 7)
    assert (voices["own"].ci_low, voices["own"].ci_high) == pytest.approx(wilson(10, 12))
    assert "quotation 7 of 8 right" in " ".join(report_lines(report))
    # a sheet without the column is read as not judged
    plain = b"article,start,end,text,context,group,voice,correct\na,0,3,x,x,g,own,1\n"
    assert read_sheet(plain)[0].voice_correct is None and validation_report(read_sheet(plain)).voices == ()


def test_a_sheet_with_bad_codes_is_refused_with_its_rows():
    data = b"article,start,end,text,context,group,voice,correct\na,0,3,x,x,g,own,1\na,4,6,y,y,g,own,maybe\n"
    with pytest.raises(SheetError, match="rows 3"):
        read_sheet(data)
    with pytest.raises(SheetError, match="no column correct"):
        read_sheet(b"article,start,end,text,context,group,voice\n")
    with pytest.raises(SheetError):
        read_sheet(b"\x00\x01binary")


def _row(group: str, correct: bool | None, k: int, size: int = 0) -> SheetRow:
    return SheetRow("a", k, k + 1, "t", "c", group, "own", correct, size)


def test_precision_per_group_with_wilson_intervals_and_two_coders():
    rows = [_row("rebel", k < 18, k, 40) for k in range(20)] + [
        _row("terrorist", k < 5, 100 + k, 10) for k in range(10)
    ]
    report = validation_report(rows)
    rebel, terrorist = report.groups
    assert (rebel.group, rebel.coded, rebel.correct, rebel.precision) == ("rebel", 20, 18, 0.9)
    assert (rebel.ci_low, rebel.ci_high) == wilson(18, 20)
    assert terrorist.precision == 0.5
    # over the corpus: 40 rebel hits at 0.9 and 10 terrorist hits at 0.5
    assert report.overall_precision.value == pytest.approx((40 * 0.9 + 10 * 0.5) / 50)
    second = [_row(r.group, (not r.correct) if r.start in (0, 100) else r.correct, r.start, 40) for r in rows]
    coders = validation_report(rows, second).coders
    first_codes = [r.correct for r in rows]
    second_codes = [r.correct for r in second]
    assert coders.units == 30 and coders.agreement == pytest.approx(28 / 30)
    assert coders.cohen_kappa == pytest.approx(cohen_kappa_score(first_codes, second_codes))
    assert coders.krippendorff_alpha == pytest.approx(
        krippendorff_alpha(list(zip(first_codes, second_codes, strict=True)))
    )


def test_recall_of_loaded_sentences_is_weighted_back_to_the_corpus():
    # 100 flagged sentences in the corpus, 8 of 10 coded right; 900 unflagged, 1 of 10 coded
    # wrong (a loaded sentence the tool missed): loaded found 80, missed 90, recall 80/170.
    rows = [_row(LOADED, k < 8, k, 100) for k in range(10)] + [_row(NOT_LOADED, k != 0, 50 + k, 900) for k in range(10)]
    report = validation_report(rows)
    assert report.recall.value == pytest.approx(80 / 170)
    assert report.recall.ci_low < report.recall.value < report.recall.ci_high
    assert report.overall_precision.value == pytest.approx(0.8)
    tool = report.tool_and_coder
    assert tool.units == 20 and tool.agreement == pytest.approx(17 / 20)


def test_the_command_line_draws_a_sheet_and_reports_on_it(tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    assert main(["validate", "sample", "--what", "loaded", "--n", "12", "--seed", "2", "--out", str(sheet)]) == 0
    rows = read_sheet(sheet.read_bytes())
    assert len(rows) == 12 and all(r.correct is None for r in rows)
    coded = [r.__class__(**{**r.__dict__, "correct": k % 3 != 0}) for k, r in enumerate(rows)]
    (tmp_path / "coded.csv").write_bytes(sheet_csv(coded))
    other = [r.__class__(**{**r.__dict__, "correct": k % 4 != 0}) for k, r in enumerate(rows)]
    (tmp_path / "other.csv").write_bytes(sheet_csv(other))
    capsys.readouterr()
    assert (
        main(["validate", "report", str(tmp_path / "coded.csv"), str(tmp_path / "other.csv"), "--format", "json"]) == 0
    )
    record = json.loads(capsys.readouterr().out)
    assert sum(g["coded"] for g in record["groups"]) == 12
    assert {"group", "coded", "precision", "ci_low", "ci_high"} <= set(record["groups"][0])
    first, second = [r.correct for r in coded], [r.correct for r in other]
    assert record["cohen_kappa"] == pytest.approx(cohen_kappa_score(first, second))
    assert record["krippendorff_alpha"] == pytest.approx(krippendorff_alpha(list(zip(first, second, strict=True))))
    assert main(["validate", "report", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err


def test_hits_coded_wrong_leave_every_count_they_were_in(seed_items):
    from analysis.lexicon import load_lexicon
    from analysis.pipeline import LeftOut, leave_out_hits

    scored = next(s for s in seed_items if any(h.voice == "own" for h in s.framing.hits))
    hit = next(h for h in scored.framing.hits if h.voice == "own")
    wrong = LeftOut(labels=frozenset({(scored.article.id, hit.start, hit.end)}))
    after = leave_out_hits(seed_items, load_lexicon(), wrong)
    changed = next(a for a in after if a.article is scored.article)
    before_counts = scored.framing.targets[hit.target].counts[hit.group]
    after_counts = changed.framing.targets[hit.target].counts[hit.group]
    assert (after_counts.total, after_counts.own_voice) == (before_counts.total - 1, before_counts.own_voice - 1)
    assert hit not in changed.framing.hits and len(changed.framing.hits) == len(scored.framing.hits) - 1
    untouched = [(a, s) for a, s in zip(after, seed_items, strict=True) if s.article is not scored.article]
    assert all(a.framing is s.framing for a, s in untouched)


def test_loaded_hits_coded_wrong_leave_the_rates_categories_and_sentence_scores(seed_items):
    from analysis.lexicon import load_lexicon
    from analysis.pipeline import LeftOut, leave_out_hits
    from analysis.tone import tone

    scored = next(s for s in seed_items if any(h.voice == "own" and h.sentence for h in s.tone.loaded))
    hit = next(h for h in scored.tone.loaded if h.voice == "own" and h.sentence)
    wrong = LeftOut(loaded=frozenset({(scored.article.id, hit.start, hit.end)}))
    changed = next(a for a in leave_out_hits(seed_items, load_lexicon(), wrong) if a.article is scored.article)
    before, after = scored.tone, changed.tone
    assert hit not in after.loaded and len(after.loaded) == len(before.loaded) - 1
    assert after.loaded_by_category[hit.category] == before.loaded_by_category[hit.category] - 1
    own_before = sum(h.voice == "own" for h in before.loaded)
    assert after.loaded_per_1k == pytest.approx(1000 * (own_before - 1) / scored.words, abs=1e-3)
    sentence = hit.sentence
    assert after.sentences[sentence].loaded < before.sentences[sentence].loaded
    assert after.body == before.body and after.sentences[sentence].compound == before.sentences[sentence].compound
    # leaving nothing out gives what scoring gives
    assert tone(scored.prepared) == before


def test_a_hit_is_left_out_only_when_every_coder_judged_it_wrong(tmp_path):
    from analysis.store import Store

    store = Store(tmp_path / "codes.sqlite")
    study = ("seeds", "Lexicon 1", "labels")
    one, two = SheetRow("a", 0, 5, "x", "c", "g", "own", False, 2), SheetRow("a", 9, 14, "y", "c", "g", "own", False, 2)
    store.save_codes(study, "Ana", [one, two])
    store.save_codes(study, "Ben", [replace_correct(one, False), replace_correct(two, True)])
    assert store.wrong_hits("seeds", "Lexicon 1") == {("a", 0, 5)}
    assert store.wrong_hits("seeds", "Lexicon 2") == frozenset()
    # loaded-language codes are kept apart from label codes
    store.save_codes(("seeds", "Lexicon 1", "loaded"), "Ana", [replace_correct(two, False)])
    assert store.wrong_hits("seeds", "Lexicon 1", "loaded") == {("a", 9, 14)}
    assert store.wrong_hits("seeds", "Lexicon 1", "labels") == {("a", 0, 5)}


def replace_correct(row: SheetRow, correct: bool) -> SheetRow:
    from dataclasses import replace

    return replace(row, correct=correct)


def _forty_codes(tmp_path):
    from analysis.store import Store

    store = Store(tmp_path / "codes.sqlite")
    study = ("c", "l", "labels")
    rows = [SheetRow("a", k, k + 1, "t", "c", "g", "own", k % 3 != 0, 40) for k in range(40)]
    store.save_codes(study, "Ana", rows)
    return store, study, rows


@pytest.mark.parametrize(
    "sheet",
    [
        b"",
        b"not,a,sheet\n1,2,3\n",
        b"\xff\xfe\x00garbage",
        lambda rows: sheet_csv(rows).replace(b",1,", b",maybe,", 1),  # one code that is not 1 or 0
    ],
)
def test_a_malformed_sheet_leaves_a_coders_saved_codes_as_they_were(tmp_path, sheet):
    store, study, rows = _forty_codes(tmp_path)
    data = sheet(rows) if callable(sheet) else sheet
    with pytest.raises(SheetError):
        store.use_sheet(study, "Ana", data)
    assert store.codes(study, "Ana") == rows


def test_replacing_a_sheet_is_one_transaction(tmp_path):
    store, study, rows = _forty_codes(tmp_path)
    broken = [*rows[:5], SheetRow("a", 0, 1, None, "c", "g", "own", True, 40)]  # text NOT NULL: fails mid-way
    with pytest.raises(Exception, match="NOT NULL"):
        store.replace_codes(study, "Ana", broken)
    assert store.codes(study, "Ana") == rows
    store.use_sheet(study, "Ana", sheet_csv(rows[:10]))
    assert store.codes(study, "Ana") == rows[:10]


def test_a_new_sample_never_overwrites_a_coded_sheet(tmp_path, capsys):
    sheet = tmp_path / "sheet.csv"
    assert main(["validate", "sample", "--what", "labels", "--n", "6", "--out", str(sheet)]) == 0
    rows = read_sheet(sheet.read_bytes())
    coded = sheet_csv([replace_correct(r, True) for r in rows])
    sheet.write_bytes(coded)
    capsys.readouterr()
    assert main(["validate", "sample", "--what", "labels", "--n", "6", "--seed", "9", "--out", str(sheet)]) == 2
    assert "holds 6 code(s)" in capsys.readouterr().err and sheet.read_bytes() == coded
    other = tmp_path / "notes.txt"
    other.write_text("my notes")
    assert main(["validate", "sample", "--what", "labels", "--n", "6", "--out", str(other)]) == 2
    assert other.read_text() == "my notes"
    assert (
        main(
            ["validate", "sample", "--what", "labels", "--n", "6", "--seed", "9", "--out", str(tmp_path / "fresh.csv")]
        )
        == 0
    )
