"""Which labels an article gives each actor, and how it words each event.

Every hit is counted in the outlet's own voice or inside a quotation, in the headline or
the body, and keeps its sentence and offsets. The legitimacy index of a target is the mean
scale position of its label groups weighted by own-voice counts: what the outlet itself
calls the actor, not what the people it quotes call them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from analysis.lexicon import Lexicon, Target
from analysis.text import Compact, PreparedText

HitVoice = Literal["own", "quoted"]


@dataclass(frozen=True, slots=True)
class LabelHit(Compact):
    target: str
    group: str
    start: int
    end: int
    text: str
    sentence: int
    voice: HitVoice
    in_headline: bool


@dataclass(frozen=True, slots=True)
class GroupCount(Compact):
    total: int = 0
    own_voice: int = 0
    quoted: int = 0
    headline: int = 0
    per_1k: float = 0.0


@dataclass(frozen=True, slots=True)
class TargetFraming(Compact):
    """Counts per label group of one actor or event, its dominant group and its index."""

    target: str
    kind: str
    counts: dict[str, GroupCount]
    dominant: str | None
    legitimacy: float | None


@dataclass(frozen=True)
class FramingResult:
    targets: dict[str, TargetFraming]
    hits: tuple[LabelHit, ...]
    lexicon_name: str
    lexicon_version: str

    def of_kind(self, kind: str) -> dict[str, TargetFraming]:
        return {tid: t for tid, t in self.targets.items() if t.kind == kind}


def find_hits(prepared: PreparedText, target: Target) -> list[LabelHit]:
    """Every form of `target` in the article's sentences, ignored phrases set aside."""
    hits = []
    for match in target.matcher.find(prepared.tokens):
        sentence = prepared.sentence_at(match.start)
        if sentence is None:
            continue
        quoted = prepared.quote_at(match.start, match.end) is not None
        hits.append(
            LabelHit(
                target=target.id,
                group=match.group,
                start=match.start,
                end=match.end,
                text=prepared.text[match.start : match.end],
                sentence=sentence.index,
                voice="quoted" if quoted else "own",
                in_headline=sentence.in_headline,
            )
        )
    return hits


def count_group(hits: list[LabelHit], words: int) -> GroupCount:
    own = sum(1 for h in hits if h.voice == "own")
    return GroupCount(
        total=len(hits),
        own_voice=own,
        quoted=len(hits) - own,
        headline=sum(1 for h in hits if h.in_headline),
        per_1k=round(1000 * len(hits) / words, 3) if words else 0.0,
    )


def dominant_group(counts: dict[str, GroupCount]) -> str | None:
    """The group the outlet itself uses most (own voice, then total, then lexicon order)."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1].own_voice, -item[1].total))
    if not ranked or ranked[0][1].total == 0:
        return None
    return ranked[0][0]


def legitimacy_index(target: Target, counts: dict[str, GroupCount]) -> float | None:
    """Scale positions weighted by own-voice counts; None when the outlet never labels the target."""
    own_total = sum(c.own_voice for c in counts.values())
    if own_total == 0:
        return None
    weighted = sum(target.group(name).position * c.own_voice for name, c in counts.items())
    return round(weighted / own_total, 4)


def frame(prepared: PreparedText, lexicon: Lexicon) -> FramingResult:
    """Label and event-framing counts of one prepared article under `lexicon`."""
    hits = [hit for target in lexicon.targets for hit in find_hits(prepared, target)]
    return framing_of(hits, lexicon, prepared.word_count)


def framing_of(hits: list[LabelHit], lexicon: Lexicon, words: int) -> FramingResult:
    """The counts, dominant group and index of every target from an article's label hits."""
    targets: dict[str, TargetFraming] = {}
    for target in lexicon.targets:
        mine = [h for h in hits if h.target == target.id]
        counts = {group.name: count_group([h for h in mine if h.group == group.name], words) for group in target.groups}
        targets[target.id] = TargetFraming(
            target=target.id,
            kind=target.kind,
            counts=counts,
            dominant=dominant_group(counts),
            legitimacy=legitimacy_index(target, counts),
        )
    ordered = sorted(hits, key=lambda h: (h.start, h.target))
    return FramingResult(targets, tuple(ordered), lexicon.name, lexicon.version)


def without_hits(framing: FramingResult, lexicon: Lexicon, words: int, left_out: set[tuple[int, int]]) -> FramingResult:
    """The framing of an article with the hits at `left_out` (start, end) taken out of every count:
    hits a coder judged wrong (a label for another referent)."""
    kept = [h for h in framing.hits if (h.start, h.end) not in left_out]
    return framing if len(kept) == len(framing.hits) else framing_of(kept, lexicon, words)
