"""What a file may hold before it is refused: one home for every limit on input.

The readers enforce these, the Corpus page and the documentation (docs/adding-articles.md)
state them, and the tests build files just past each one.
"""

from __future__ import annotations

# A file larger than this is refused before it is opened (5 MB, counted in bytes as 5,000,000).
MAX_FILE_BYTES = 5_000_000
# A table that is read in a stream (CSV, JSON Lines, Parquet: a table of articles, or Framelens
# results with their scores) may be far larger: it takes the memory of a few thousand rows at a
# time, whatever its size. A JSON document is parsed whole, so it keeps the limit of any file.
MAX_TABLE_BYTES = 1_000_000_000
# What the columns read from one Parquet file may expand to in memory, counted before and while
# reading: a dictionary-encoded file of a few kilobytes can otherwise expand to gigabytes.
MAX_PARQUET_EXPANDED_BYTES = 1_500_000_000
# Parquet rows are converted this many at a time, so that one batch never expands far past the limit.
PARQUET_BATCH_ROWS = 64
# The cached scores of one article that a results file may carry (a few tens of kilobytes is usual).
MAX_SCORE_PAYLOAD_CHARS = 4_000_000
# The text extracted from any one file, or one row of a table: a container that expands past
# this (a zip or PDF stream that decompresses to gigabytes) is refused, not stored.
MAX_TEXT_CHARS = 5_000_000
# What the parts of a Word file may expand to in all, before any XML is parsed.
MAX_EXPANDED_BYTES = 60_000_000
# Reading one container (Word, PDF, web page) stops and refuses the file after this long; in the
# dashboard, where files are read in a child process, so does reading any file.
MAX_READ_SECONDS = 10.0
# What the child process that reads a dashboard upload may take of the memory (its address space).
MAX_READ_MEMORY_BYTES = 6_000_000_000
# Rows of one table file beyond this are left out, with a note (a year of a large outlet's
# coverage, or a hundred thousand articles of many, fits in one file).
MAX_TABLE_ROWS = 200_000
# JSON nested deeper than this is refused (real exports nest two or three levels).
MAX_JSON_DEPTH = 64
# A sentence longer than this many words means the text lost its punctuation (a one-line
# dump): readability formulas on it are meaningless, and the import says so.
MAX_SENTENCE_WORDS = 250
# The uploader accepts larger files than the readers do, so that an oversized file reaches the
# readers and is named in the import report with its size, instead of vanishing in the browser.
# (The server holds an upload in memory until it is imported, so this also bounds that.)
UPLOAD_WIDGET_MB = 1_024
# The dashboard analyses at most this many articles of the chosen collections at once (a
# sample that keeps each outlet's share, `analysis.sampling`, when they hold more, which every
# page and export states); the command line analyses any number.
MAX_DASHBOARD_ARTICLES = 10_000
