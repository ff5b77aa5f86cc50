"""The thresholds and sizes of the comparison, in one place (`analysis.method` records them)."""

MIN_PASSAGE_WORDS = 8
# Containment compares stemmed word 5-grams: on the dev half of the Clough-Stevenson corpus
# this orders the reuse levels best (n from 1 to 6, plain and stemmed, were tried).
CONTAINMENT_NGRAM = 5
# A sentence of B is A's paraphrase when their TF-IDF cosine (content words, stemmed) is at
# least this; chosen on the seeds and the dev half of the Clough-Stevenson corpus.
ALIGN_THRESHOLD = 0.3
# With alignment by meaning (the default), a sentence's similarity to another is the mean of
# that cosine and the cosine of their meaning vectors. The best match must reach the floor and
# exceed by the margin what the two sentences reach with their nearest sentences elsewhere
# (`alignment.align_pairs`). Chosen on the dev half of OneStopEnglish.
ALIGN_BY_MEANING = True
MEANING_FLOOR = 0.3
MEANING_THRESHOLD = 0.16  # the margin
HUB_NEIGHBOURS = 10
# ...and when they share at least this many content words, one of them not a name. On the dev
# half of OneStopEnglish this halves the alignments joining unrelated articles (0.133 to 0.066,
# files holding one text twice left out) while 0.874 of elementary sentences still align with
# their own article's rewrite (0.914 before).
MIN_SHARED_CONTENT_WORDS = 2
# Every pair is compared up to this many articles; above it, only candidate pairs.
ALL_PAIRS_UP_TO = 120
# Above that: each article's nearest neighbours by similarity, and sentence MinHash buckets.
NEAREST = 5
LSH_BANDS = 12  # MinHash bands of sentence signatures
LSH_ROWS = 4  # rows per band
DENSE_NEIGHBOURS_UP_TO = 20_000_000  # articles x terms: 160 MB as a dense matrix
NEIGHBOUR_TERM_SHARE = 0.5  # above that, neighbours are found on the terms in at most half the articles
RARE_RUN_ARTICLES = 4  # in a large corpus, runs shared by more articles do not make pairs candidates
MIN_SHARED_RUNS = 3  # nor do fewer shared runs than this (a copied sentence of 10 words holds 3)
LSH_MIN_HITS = 2  # bucket meetings a pair needs
LSH_PARTNERS = 8  # partners kept per article
LSH_MAX_BUCKET = 50  # a bucket holding more articles than this is boilerplate, not reuse
PRIME = (1 << 31) - 1  # MinHash arithmetic modulo a prime that keeps products inside int64
# A word run many articles hold is common wording (a footer, a dateline formula) when those
# articles tell different stories; when they are copies of one story (their texts this similar
# on average, TF-IDF cosine: a reprint lightly edited stays near 1, different stories of one
# event near 0.3 to 0.5), it is a reprint, and shown as reuse.
REPRINT_SIMILARITY = 0.75
# Two articles are copies of one story (a reprint cluster) when at least this share of one's own
# text is found in the other: half an article taken from another. Set by reasoning, not on data.
REPRINT_SHARE = 0.5
# A borrower is named only on at least this many words of the outlets' own text copied: one
# shared formula (a dateline line, a sign-off) is ten words or so, and named a borrower for 115
# of 160 unrelated pairs that shared one. Set above two such formulas; not yet chosen on data.
MIN_BORROWED_WORDS = 20
