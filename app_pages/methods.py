"""Methods: what every score means, how it is computed, its limits, and how well it agrees with people.

The text is `docs/source/methods.md`, the same the documentation publishes (`ui/methods_text.py`);
this page adds each section's agreement figures from `evaluation/results`.
"""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from analysis.lexicon import bundled_lexicon_texts, parse_lexicon
from analysis.readability import FORMULAS
from analysis.registry import LOADED, SENTENCE_TONE, measures_table
from analysis.version import __version__
from app_pages.state import current_view
from ui.markdown import md
from ui.methods_text import method_values, methods_text, split_sections

RESULTS = Path(__file__).resolve().parent.parent / "evaluation" / "results"


def results(name: str) -> dict:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def figures(rows: Sequence[tuple[Any, ...]]) -> None:
    """A table of agreement figures: measure, data set, dev, held-out, published reference."""
    st.dataframe(
        pd.DataFrame(rows, columns=["measure", "data set", "dev half", "held-out half", "reference"]),
        hide_index=True,
        width="stretch",
    )


def _labels_figures() -> None:
    loaded = results("loaded")
    if loaded:
        halves = loaded["halves"]
        figures(
            [
                (
                    "label lexicon, sentence F1 vs Name_Calling,Labeling",
                    "PTC (SemEval-2020 Task 11)",
                    halves["dev"]["labels_sentence"]["f1"],
                    halves["held_out"]["labels_sentence"]["f1"],
                    "trained models ~0.70 (technique F1, test set)",
                ),
                (
                    "label lexicon, span F1 (partial overlap)",
                    "PTC",
                    halves["dev"]["labels_span"]["f1"],
                    halves["held_out"]["labels_span"]["f1"],
                    "",
                ),
            ]
        )
        st.caption(
            "The Syria lexicon names a handful of armed actors; PTC's name-calling spans come from other stories "
            "(US politics, immigration), so low recall is expected: this measures how much of general name-calling "
            "a story lexicon catches, not how accurate its hits are on its own story."
        )


def _tone_figures() -> None:
    tone = results("tone")
    if tone:
        dev, held = tone["halves"]["dev"], tone["halves"]["held_out"]
        figures(
            [
                (
                    "Pearson r with mean human rating",
                    "VADER NYT sentences",
                    dev["framelens_pearson_r"],
                    held["framelens_pearson_r"],
                    "VADER 0.492 (published)",
                ),
                ("same, plain VADER 3.3.2", "VADER NYT sentences", dev["vader_pearson_r"], held["vader_pearson_r"], ""),
                (
                    "3-class macro F1",
                    "VADER NYT sentences",
                    dev["framelens_f1_3class"],
                    held["framelens_f1_3class"],
                    "VADER 0.55 (published)",
                ),
            ]
        )
        st.caption(
            "Hutto & Gilbert (2014), VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social "
            "Media Text."
        )


def _loaded_figures() -> None:
    loaded = results("loaded")
    halves = loaded.get("halves", {})
    babe = results("babe")
    if babe:
        b_dev, b_held = babe["halves"]["dev"], babe["halves"]["held_out"]
        rows = []
        for measure in ("precision", "recall", "f1", "accuracy", "auc", "biased_words_found", "marked_words_biased"):
            rows.append(
                (
                    f"{measure.replace('_', ' ')}",
                    "BABE",
                    b_dev["framelens"][measure],
                    b_held["framelens"][measure],
                    f"VADER word list {b_dev['vader_word_list'][measure]} / {b_held['vader_word_list'][measure]}",
                )
            )
        rows.append(
            ("F1, always biased", "BABE", b_dev["always_biased"]["f1"], b_held["always_biased"]["f1"], "baseline")
        )
        figures(rows)
        st.caption(
            "Spinde et al. (2021), Neural Media Bias Detection Using Distant Supervision With BABE, Findings of "
            "EMNLP. The reference column gives the VADER word-list baseline on the same rows (dev / held-out); the "
            "authors' best trained model reached F1 0.804."
        )
    if loaded:
        figures(
            [
                (
                    "sentence F1 vs Loaded_Language",
                    "PTC",
                    halves["dev"]["loaded_sentence"]["f1"],
                    halves["held_out"]["loaded_sentence"]["f1"],
                    "trained models ~0.77 (technique F1)",
                ),
                (
                    "sentence precision",
                    "PTC",
                    halves["dev"]["loaded_sentence"]["precision"],
                    halves["held_out"]["loaded_sentence"]["precision"],
                    "",
                ),
                (
                    "span F1 (partial overlap)",
                    "PTC",
                    halves["dev"]["loaded_span"]["f1"],
                    halves["held_out"]["loaded_span"]["f1"],
                    "best system 0.516 (all techniques)",
                ),
            ]
        )
        st.caption(
            "Da San Martino et al. (2019, 2020), Propaganda Techniques Corpus, SemEval-2020 Task 11. A word list is "
            "compared here with trained models' published test-set figures: orientation only."
        )


def _sentence_model_figures() -> None:
    trained = results("sentence_model")
    if trained.get("halves"):
        rows = []
        for half in ("dev", "held_out"):
            for name, label in (("babe", "BABE"), ("ptc", "PTC"), ("newssd", "NewsSD-ENG")):
                judged = trained["halves"][half][name]
                model = judged["model"]
                rows.append(
                    {
                        "set": label,
                        "half": "dev (out of fold)" if half == "dev" else "held-out",
                        "model AUC": model["auc"],
                        "AUC 95% interval": "{:.2f}-{:.2f}".format(*model["auc_ci95"]) if "auc_ci95" in model else "",
                        "model F1": model["f1"],
                        "F1 95% interval": "{:.2f}-{:.2f}".format(*model["f1_ci95"]) if "f1_ci95" in model else "",
                        "model precision": judged["model"]["precision"],
                        "word list AUC": judged["word_list_flag"]["auc"],
                        "word list F1": judged["word_list_flag"]["f1"],
                        "VADER list AUC": judged["vader_word_list"]["auc"],
                        "always yes F1": judged["always_yes"]["f1"],
                    }
                )
        st.dataframe(rows, hide_index=True, width="stretch")
        st.caption(
            "Spinde et al. (2021), BABE; Da San Martino et al. (2019, 2020), PTC; Antici et al. (2024), NewsSD-ENG. "
            "Figures from evaluation/results/sentence_model.json."
        )
    articles = trained.get("article_figures_ptc")
    if articles:
        names = {
            "expected_share_own_voice": "expected share of own-voice sentences loaded (shown)",
            "flagged_share_own_voice": "share of own-voice sentences flagged",
            "loaded_per_1k_own_voice": "word list: loaded terms per 1,000 own-voice words",
            "words": "article length alone",
        }

        def rho(half: str, name: str) -> str:
            found = articles[half][name]
            low, high = found["ci95"]
            return f"{found['spearman_with_loaded_share']:.2f} ({low:.2f}-{high:.2f})"

        figures(
            [
                (f"article figure: {label}", "PTC articles", rho("dev", name), rho("held_out", name), "Spearman")
                for name, label in names.items()
            ]
        )
        st.caption(
            "Spearman correlation, over articles, with the share of an article's sentences holding a Loaded_Language "
            "span (95% bootstrap interval); dev articles were in training, held-out ones were not."
        )


def _readability_figures() -> None:
    readability = results("readability")
    if readability:
        whole = readability["whole_clear_pearson_r"]
        dev, held = readability["halves"]["dev"], readability["halves"]["held_out"]
        published = readability["reference"]["clear_pearson_r"]
        rows = [
            (
                f"r with BT_easiness: {FORMULAS[name].title}",
                "CLEAR",
                dev["clear_pearson_r"][name],
                held["clear_pearson_r"][name],
                f"{published.get(name, '')} (whole corpus: ours {whole[name]})",
            )
            for name in ("flesch_reading_ease", "flesch_kincaid_grade", "smog_index", "dale_chall_readability_score")
        ]
        rows += [
            (
                f"three versions ordered: {FORMULAS[name].title}",
                "OneStopEnglish",
                dev["onestop_ordered"][name],
                held["onestop_ordered"][name],
                "",
            )
            for name in ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index")
        ]
        figures(rows)
        st.caption(
            "Crossley et al. (2023), CLEAR corpus, Behavior Research Methods; Vajjala & Lučić (2018), OneStopEnglish."
        )


def _overlap_figures() -> None:
    reuse = results("reuse")
    if reuse:
        dev, held = reuse["halves"]["dev"], reuse["halves"]["held_out"]
        figures(
            [
                (
                    "Spearman with non < heavy < light < cut",
                    "Clough & Stevenson",
                    dev["spearman"],
                    held["spearman"],
                    "0.78 (3-gram containment)",
                ),
                ("AUC, reused vs not", "Clough & Stevenson", dev["auc"], held["auc"], "0.96"),
                *(
                    (
                        f"{name}-gram containment, AUC / Spearman (tried on the dev half)",
                        "Clough & Stevenson",
                        f"{reuse['orders']['dev'][name]['auc']:.3f} / {reuse['orders']['dev'][name]['spearman']:.3f}",
                        f"{reuse['orders']['held_out'][name]['auc']:.3f} / "
                        f"{reuse['orders']['held_out'][name]['spearman']:.3f}",
                        "the textbook measure" if name == "words 3" else "",
                    )
                    for name in reuse.get("orders", {}).get("dev", {})
                ),
            ]
        )
        st.caption("Clough & Stevenson (2011), Developing a corpus of plagiarised short answers, LRE 45(1).")
    paraphrase = results("paraphrase")
    if paraphrase:
        dev, held = paraphrase["halves"]["dev"], paraphrase["halves"]["held_out"]
        figures(
            [
                (
                    "elementary sentences aligned with their own article's advanced rewrite",
                    "OneStopEnglish",
                    dev["framelens"]["aligned_with_own_rewrite"],
                    held["framelens"]["aligned_with_own_rewrite"],
                    f"words alone {dev['framelens_words_only']['aligned_with_own_rewrite']:.2f}/"
                    f"{held['framelens_words_only']['aligned_with_own_rewrite']:.2f}; word overlap "
                    f"{dev['baseline_word_overlap']['aligned_with_own_rewrite']:.2f}/"
                    f"{held['baseline_word_overlap']['aligned_with_own_rewrite']:.2f}",
                ),
                (
                    "alignments joining two different articles",
                    "OneStopEnglish",
                    dev["framelens"]["joining_different_articles"],
                    held["framelens"]["joining_different_articles"],
                    f"words alone {dev['framelens_words_only']['joining_different_articles']:.3f}/"
                    f"{held['framelens_words_only']['joining_different_articles']:.3f}; word overlap "
                    f"{dev['baseline_word_overlap']['joining_different_articles']:.2f}/"
                    f"{held['baseline_word_overlap']['joining_different_articles']:.2f}",
                ),
            ]
        )
        army = paraphrase["seeds_army_statements"]["meaning"]
        bounds = "; ".join(
            f"{half}: aligned {h['framelens']['aligned_with_own_rewrite_ci95'][0]:.2f}-"
            f"{h['framelens']['aligned_with_own_rewrite_ci95'][1]:.2f}, joining "
            f"{h['framelens']['joining_different_articles_ci95'][0]:.3f}-"
            f"{h['framelens']['joining_different_articles_ci95'][1]:.3f}"
            for half, h in (("dev", dev), ("held-out", held))
        )
        st.caption(
            f"95% bootstrap intervals over articles: {bounds}. Vajjala & Lučić (2018), OneStopEnglish corpus, BEA "
            "workshop; measured through `python -m analysis overlap` (`python -m evaluation paraphrase`). Six "
            f"articles whose elementary file holds another article's text are left out "
            f"({', '.join(paraphrase['left_out_misfiled'])}). On the seeds, {army['aligned']} of the "
            f"{army['pairs']} pairs of reports of the army's withdrawal statement align."
        )


def _measures_figures() -> None:
    st.dataframe(measures_table(), hide_index=True, width="stretch")


def _intervals_figures() -> None:
    compared = results("comparisons").get("halves")
    if compared:
        dev, held = compared["dev"], compared["held_out"]
        rows = []
        for measure in (LOADED, SENTENCE_TONE):
            key, name = measure.column, measure.label.lower()
            cover = [h[key]["coverage_95"] for h in (dev, held)]
            tested = [h[key]["any_pair_differs_at_1pct"] for h in (dev, held)]
            rows.append(
                (
                    f"outlet interval covers the mean: {name}",
                    "PTC articles, outlets of 20 at random, 200 draws",
                    cover[0]["bootstrap"],
                    cover[1]["bootstrap"],
                    f"nominal 0.95; normal interval {cover[0]['normal']} / {cover[1]['normal']}",
                )
            )
            rows.append(
                (
                    f"random outlets differ at 1% after Holm: {name}",
                    "PTC articles, 4 random outlets, 20 draws",
                    tested[0]["holm"],
                    tested[1]["holm"],
                    f"unadjusted {tested[0]['unadjusted']} / {tested[1]['unadjusted']}",
                )
            )
        figures(rows)


def _terms_figures() -> None:
    compared = results("comparisons").get("halves")
    if compared:
        terms = [h["distinguishing_terms"] for h in (compared["dev"], compared["held_out"])]
        figures(
            [
                (
                    "chance terms listed per draw (once per article)",
                    "PTC articles, 4 random outlets, 10 draws",
                    terms[0]["terms_listed_per_draw_per_article"],
                    terms[1]["terms_listed_per_draw_per_article"],
                    f"counting every use {terms[0]['terms_listed_per_draw_every_use']} / "
                    f"{terms[1]['terms_listed_per_draw_every_use']}",
                ),
                (
                    "planted phrase listed for its outlet only",
                    "same, planted in half of one outlet's articles",
                    terms[0]["planted_phrase_found_share"],
                    terms[1]["planted_phrase_found_share"],
                    "",
                ),
            ]
        )


def _sources_figures() -> None:
    sourced = results("sources")
    if sourced:
        dev, held = sourced["halves"]["dev"], sourced["halves"]["held_out"]

        def share(part: dict) -> str:
            low, high = part["ci95"]
            return f"{part['precision']:.2f} ({low:.2f}-{high:.2f}, n {part['n']})"

        def share_of(part: dict) -> str:
            low, high = part["recall_ci95"]
            return f"{part['recall']:.2f} ({low:.2f}-{high:.2f}, n {part['items']})"

        figures(
            [
                (
                    "named sources that are right (95% interval, n)",
                    "propaganda corpus, coded here",
                    share(dev["current_sample"]),
                    share(held["current_sample"]),
                    f"before: {dev['previous_version_sample']['precision']:.2f} / "
                    f"{held['previous_version_sample']['precision']:.2f}",
                ),
                (
                    "right sources the rules no longer find",
                    "same",
                    f"{dev['correct_sources_lost']} of {dev['correct_sources_coded']}",
                    f"{held['correct_sources_lost']} of {held['correct_sources_coded']}",
                    "",
                ),
                (
                    "cited named sources found (95% interval, n)",
                    "8 of its articles read whole",
                    share_of(dev["recall_fresh_articles"]["rules"]),
                    share_of(held["recall_fresh_articles"]["rules"]),
                    f"baseline {dev['recall_fresh_articles']['baseline']['recall']:.2f} / "
                    f"{held['recall_fresh_articles']['baseline']['recall']:.2f}",
                ),
            ]
        )
        st.caption(
            "One coder judged named sources drawn at random from the extractor's output on the Propaganda "
            "Techniques Corpus articles, not knowing which version had drawn them; the rules were written while "
            "looking at samples of both halves, and the figure is of a random sample of 80 of the final rules' "
            "output. Recall: eight articles drawn at random, every named source they cite listed before the "
            'extractor\'s output was seen; the baseline is a run of capitalised words beside "said", "told" or '
            '"according to", and the previous rules found 13 of the 27. '
            f"The previous rules: {share(dev['previous_version_sample'])} and "
            f"{share(held['previous_version_sample'])} (`evaluation/sources.py`)."
        )


FIGURES = {
    "labels": _labels_figures,
    "tone": _tone_figures,
    "loaded": _loaded_figures,
    "sentence-model": _sentence_model_figures,
    "readability": _readability_figures,
    "overlap": _overlap_figures,
    "measures": _measures_figures,
    "intervals": _intervals_figures,
    "terms": _terms_figures,
    "sources": _sources_figures,
}


view = current_view()
tables = view.tables
# Where the active lexicon lives: a bundled file, or the researcher's own saved in the collections database.
bundled = {parse_lexicon(text).name: path.name for path, text in bundled_lexicon_texts().items()}
lexicon_home = (
    f"`analysis/lexicons/{bundled[tables.lexicon_name]}`"
    if tables.lexicon_name in bundled
    else "saved in the collections database; its TOML is in every export"
)
intro, sections = split_sections(
    methods_text(method_values(md(tables.lexicon_name), md(tables.lexicon_version), lexicon_home))
)
st.title("Methods")
st.caption(f"Framelens {__version__}. " + " ".join(intro.split("\n", 1)[1].split()))
for section in sections:
    (st.header if section.level == 2 else st.subheader)(section.title, anchor=section.anchor)
    st.markdown(section.body)
    if section.anchor in FIGURES:
        FIGURES[section.anchor]()
