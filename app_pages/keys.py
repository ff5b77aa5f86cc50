"""Every name a dashboard session keeps a value under, in one place.

Streamlit keeps a session's state in one dictionary shared by every page; a key misspelt on one
page silently starts a second value. Pages read and write these names only: a widget that the
address or another page also sets takes its key from here too.
"""

# The shared study, drawn by the sidebar on every page and kept in the address.
LEXICON = "lexicon"
ACTOR = "actor"
COLLECTIONS = "collections"
ARTICLES = "articles"
NAMES = "names"  # how charts and pickers name an article
FILTERS = "filters"  # the `Filters` the sidebar built on this run, for the pages to apply
FILTER_OUTLETS = "f_outlets"
FILTER_DATES = "f_dates"
FILTER_COLUMN = "f_column"
FILTER_VALUES = "f_values"
LEAVE_OUT_WRONG = "leave_out_wrong"  # leave out hits every coder marked wrong
PRESENT = "present"  # presentation view: controls hidden


def pending(key: str) -> str:
    """Where a page asks for a sidebar control to change on the next run (the sidebar applies it
    before drawing the control, which Streamlit requires)."""
    return f"pending_{key}"


# Hand-offs: set by a click on one page, read once by the page it opens.
FOCUS_ARTICLE = "focus_article"  # the article to open on the Article page
PAIR = "pair"  # the two articles to open side by side on the Overlap page
PENDING_QUERY = "pending_q"  # a term to search for on the Search page
CLICKED = "clicked_chart"  # the chart whose marks the user has just clicked

# Page controls that a click, the address or another control also sets.
ARTICLE_PICK = "article_pick"
ARTICLE_LAYERS = "article_layers"
PAIR_A = "pair_a"
PAIR_B = "pair_b"
KWIC_TARGET = "kwic_target"
KWIC_GROUP = "kwic_group"
KWIC_ARTICLE = "kwic_article"
KWIC_ACTOR = "kwic_actor"  # the sidebar actor the Framing page's examples last followed
FRAMING_MEASURE = "framing_measure"
COMPARE_BY = "compare_by"
COMPARE_MEASURE = "compare_measure"
COMPARE_WITHIN = "compare_within"
TIME_MEASURE = "time_measure"
TIME_PERIOD = "time_period"
TIME_GROUP = "time_group"
SEARCH_QUERY = "q"
SEARCH_BY = "search_by"
SEARCH_PERIOD = "search_period"
TERMS_ASKED = "terms_asked"  # the selection and grouping whose distinguishing terms were asked for
CORPUS_TARGET = "corpus_target"
PENDING_CORPUS_TARGET = "pending_corpus_target"

# The paste form's fields, emptied after an article is added from it.
PASTE_FIELDS = {field: f"paste_{field}" for field in ("title", "text", "outlet", "author", "date", "url")}

# What a page keeps between its own runs.
LAST_IMPORT = "last_import"  # the report of the last upload, shown until the next
UPLOADS = "uploads"  # uploads so far: a new number gives a fresh, empty file picker
NEW_STUDY = "new_study"  # a collection just made, offered as the study
DELETED_NOTE = "deleted_note"  # what the last deletion did, with its undo
ADDED_COLUMNS = "manage_added_columns"  # metadata columns added on the Corpus page, per collection
SUGGESTED = "suggested"  # the Lexicon page's last term suggestions and whom they were for
CONFIRMING_DRAW = "validate_confirming_draw"  # a new validation sample waits for confirmation
EXTRA_CHARTS = "export_extra_charts"  # charts a page added to the export beyond the catalogue
PRINT_SIZE = "export_print_cm"  # the printed width downloads are laid out for (None: the screen)
