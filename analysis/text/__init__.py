"""One pass over an article's text that every scorer shares.

`prepare` finds where the content starts (after front matter or a keyword/byline
preamble), the headline, sentences, words and the spans that are quotation. Every
offset points into the original text: the normalised text has exactly the same
length, so a hit found in one can be highlighted in the other.
"""

from analysis.text.layout import analyse_layout, parse_front_matter
from analysis.text.prepared import PreparedText, prepare
from analysis.text.quotes import find_quotes
from analysis.text.records import Compact, Layout, Quote, QuoteKind, Sentence, Span, Tokens, Voice, Word, Words
from analysis.text.sentences import split_sentences
from analysis.text.words import WORD_RE, match_tokens, normalise, word_spans, words_of

__all__ = [
    "WORD_RE",
    "Compact",
    "Layout",
    "PreparedText",
    "Quote",
    "QuoteKind",
    "Sentence",
    "Span",
    "Tokens",
    "Voice",
    "Word",
    "Words",
    "analyse_layout",
    "find_quotes",
    "match_tokens",
    "normalise",
    "parse_front_matter",
    "prepare",
    "split_sentences",
    "word_spans",
    "words_of",
]
