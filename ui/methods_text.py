"""The methods text: one Markdown file, shown by the Methods page and published as the docs' Methods.

`docs/source/methods.md` holds the prose with `{{name}}` where a setting belongs (a threshold, a
version, the active lexicon's name), so neither copy can drift from the code: the page fills the
placeholders from the running method record and the chosen lexicon, and `docs/build.py` fills them
from the same record and the bundled lexicon. `## Title {#anchor}` opens a section and `###` a
subsection; the page draws each section's figures after its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from analysis.intervals import MIN_UNITS, RESAMPLES
from analysis.method import method_record
from analysis.tone import load_loaded_words, news_tuning

TEMPLATE = Path(__file__).resolve().parent.parent / "docs" / "source" / "methods.md"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
HEADING = re.compile(r"^(#{2,3}) (.+?) \{#([\w-]+)\}$", re.MULTILINE)


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    level: int  # 2 a section, 3 a subsection
    body: str


def _shown(value: object) -> str:
    """A setting as the text writes it: thousands separated, a list joined."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def method_values(lexicon_name: str, lexicon_version: str, lexicon_home: str) -> dict[str, str]:
    """What the placeholders stand for: the method record, the word lists, and the lexicon in use
    (the caller escapes a researcher's lexicon name for where it is shown)."""
    method = method_record()
    words = load_loaded_words()
    tuning = news_tuning()
    return {
        **{key: _shown(value) for key, value in method.items()},
        "confidence_percent": f"{method['confidence']:.0%}",
        "chart_interval_resamples": f"{RESAMPLES:,}",
        "chart_interval_min_units": str(MIN_UNITS),
        "lexicon_name": lexicon_name,
        "lexicon_version": lexicon_version,
        "lexicon_home": lexicon_home,
        "loaded_categories": ", ".join(words.labels.values()).lower(),
        "loaded_flag_at": str(words.flag_at),
        "loaded_word_list_name": words.name,
        "loaded_word_list_version": words.version,
        "tone_tuning_name": tuning["name"],
        "tone_tuning_version": tuning["version"],
    }


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with every `{{name}}` replaced; KeyError naming any placeholder without a value."""
    missing = sorted(set(PLACEHOLDER.findall(text)) - set(values))
    if missing:
        raise KeyError(f"no value for {', '.join(missing)} in {TEMPLATE.name}")
    return PLACEHOLDER.sub(lambda match: values[match[1]], text)


def methods_text(values: dict[str, str]) -> str:
    """The whole methods text, filled."""
    return fill(TEMPLATE.read_text(encoding="utf-8"), values)


def split_sections(text: str) -> tuple[str, list[Section]]:
    """The text before the first section (title and introduction), and each section in order."""
    found = list(HEADING.finditer(text))
    intro = text[: found[0].start()] if found else text
    sections = [
        Section(
            title=match[2],
            anchor=match[3],
            level=len(match[1]),
            body=text[match.end() : found[i + 1].start() if i + 1 < len(found) else len(text)].strip(),
        )
        for i, match in enumerate(found)
    ]
    return intro, sections
