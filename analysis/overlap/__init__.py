"""What articles share: verbatim passages, containment, aligned paraphrases, similarity.

Words are compared after the normalisation of `analysis.text` (case, typographic quotes
and apostrophes, dashes, whitespace), and every passage keeps offsets into both original
texts. Candidate pairs come from sparse matrix products, so a large corpus is never
compared pair by pair word by word.
"""

from analysis.overlap.alignment import align_pairs, sentence_words, tfidf
from analysis.overlap.candidates import candidate_pairs
from analysis.overlap.compare import compare, compare_articles
from analysis.overlap.model import AlignedSentence, Document, OverlapResult, PairOverlap, SharedPassage
from analysis.overlap.passages import common_passages, containment, likely_borrower, shared_passages
from analysis.overlap.settings import (
    ALIGN_THRESHOLD,
    ALL_PAIRS_UP_TO,
    CONTAINMENT_NGRAM,
    MIN_PASSAGE_WORDS,
    MIN_SHARED_CONTENT_WORDS,
    NEAREST,
)
from analysis.overlap.words import content_words, distinct_sorted, ngrams, run_keys

__all__ = [
    "ALIGN_THRESHOLD",
    "ALL_PAIRS_UP_TO",
    "CONTAINMENT_NGRAM",
    "MIN_PASSAGE_WORDS",
    "MIN_SHARED_CONTENT_WORDS",
    "NEAREST",
    "AlignedSentence",
    "Document",
    "OverlapResult",
    "PairOverlap",
    "SharedPassage",
    "align_pairs",
    "candidate_pairs",
    "common_passages",
    "compare",
    "compare_articles",
    "containment",
    "content_words",
    "distinct_sorted",
    "likely_borrower",
    "ngrams",
    "run_keys",
    "sentence_words",
    "shared_passages",
    "tfidf",
]
