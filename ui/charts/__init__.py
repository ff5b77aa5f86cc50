"""Pure figure builders: tables in, plotly figures out. No streamlit, no scoring.

Every mark carries `customdata` that names its evidence (article id, and the label group or
sentence), so a page can open the sentences behind a click. Every figure has a title that
says what it shows, a subtitle with the corpus, the number of articles and the measure,
labelled axes and a legend.
"""

from ui.charts.common import target_name
from ui.charts.compare import group_intervals
from ui.charts.framing import label_mix, label_rates, label_split, legitimacy
from ui.charts.overlap import reprinted_by_outlet, similarity_heatmap, source_matrix
from ui.charts.overview import overview_panels
from ui.charts.readability import READING_BANDS, readability_panels, sentence_lengths
from ui.charts.terms import term_rates
from ui.charts.time import over_time
from ui.charts.tone import loaded_rates, sentence_tone_strip, tone_arc

__all__ = [
    "READING_BANDS",
    "group_intervals",
    "label_mix",
    "label_rates",
    "label_split",
    "legitimacy",
    "loaded_rates",
    "over_time",
    "overview_panels",
    "readability_panels",
    "reprinted_by_outlet",
    "sentence_lengths",
    "sentence_tone_strip",
    "similarity_heatmap",
    "source_matrix",
    "target_name",
    "term_rates",
    "tone_arc",
]
