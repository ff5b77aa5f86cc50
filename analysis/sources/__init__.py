"""Who each article quotes or cites, one entity per source however it is spelled.

A citation is a reporting verb and its subject ("the Syrian army announced", "said Jihad
Yazigi"), a phrase such as "according to X" or "described ... by X", a direct quotation
attributed through such a cue, or the author of an embedded social-media post. Subjects are
resolved to known entities from `lexicons/sources.toml` (its alias lists merge spellings);
other names are merged by rule, and every merge says which rule made it.
"""

from analysis.sources.config import SOURCE_TYPES, SOURCES_FILE, CitationKind, SourceConfig, load_source_config
from analysis.sources.corpus import corpus_sources, merged_sources
from analysis.sources.extract import article_sources
from analysis.sources.model import Citation, CorpusSources, Mention, SharedQuotation, Source
from analysis.sources.quotations import shared_quotations

__all__ = [
    "SOURCES_FILE",
    "SOURCE_TYPES",
    "Citation",
    "CitationKind",
    "CorpusSources",
    "Mention",
    "SharedQuotation",
    "Source",
    "SourceConfig",
    "article_sources",
    "corpus_sources",
    "load_source_config",
    "merged_sources",
    "shared_quotations",
]
