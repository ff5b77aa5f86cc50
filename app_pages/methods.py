"""Methods: what every score means, how it is computed, its limits, and how well it agrees with people."""

import json
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.intervals import MIN_UNITS, RESAMPLES
from analysis.lexicon import bundled_lexicon_texts, parse_lexicon
from analysis.method import method_record
from analysis.readability import FORMULAS
from analysis.registry import LOADED, SENTENCE_TONE, measures_table
from analysis.tone import load_loaded_words, news_tuning
from analysis.version import __version__
from app_pages.state import current_view
from ui.markdown import md

RESULTS = Path(__file__).resolve().parent.parent / "evaluation" / "results"


def results(name: str) -> dict:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def figures(rows: list[tuple[str, str, object, object, object]]) -> None:
    """A table of agreement figures: measure, data set, dev, held-out, published reference."""
    st.dataframe(
        pd.DataFrame(rows, columns=["measure", "data set", "dev half", "held-out half", "reference"]),
        hide_index=True,
        width="stretch",
    )


view = current_view()
tables = view.tables
method = method_record()
st.title("Methods")
st.caption(
    f"Framelens {__version__}. Every figure below comes from `python -m evaluation all`, run on public "
    "human-labelled data; choices were tuned on the dev half only (except the sources rules, see Sources) "
    "and both halves are reported."
)

st.header("Labels and the legitimacy index", anchor="labels")
# Where the active lexicon lives: a bundled file, or the researcher's own saved in the collections database.
bundled = {parse_lexicon(text).name: path.name for path, text in bundled_lexicon_texts().items()}
lexicon_home = (
    f"`analysis/lexicons/{bundled[tables.lexicon_name]}`"
    if tables.lexicon_name in bundled
    else "saved in the collections database; its TOML is in every export"
)
st.markdown(
    f"""
**What it means.** Which label groups an article uses for each actor (terrorists, insurgents, rebels,
opposition; regime or government) and how it words events (captured, seized, liberated; withdrew,
redeployed, collapsed). The **legitimacy index** places each group on a scale from -1 (delegitimising) to
+1 (legitimising) and averages the positions weighted by the outlet's **own-voice** mentions, so a
minister's "terrorists" inside a quotation does not count as the outlet's word.

**How.** Whole-word, case-insensitive matching of each group's forms, longest form first, on text
normalised for quotes and dashes; a hit inside double quotes or an embedded social-media post counts as
quoted; a hit in the first line, when it is a headline, also counts as headline. Lexicon:
*{md(tables.lexicon_name)}*, version {md(tables.lexicon_version)} ({lexicon_home}, with a one-line
rationale per scale position).

**Limits.** A word list does not read context: "additional fighters from Iraq" (sent to help the
government) counts as a label of the opposition; an attributed designation ("designated as a terrorist
organisation") counts as own voice; sarcasm and scare quotes are not recognised. The scale positions are
a documented starting point for each study, not a finding.
"""
)
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

st.header("Tone", anchor="tone")
tuning = news_tuning()
st.markdown(
    f"""
**What it means.** How positive or negative each sentence is, from -1 to +1, and the mean over an
article's body sentences (headline apart), with the shares of negative (at most
{method["sentence_negative_at_most"]}) and positive (at least +{method["sentence_positive_at_least"]}) sentences, for
the outlet's own voice and for quotations separately.

**How.** VADER (vaderSentiment {method["vader_version"]}; Hutto & Gilbert 2014, ICWSM) tuned for news:
*{tuning["name"]}*, version {tuning["version"]} (`analysis/lexicons/news_tone.toml`) neutralises words
whose news sense is institutional ("security forces", "United Nations"), halves factual event words
("death", "strike") and adds news vocabulary; the score is the mean of the tuned compound score and the
positive-minus-negative proportion, which saturates less on long sentences. Plain VADER is kept beside it.
A single score for a whole article is not reported: it saturates near -0.99 on every seed.

**Limits.** Sarcasm and irony; tone of the events reported is mixed with tone of the writing (a sober
report of a massacre reads negative); tuned on New York Times opinion sentences, not war reporting;
English only.
"""
)
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
        "Hutto & Gilbert (2014), VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text."
    )

st.header("Loaded and sensational language", anchor="loaded")
words = load_loaded_words()
st.markdown(
    f"""
**What it means.** Words and marks that charge a report beyond what its facts need, per 1,000 words
in the outlet's own voice (the headline figure; quotations are counted beside it, never mixed in):
{", ".join(words.labels.values()).lower()}, exclamation marks and questions the outlet asks in its own
voice outside headings. Each sentence also gets a **score**, the sum of its hits' category weights, so
sentences can be ranked; a sentence scoring {words.flag_at} or more counts as loaded (one strong-sentiment
word alone does not reach it).

**How.** Word list *{words.name}*, version {words.version} (`analysis/lexicons/loaded_language.toml`),
matched as whole words; every hit keeps its offsets, category and voice. Slanted attribution, epistemic
distancing and partisan labels were chosen from the words experts marked on the dev half of BABE; the
strong-sentiment category is every word of VADER's lexicon with |valence| >= 2 that no other category
holds, less the event words a war report needs ("killed", "war", "prison"); category weights are the
dev-half log-odds of a biased sentence given a hit. Direct address counts in the outlet's own voice only.
A match inside a proper name (a capitalised word among lower-case ones, "the Supreme Court", "Gen. Hope
Hicks"; initials such as "NH") is not a hit, except in a headline in title case; the strong-sentiment words
are English words of three letters or more (VADER's chat abbreviations are left out).

**Limits.** A list does not see context ("a massive earthquake" is factual); words outside the list are
missed; tuned on US political news (BABE) and on the propaganda corpus, not on war reporting; on BABE's
balanced halves the F1 of "always biased" (0.67) is higher than any word list's, so read precision,
accuracy and AUC beside it.
"""
)
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
    rows.append(("F1, always biased", "BABE", b_dev["always_biased"]["f1"], b_held["always_biased"]["f1"], "baseline"))
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

st.subheader("The loaded-wording sentence model", anchor="sentence-model")
trained = results("sentence_model")
st.markdown(
    """
**What it means.** Beside the word list, each sentence gets a *loaded score*: the calibrated
probability that a reader of the training sets' kind marks it as loaded, biased or subjective
wording, and a flag at the threshold set on the dev halves. On the Article page (the layer
*Loaded sentences (model)*) flagged sentences are shaded and the words behind the score are in
bold; the scores column gives the article's expected share of own-voice sentences that are
loaded; `python -m analysis score --sentences` writes every sentence's score and evidence.

**How.** A logistic regression on features that carry across outlets and stories and hold no
words of the training texts: the word list's hits per category; cues (VADER's strongest
valences, superlatives, intensifiers, distancing words such as "so-called", first and second
person, obligation, scare quotes, exclamation and question marks, length); and the sentence's
meaning, the mean WordLlama vector of its words. A capitalised word inside a proper name, and a
name's particle, is neither a feature nor evidence. Trained by `python -m evaluation train` on
the dev halves of BABE, the Propaganda Techniques Corpus and NewsSD-ENG, each set and class
weighted alike; regularisation by five-fold cross-validation, probabilities by Platt scaling of
out-of-fold scores, the flag threshold where the mean dev F1 over the sets is highest. The
evidence words are those whose removal lowers the score most.

**Limits.** It ranks better than the word list on all three sets and flags BABE better than
flagging every sentence, but on the Propaganda corpus (one sentence in nine loaded) its flag's
F1 stays near the word list's, and on NewsSD's small held-out half flagging every sentence does
better. It is offered beside the word list: the charts' loaded-language figures stay the word
list's.
"""
)
if trained.get("halves"):
    rows = []
    for half in ("dev", "held_out"):
        for name, label in (("babe", "BABE"), ("ptc", "PTC"), ("newssd", "NewsSD-ENG")):
            judged = trained["halves"][half][name]
            rows.append(
                {
                    "set": label,
                    "half": half.replace("_", "-"),
                    "model AUC": judged["model"]["auc"],
                    "model F1": judged["model"]["f1"],
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

st.header("Readability", anchor="readability")
st.markdown(
    """
**What it means.** Flesch reading ease (0-100, higher is easier) and grade formulas (US school years,
higher is harder): Flesch-Kincaid, Gunning fog, SMOG, Coleman-Liau, automated readability index,
Dale-Chall and textstat's consensus grade.

**How.** textstat 0.7.13's formulas on the article's content, computed from one pass of counts
(each distinct word's syllables looked up once) and tested equal to textstat's own functions on the
seeds and on random text with capitals, accents and Unicode spaces; syllables from the CMU
Pronouncing Dictionary (shipped as a data file under Carnegie Mellon University's licence, offline).

**Limits.** Formulas count sentence and word length, not meaning; headlines and bullet lists without
full stops merge into long "sentences"; short texts give unstable grades; English only.
"""
)
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

st.header("Shared text and similarity", anchor="overlap")
st.markdown(
    f"""
**What it means.** Verbatim passages two articles share ({method["shared_passage_min_words"]} or more words),
each marked as **copied text** (outlet's own words in at least one of the two) or a **shared quotation**
(inside quotation marks in both: two outlets quoting one speaker, which is not copying),
**containment** (the share of A's own word sequences, quotations left out, found in B's own text; the
figure with quotations is given beside it), sentences that
say the same thing in other words, and the similarity of the outlets' own text (with quotations beside it).
A **likely borrower** is named
only on evidence: at least {method["borrower_min_copied_words"]} words of the outlets' own text copied (one
shared formula, a dateline line, is not enough), and only when both publication dates are known, the later
article borrowing. Without both dates the direction is unknown: which article is shorter, or more contained
in the other, decided nothing reliable. The verdict, or why there is none, says what it rests on. Shared
quotations never name a borrower. The minimum of {method["borrower_min_copied_words"]} words is set above two
shared formulas (a dateline line is about ten words), not yet chosen on labelled data. With `--boilerplate`, a run
held by many articles is set aside as common wording only when those articles tell different stories: held by
copies of one story (mean TF-IDF cosine {method["reprint_min_similarity"]} or more) it is a reprint and stays;
that threshold too is set by reasoning (a lightly edited reprint stays near 1, different reports of one event
near 0.3 to 0.5), not yet measured on labelled reprints.

**How.** Words normalised for case, quotes, apostrophes and dashes. Passages: shared
{method["shared_passage_min_words"]}-word shingles extended to maximal runs. Containment: stemmed word
{method["containment_ngram"]}-grams (Broder 1997). Paraphrases: each sentence's best match in the other
article, by the mean of two cosines: TF-IDF of stemmed content words (IDF fitted on the corpus's sentences) and
sentence meaning vectors ({method["paraphrase_meaning_model"]}: the average of the model's token vectors;
the model ships inside the `wordllama` package, MIT licence, its weights derived from a Llama-2-family model, and
is never downloaded). A match counts when that similarity is at least {method["paraphrase_min_similarity"]} and
exceeds by {method["paraphrase_min_margin"]} the mean similarity the two sentences have with their
{method["paraphrase_margin_neighbours"]} nearest other sentences (after the nearest) in the articles they are
compared with, so a sentence alike to many (a general remark on the topic) needs a closer match than one alike
to a single rewrite (after cross-domain similarity local scaling, Conneau et al. 2018), and when the two share at
least two content words, one of them not a name. Similarity: TF-IDF cosine of own text. Up to
{method["all_pairs_up_to_articles"]} articles every pair is compared; above that, the pairs that share rare
word runs, each article's {method["candidate_nearest_neighbours"]} most similar articles, and pairs whose
sentences meet in MinHash buckets.

**Limits.** Rewrites that change most words are still missed (about one sentence in nine on
OneStopEnglish); the bar a sentence must clear depends on the articles it is compared with, so the same pair
can align in one selection and not in another; a shared wire source looks like copying between two articles.
"""
)
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

st.header("Comparing groups", anchor="compare")
st.markdown(
    f"""
**What it means.** Whether two outlets (or any two groups of articles, by a stated column such as a
CSV's `lean`) really differ on a measure, or whether the difference could be noise: each group's mean with
a {method["confidence"]:.0%} interval, and every pair's difference with its interval, effect size and
adjusted p-value, in one sentence a reviewer can check.

**How.** Percentile bootstrap over a group's articles ({method["bootstrap_resamples"]:,} resamples;
Efron & Tibshirani 1993) for each mean and, resampling each group on its own, for each difference;
Cohen's d with the pooled standard deviation; a two-sided permutation test of the difference of means
({method["permutations"]:,} relabellings; Good 2005), its p-values adjusted for the number of pairs by
Holm's step-down method (Holm 1979). A group of fewer than {method["min_group_size"]} articles gets no
estimate. Resampling is seeded: the same seed gives the same numbers (`python -m analysis compare`).

The intervals are each pair's own 95% intervals, not adjusted for the number of pairs; the p-values
are. When the two disagree (an interval that leaves out zero beside an adjusted p above 0.05), the
sentence says so.

**Within events.** Outlets cover different events, and an outlet can differ from another only because
its events do. When the articles carry an event or story column (a CSV column, a front-matter key),
choose it under *Within* (`compare --by outlet --within event`): each pair of outlets is compared on the
events both covered. Per event, the difference of the two outlets' means; the estimate is the mean of
these differences, its interval a paired bootstrap that resamples whole events, its test a stratified
permutation test that shuffles the outlet labels only among the articles of one event (with one article
each, the exact sign-flip test), Holm-adjusted; the effect size is Cohen's d_z (mean difference over the
standard deviation of the differences). An outlet's own mean has a bootstrap interval over its events.
Pairs with fewer than {method["min_group_size"]} events in common are not compared. The tests check that
outlets covering different events, without any outlet effect, differ overall but not within events, that
a planted within-event difference is found, and that random outlets give evenly spread p-values.

**Label measures.** Besides the scores, Compare offers each label group of the sidebar's actor: its share
of the actor's own-voice label mentions (`labels.ACTOR.GROUP.own_share`; an article that never labels the
actor in its own words has none and is left out) and its mentions per 1,000 words in every voice
(`labels.ACTOR.GROUP.per_1k`), so "does one outlet say *wall* more than another?" is one choice.

**Limits.** Articles are treated as independent (within events, events are): several articles of one
outlet on one day, or copies of one wire story, are not; a measure with many zeros (loaded terms in short
items) gives wide intervals.
"""
)

st.subheader("The measures", anchor="measures")
st.caption(
    "Every measure an article gets, from the one registry the tables, the command line, Compare and the charts "
    "read (`analysis/registry.py`): its key in the score JSON (`python -m analysis compare --measure KEY`), its "
    "column in the CSV and Parquet tables, what a value is in, which way is more, and what its interval resamples."
)
st.dataframe(measures_table(), hide_index=True, width="stretch")

st.subheader("Intervals on the charts", anchor="intervals")
st.markdown(
    f"""
Every row of a chart that compares articles or outlets carries its count (**n**) and a
{method["confidence"]:.0%} interval (the whiskers), from {RESAMPLES:,} bootstrap resamples:

- **An article:** its sentences are resampled, and the figure recomputed from the resampled sentences:
  the share of each label among the actor's own-voice mentions (on the stacked bars, the whisker at the
  end of a segment is the interval of where that segment ends), the legitimacy index, the mean body-sentence
  tone, loaded terms per 1,000 words, the Flesch-Kincaid grade, and the actor's label mentions per 1,000
  words (the Framing page's whole bar). n counts mentions, sentences or words.
- **An outlet** (when many articles are selected): its articles are resampled. An outlet's figure is the
  mean of its articles' figures, each article counting once, as on the Compare page; label shares pool the
  outlet's mentions, as the stacked bars do, and so does the label rate (mentions over words). n counts
  articles.
- **Too few:** fewer than {MIN_UNITS} mentions, sentences or articles give no estimate; the chart says
  "too few" (or leaves the dot out, as the subtitle says) instead of drawing a number.

An interval from the sentences of one article describes how much that article's figure rests on a few
sentences; it does not make the article a sample of its outlet. To say that outlets differ, compare them
on the Compare page, which tests every pair. The CSV behind each chart holds the estimates, the interval
bounds (`..._ci_low`, `..._ci_high`) and the counts (`..._n`, `..._n_unit`).

**How it does on real text.** No human label says that two outlets differ, so the test is outlets
that cannot: the articles of the Propaganda Techniques Corpus dealt at random into outlets
(`python -m evaluation comparisons`). The intervals should hold the mean of the whole half 95 times in
100, and the Compare test should almost never find a difference.
"""
)
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

st.header("Search and distinguishing terms", anchor="terms")
st.markdown(
    """
**Search.** A word or phrase matches without regard to case, on word boundaries, with any whitespace
between its words; a word ending in `*` matches any ending. A group's rate is the mean of its articles'
uses per 1,000 words, with a 95% bootstrap interval over its articles (none below three articles).

**Terms that set a group apart.** For each group (an outlet, or a value of a metadata column) against all
other selected articles: the log-odds ratio of each word and two-word phrase, counted once per article
that uses it (words cluster within articles), with an informative Dirichlet prior, the prior being
the whole selection's own count of the term, and its z-score, the log-odds difference over its
approximate standard deviation (Monroe, Colaresi & Quinn 2008, "Fightin' words", *Political Analysis*
16(4), 372-403, section 3.5). Terms in fewer than five of the selected articles are not ranked; only
z above 1.96 is listed.

**On real text** (`python -m evaluation comparisons`, PTC articles dealt into four random outlets):
counting each term once per article lists a few chance terms per draw where counting every use lists a
hundred, and a phrase planted in half of one outlet's articles is listed for it in every draw (table below).

**Limits.** z-scores are not corrected for the thousands of terms tested: read the list as the strongest
candidates, and check a term's passages before reporting it. Articles of one wire story in many outlets
make that story's words look distinctive of whichever outlets ran it (see the Overlap page).
"""
)
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

st.header("Validation on your own corpus", anchor="validation")
st.markdown(
    """
**What it means.** How often what Framelens counted is right in the researcher's own articles, as judged by
a human coder, and how far two coders agree: the figures a reviewer of a content analysis asks for.

**How.** A sample is drawn at random from the selected articles' label hits (stratified by actor and label
group), loaded-language hits (by category) or sentences (by the tool's call: flagged loaded or not), as
equal a number from each stratum as it holds, with a seeded generator (the same seed and articles draw the
same sample). The coder marks each item right or wrong. *Precision* per stratum is the share right, with a
95% Wilson score interval (Wilson 1927; Newcombe 1998); over the selection, each stratum's share is weighted
by how many items it holds. *Recall* of loaded sentences is estimated from the two strata of a sentence
sample: flagged-and-right over flagged-and-right plus unflagged-and-wrong, each scaled to its stratum's size,
with a percentile interval from resampling within strata. *Agreement* of two coders, and of the tool's call
with a coder, is Cohen's kappa (Cohen 1960) and Krippendorff's alpha for nominal codes (Krippendorff 2011),
whose usual bars are 0.8 for conclusions and 0.667 for tentative ones (Krippendorff 2004).

A coder may also judge the *voice* the tool gave each item (the outlet's own words or a quotation): the
share right per voice, with its Wilson interval, checks the quotation rule on the researcher's articles.

**On a corpus nothing was tuned on** (30 articles on US immigration, 2018; one coder, the documentation's new-story
walkthrough): 49 of 50 label hits right (precision 0.95, 0.85 to 1.00); of 50 sentences, the loaded-language
flag had precision 0.64 (0.44 to 0.80) and recall 0.47 (0.33 to 0.69), and agreed with the coder at Cohen's
kappa 0.36 and Krippendorff's alpha 0.37, far under the bar: a new story needs its own check of this flag, and
likely its own additions to the word list. One coder's judgement, on one small corpus.

**Exclusions.** Label and loaded-language hits that every coder judged wrong can be taken out of every count
(a sidebar switch; each page, image note and the report says how many). Before any coding, a lexicon's
*ignore* phrases set aside forms that are not the actor: a phrase containing the form ("Salvation
Government"), or a context with `*` for the form ("pro-government \\*", "\\* of the opposition"). The Lexicon
page lists what they set aside in the selection, the ZIP holds every such form with its offsets, and the
report states how many.

**Limits.** Recall of label hits (mentions of an actor the lexicon does not list) needs a coder to read
whole sentences for missed mentions and is not estimated. Agreement between the tool's call and a coder is
computed on the stratified sample, in which flagged sentences are over-represented. Agreement of a coder with
themselves on a second pass (stability) is weaker evidence than agreement of two coders (reproducibility).
"""
)

st.header("Sources", anchor="sources")
st.markdown(
    """
**What it means.** Who each article quotes or cites: speakers of quotations, subjects of reporting verbs
("said", "announced", "according to"), cited organisations and media, authors of embedded posts, and
unnamed sources ("insiders", "analysts") kept apart; one entity per source however it is spelled.

**How.** Rules over the prepared sentences; known entities and their spellings in
`analysis/lexicons/sources.toml`; other names merged by a transliteration-tolerant key, a bare surname
joining the one full name that carries it; every merge records its rule.

**Limits.** Rules, not a parser: a named source is right about four times in five on real news (below),
wrong when the sentence is unusual (a subject after a missing comma, a reporting verb used for something
that is no citation: "called his bluff"). About half of the named sources an article cites are found:
verbs and constructions the rules do not know, citations inside long quoted passages and organisations
cited through "it" are missed, so counts of sources are undercounts. "He" goes to the last person named,
who may be the wrong one.

**Kinds of sources.** Each source is a person, an organisation, a government body, an anonymous source
("officials said", "a source familiar with the talks"), a document ("a report said"), a media outlet or a post;
the Overlap page gives each outlet's share of its citations by kind with a 95% percentile bootstrap interval
over its articles (2,000 resamples; fewer than three articles give none). The kinds follow from the rules
above and the word lists in `sources.toml`; they have not been checked against a human coder yet, so read an
outlet's anonymous share as what the rules find, within the undercount the limits describe.
"""
)
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
