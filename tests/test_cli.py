"""The command line: `python -m analysis score`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from unittest.mock import patch

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.paths import PROJECT_DIR


def run(capsys, *args):
    status = main(["score", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_on_the_seeds(capsys):
    status, out, _ = run(capsys, "--format", "json")
    output = json.loads(out)
    records = output["articles"]
    assert status == 0 and len(records) == 5
    assert output["framelens"]["command"] == "score" and len(output["framelens"]["method_fingerprint"]) == 12
    for record in records:
        assert {"id", "title", "words", "labels", "dominant_label", "legitimacy", "tone", "readability"} <= set(record)
        assert set(record["labels"]) == {"armed_opposition", "syrian_government"}
        counts = record["labels"]["armed_opposition"]["rebel"]
        assert set(counts) == {"total", "own_voice", "quoted", "headline", "per_1k", "own_share"}
        assert {"sentence_mean", "negative_share", "positive_share", "loaded_per_1k"} <= set(record["tone"])
        assert "flesch_reading_ease" in record["readability"]
    dominant = {r["id"]: r["dominant_label"]["armed_opposition"] for r in records}
    assert dominant["002_2268d81e6a4f22d2.txt"] == "insurgent"


def test_refused_file_is_reported_and_the_rest_scored(capsys, tmp_path):
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text("Rebels took Hama. The army withdrew.", encoding="utf-8")
    empty.write_bytes(b"")
    status, out, err = run(capsys, str(good), str(empty), "--format", "json")
    records = json.loads(out)["articles"]
    assert status == 0
    assert [r["id"] for r in records] == ["good.txt", "empty.txt"]
    assert records[1] == {"id": "empty.txt", "error": "empty file"}
    assert "refused empty.txt: empty file" in err


def test_nothing_scored_is_a_failure(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, _, err = run(capsys, str(empty))
    assert status == 1 and "empty file" in err


def test_table_and_csv(capsys):
    status, out, _ = run(capsys, "--format", "table")
    assert status == 0 and "armed_opposition label" in out and "000_e4e850f0e76c0e81.txt" in out
    status, out, _ = run(capsys, "--format", "csv")
    frame = pd.read_csv(io.StringIO(out))
    assert status == 0 and list(frame.columns[:3]) == ["id", "title", "outlet"]
    assert "000_e4e850f0e76c0e81.txt" in set(frame["id"])


def test_another_lexicon(capsys, tmp_path):
    from tests.test_lexicon import MINIMAL

    lexicon, article = tmp_path / "protest.toml", tmp_path / "a.txt"
    lexicon.write_text(MINIMAL, encoding="utf-8")
    article.write_text("Rioters and protesters filled the square. Protesters stayed.", encoding="utf-8")
    status, out, _ = run(capsys, str(article), "--lexicon", str(lexicon), "--format", "json")
    (record,) = json.loads(out)["articles"]
    assert status == 0 and record["dominant_label"] == {"crowd": "protesters"}


def test_bad_lexicon_is_a_clear_error(capsys, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[actors.x", encoding="utf-8")
    status, _, err = run(capsys, "--lexicon", str(broken))
    assert status == 2 and "does not parse" in err and "Traceback" not in err


def test_module_entry_point_runs():
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "score", "seeds/001_201251cabcee9068.txt", "--format", "csv"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 2


def test_overlap_json_on_the_seeds(capsys):
    status = main(["overlap", "--format", "json"])
    output = json.loads(capsys.readouterr().out)
    records = output["pairs"]
    assert status == 0 and len(records) == 10
    # Reprinted copy: each article's share, and per outlet (one seed names its outlet, four do not).
    assert set(output["reprinted_share"]) == {r["a"] for r in records} | {r["b"] for r in records}
    assert all(0 <= s < 0.1 for s in output["reprinted_share"].values())  # the seeds share a few lines
    groups = {g["outlet"]: g for g in output["reprinted_by_outlet"]}
    assert groups["Outlet not stated"]["articles"] == 4 and groups["Outlet not stated"]["ci_low"] is not None
    assert groups["Newslooks"]["ci_low"] is None  # one article: no interval
    assert output["reprint_clusters"] == []  # no seed carries half another's own text
    for record in records:
        assert {"a", "b", "similarity", "containment", "shared_passages", "aligned_sentences"} <= set(record)
        assert set(record["containment"]) == {"a_in_b", "b_in_a"}
        for passage in record["shared_passages"]:
            assert {"text", "a_start", "a_end", "b_start", "b_end"} <= set(passage)
        for aligned in record["aligned_sentences"]:
            assert {"a_text", "b_text", "a_start", "a_end", "b_start", "b_end", "score"} <= set(aligned)


def test_pair_records_hold_passages_and_sentences_as_asdict_would(seed_scores):
    from dataclasses import asdict

    from analysis.overlap import compare_articles
    from analysis.records import pair_record

    result = compare_articles([(s.article, s.prepared) for s in seed_scores.values()])
    pairs = [p for p in result.pairs if p.shared_passages and p.aligned_sentences]
    assert pairs
    for pair in pairs:
        record = pair_record(pair)
        assert record["shared_passages"] == [{**asdict(p), "kind": p.kind} for p in pair.shared_passages]
        assert record["aligned_sentences"] == [asdict(s) for s in pair.aligned_sentences]


def test_overlap_options_and_errors(capsys, tmp_path):
    assert main(["overlap", "--min-words", "1"]) == 2
    lone = tmp_path / "lone.txt"
    lone.write_text("Only one article here.", encoding="utf-8")
    assert main(["overlap", str(lone)]) == 1
    assert "at least two" in capsys.readouterr().err
    assert main(["overlap", "--min-words", "6", "--boilerplate", "5", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(frame.columns[:6]) == ["a", "b", "similarity", "similarity_with_quotes", "a_in_b", "b_in_a"]
    assert len(frame) == 10


def test_sources_json_on_the_seeds(capsys):
    status = main(["sources", "--format", "json"])
    record = json.loads(capsys.readouterr().out)
    assert status == 0 and len(record["articles"]) == 5
    for article in record["articles"]:
        for source in article["sources"]:
            assert {"name", "type", "aliases_seen", "mentions", "quotes"} <= set(source)
    shared = {s["name"]: s["articles"] for s in record["shared_sources"]}
    assert len(shared["Abu Mohammed al-Golani"]) == 3
    assert {"shared_quotations", "source_overlap"} <= set(record)


def test_the_analysis_imports_without_plotting_or_the_dashboard():
    code = (
        "import sys\n"
        "class Blocked:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'plotly', 'kaleido', 'streamlit', 'ui', 'app_pages'}:\n"
        "            raise ImportError(f'{name} is blocked')\n"
        "sys.meta_path.insert(0, Blocked())\n"
        "import analysis, analysis.cli, analysis.pipeline, analysis.store, analysis.tables\n"
        "from analysis.cli import main\n"
        "assert main(['score', '--format', 'csv']) == 0\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_csv_from_the_command_line_is_safe_to_open_in_a_spreadsheet(capsys, tmp_path):
    (tmp_path / "formula.md").write_text(
        '---\ntitle: =HYPERLINK("http://example.invalid")\noutlet: @SUM(A1)\n---\nRebels took Hama.', encoding="utf-8"
    )
    status, out, _ = run(capsys, str(tmp_path), "--format", "csv")
    assert status == 0
    assert "'=HYPERLINK" in out and "'@SUM(A1)" in out
    assert ',"=' not in out and ',"@' not in out


def _grouped_csv(path, planted: str | None) -> None:
    """Thirty articles from the synthetic corpus in three outlets, with a `lean` column; the planted
    outlet's articles carry loaded words in their own voice."""
    import csv

    from benchmarks.corpus import build_corpus

    articles, _ = build_corpus(30, random_state=8)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "text", "outlet", "lean", "event"])
        for i, article in enumerate(articles):
            outlet = ("Alpha", "Beta", "Gamma")[i % 3]
            text = article.text
            if outlet == planted:
                text += "\n\nThe radical mob slammed the so-called reform in a shocking, outrageous frenzy." * 4
            lean = "left" if outlet == "Alpha" else "right"
            writer.writerow([f"a{i}", f"Story {i}", text, outlet, lean, f"event {i // 3}"])


def test_compare_separates_a_planted_outlet_and_says_so(capsys, tmp_path):
    table = tmp_path / "grouped.csv"
    _grouped_csv(table, planted="Gamma")
    args = ["compare", str(table), "--by", "outlet", "--measure", "tone.loaded_per_1k", "--seed", "3"]
    assert main([*args, "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [g["group"] for g in record["groups"]] == ["Alpha", "Beta", "Gamma"]
    assert all({"group", "articles", "estimate", "ci_low", "ci_high"} <= set(g) for g in record["groups"])
    pairs = {(p["a"], p["b"]): p for p in record["pairs"]}
    assert set(pairs) == {("Alpha", "Beta"), ("Alpha", "Gamma"), ("Beta", "Gamma")}
    for key in (("Alpha", "Gamma"), ("Beta", "Gamma")):
        assert pairs[key]["p_adjusted"] < 0.01 and pairs[key]["ci_high"] < 0
    assert pairs[("Alpha", "Beta")]["ci_low"] < 0 < pairs[("Alpha", "Beta")]["ci_high"]
    assert main([*args, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == record  # same seed, same numbers


def test_compare_within_events_pairs_each_outlet_on_the_events_both_covered(capsys, tmp_path):
    table = tmp_path / "grouped.csv"
    _grouped_csv(table, planted="Gamma")
    args = ["compare", str(table), "--by", "outlet", "--within", "event", "--measure", "tone.loaded_per_1k"]
    assert main([*args, "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["within"] == "event" and "stratified permutation" in record["test"]
    pairs = {(p["a"], p["b"]): p for p in record["pairs"]}
    assert all(p["blocks"] == 10 for p in pairs.values())
    assert pairs[("Alpha", "Gamma")]["p_adjusted"] < 0.05 and pairs[("Alpha", "Gamma")]["ci_high"] < 0
    assert pairs[("Alpha", "Beta")]["p_adjusted"] > 0.05
    assert any("within event (10 in common)" in s for s in record["sentences"])
    # A block column no pair shares three values of is refused with a reason.
    assert main(["compare", str(table), "--by", "outlet", "--within", "id", "--measure", "tone.loaded_per_1k"]) == 2
    assert "share 3 or more id values" in capsys.readouterr().err


def test_compare_takes_a_label_group_s_share(capsys, tmp_path):
    table = tmp_path / "grouped.csv"
    _grouped_csv(table, planted=None)
    assert main(["score", str(table), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)["articles"]
    (group,) = [g for g, c in record[0]["labels"]["armed_opposition"].items() if c["own_voice"]][:1]
    shares = [c["own_share"] for c in record[0]["labels"]["armed_opposition"].values()]
    assert sum(s for s in shares if s is not None) == pytest.approx(1.0, abs=1e-3)
    measure = f"labels.armed_opposition.{group}.own_share"
    assert main(["compare", str(table), "--by", "outlet", "--measure", measure, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["measure"] == measure


def test_compare_groups_by_any_column_and_names_a_bad_measure(capsys, tmp_path):
    table = tmp_path / "grouped.csv"
    _grouped_csv(table, planted=None)
    assert main(["compare", str(table), "--by", "lean", "--measure", "readability.flesch_kincaid_grade"]) == 0
    out = capsys.readouterr().out
    assert "left" in out and "right" in out
    assert main(["compare", str(table), "--by", "lean", "--measure", "tone.nothing"]) == 2
    assert "--measure tone.nothing is not a numeric key" in capsys.readouterr().err
    assert main(["compare", str(table), "--by", "nowhere", "--measure", "tone.loaded_per_1k"]) == 2
    assert "gives 0 group(s)" in capsys.readouterr().err


def test_score_runs_through_the_app_s_pipeline_and_its_cache(capsys, tmp_path, seeds):
    """Scores land in the database's content-hash cache, so a second run reads them back and
    prints the same numbers, as the app does."""
    from analysis.lexicon import load_lexicon
    from analysis.pipeline import scorer_key
    from analysis.store import Store, content_hash

    database = tmp_path / "cache.sqlite"
    assert main(["score", "--db", str(database), "--format", "json"]) == 0
    first = capsys.readouterr().out
    cached = Store(database).cached_scores({content_hash(a.text) for a in seeds}, scorer_key(load_lexicon()))
    assert len(cached) == len(seeds)
    assert main(["score", "--db", str(database), "--format", "json"]) == 0
    assert capsys.readouterr().out == first


def test_a_parquet_folder_that_cannot_be_written_is_refused_before_scoring(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    database = tmp_path / "db.sqlite"
    code = main(["score", "--collection", "seeds", "--db", str(database), "--parquet", str(blocker / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "--parquet" in err and "cannot be made" in err
    from analysis.store import Store

    assert not Store(database).holds_scores()  # nothing was scored


def test_every_output_names_the_method_and_the_options_that_change_a_number(capsys, tmp_path):
    """A run with --min-words 5 must not look like one with the defaults: JSON, CSV and Parquet
    each name the run, and the record holds 5 where the default is 8."""
    from analysis.method import fingerprint, method_record
    from analysis.results import method_of

    out = tmp_path / "results"
    assert main(["overlap", "--min-words", "5", "--format", "json", "--parquet", str(out)]) == 0
    run = json.loads(capsys.readouterr().out)["framelens"]
    assert run["command"] == "overlap" and run["options"]["min_words"] == 5
    assert run["method"]["shared_passage_min_words"] == 5 != method_record()["shared_passage_min_words"]
    assert run["method_fingerprint"] == fingerprint(run["method"]) != fingerprint(method_record())
    stored = method_of(out / "pairs.parquet")
    assert stored["shared_passage_min_words"] == 5 and stored["run"]["options"]["min_words"] == 5
    assert stored["method_fingerprint"] == run["method_fingerprint"]
    assert main(["overlap", "--min-words", "5", "--format", "csv"]) == 0
    frame = pd.read_csv(io.StringIO(capsys.readouterr().out))
    stamp = f"Framelens {run['framelens']}; overlap; method {run['method_fingerprint']}"
    assert set(frame["framelens_method"]) == {stamp}
    assert main(["score", "--format", "csv"]) == 0
    assert "framelens_method" in pd.read_csv(io.StringIO(capsys.readouterr().out)).columns
    for command in (["sources"], ["compare", "--by", "outlet", "--measure", "words"]):
        main([*command, "--format", "json"])
        captured = capsys.readouterr().out
        if captured.strip():
            assert json.loads(captured)["framelens"]["command"] == command[0]


def test_overlap_prints_only_what_concerns_overlap(capsys, tmp_path):
    """A text without sentence punctuation gets a note about its readability scores from `score`;
    `overlap` prints no readability figure, so no such note. Text in Arabic script ends its
    sentences with \u06d4 and gets no note at all."""
    words = " ".join(f"word{i % 50} rebels army city" for i in range(200))
    (tmp_path / "dump.txt").write_text(f"One long line\n\n{words}", encoding="utf-8")
    (tmp_path / "urdu.txt").write_text(
        "خبر\n\n" + "۔ ".join("آج صبح شہر میں فوج داخل ہوئی اور لوگ گھروں سے نکل آئے" for _ in range(40)) + "۔",
        encoding="utf-8",
    )
    (tmp_path / "plain.txt").write_text("Plain\n\nRebels took the city. The army left.", encoding="utf-8")
    assert main(["score", str(tmp_path), "--format", "csv"]) == 0
    notes = capsys.readouterr().err
    assert "dump.txt" in notes and "readability" in notes and "urdu.txt" not in notes
    assert main(["overlap", str(tmp_path), "--format", "csv"]) == 0
    assert "readability" not in capsys.readouterr().err


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=5),
        st.recursive(
            st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=8),
            lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
            max_leaves=12,
        ),
        max_size=4,
    ),
    st.integers(min_value=1, max_value=3),
)
def test_json_written_in_pieces_is_the_whole_dump_byte_for_byte(value, batch):
    # Lists are streamed a batch at a time: a small batch crosses batch edges in small lists.
    import orjson

    import analysis.cli as cli

    whole = orjson.dumps(value, option=cli.JSON_OPTIONS)
    with patch.object(cli, "JSON_BATCH", batch):
        assert b"".join(cli.json_pieces(value)) == whole
        streamed = {key: iter(item) if isinstance(item, list) else item for key, item in value.items()}
        assert b"".join(cli.json_pieces(streamed)) == whole
