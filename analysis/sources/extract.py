"""Finding the sources of one article: reporting verbs and their subjects, "according to",
quotations attributed through a cue, and the authors of embedded posts."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from analysis.matching import PhraseMatch
from analysis.sources.config import SourceConfig, load_source_config
from analysis.sources.model import Citation, CitationKind, Mention, Source
from analysis.sources.names import name_parts
from analysis.text import PreparedText, Quote, Sentence
from analysis.text.stop_words import ENGLISH_STOP_WORDS

_PRONOUNS = frozenset({"he", "she"})
# Sentence-initial words that are not names even when capitalised.
_COMMON = frozenset({"reports", "officials", "witnesses", "residents", "people", "critics", "police", "both", "many"})
_INTERJECTIONS = frozenset({"yes", "oh", "ok", "okay", "sure", "right", "thanks", "please"})
_INVERTING_VERBS = frozenset({"said", "says", "added", "wrote", "told", "declared", "exclaimed", "proclaimed"})
_DETERMINERS = re.compile(r"^(?:the|a|an|some|many|several|other|local)\s+", re.IGNORECASE)


@dataclass
class _Draft:
    key: str
    name: str
    type: str
    named: bool
    aliases: dict[str, str] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Subject:
    text: str
    start: int
    end: int


class _Extractor:
    """Finds the citations of one article."""

    def __init__(self, prepared: PreparedText, config: SourceConfig):
        self.prepared = prepared
        self.config = config
        self.text = prepared.normalised
        self.known = list(config.matcher.find(prepared.tokens))
        verbs = "|".join(sorted(config.verbs | config.participles, key=len, reverse=True))
        self.verb_re = re.compile(rf"(?<![\w'-])(?:{verbs})(?![\w-])", re.IGNORECASE)
        self.drafts: dict[str, _Draft] = {}
        self.last_person: str | None = None

    # --- subjects -------------------------------------------------------------------------
    def _clean(self, start: int, end: int) -> _Subject | None:
        while start < end and not self.text[start].isalnum():
            start += 1
        while end > start and not self.text[end - 1].isalnum():
            end -= 1
        return _Subject(self.prepared.text[start:end], start, end) if end > start else None

    def _cut(self, start: int, end: int) -> int:
        """End of a subject before a qualifying phrase ("rebel groups led by HTS")."""
        lowered = self.text[start:end].lower()
        cuts = [m.start() for cut in self.config.subject_cuts for m in re.finditer(rf"\s{re.escape(cut)}\b", lowered)]
        return start + min(cuts) if cuts else end

    def subject_before(self, sentence: Sentence, verb_start: int) -> _Subject | None:
        """The subject of a verb: a clause opened by a conjunction just before it, else the
        sentence's first segment after any introductory phrase."""
        clause_start = sentence.start
        head = self.text[sentence.start : verb_start]
        if ":" in head:  # "Rebel Leadership: HTS leader ... declares"
            clause_start = sentence.start + head.rindex(":") + 1
        segments, offset = [], clause_start
        for piece in re.split(r"(,|;|\(|\))", self.text[clause_start:verb_start]):
            quoted = self.prepared.quote_at(offset + len(piece) - len(piece.lstrip()), offset + len(piece))
            if piece not in {",", ";", "(", ")"} and piece.strip() and not quoted:
                segments.append((offset, offset + len(piece)))
            offset += len(piece)
        if not segments:
            return None
        last_start, last_end = segments[-1]
        if len(segments) > 1 and self._first_word(last_start, last_end) in self.config.conjunctions:
            return self._subject_in(last_start, last_end)
        for start, end in segments:
            if self._first_word(start, end) in self.config.introductions and len(segments) > 1:
                continue
            return self._subject_in(start, end)
        return None

    def _first_word(self, start: int, end: int) -> str:
        words = self.text[start:end].split()
        return words[0].lower().strip("\"'") if words else ""

    def _subject_in(self, start: int, end: int) -> _Subject | None:
        """The segment without a leading conjunction, a qualifying phrase or trailing auxiliaries."""
        end = self._cut(start, end)
        words = list(re.finditer(r"\S+", self.text[start:end]))
        if words and words[0].group().lower() in self.config.conjunctions | self.config.introductions:
            words = words[1:]
        while words and words[-1].group().lower().strip(",") in self.config.auxiliaries:
            words.pop()
        if not words:
            return None
        return self._clean(start + words[0].start(), start + words[-1].end())

    def subject_after(self, verb_end: int, limit: int) -> _Subject | None:
        """The noun phrase after an inverted verb ("said Jihad Yazigi, editor of ...")."""
        match = re.match(r"\s*(?:by\s+)?([^,.;:!?\"]+)", self.text[verb_end:limit])
        if not match:
            return None
        start, end = verb_end + match.start(1), verb_end + match.end(1)
        return self._clean(start, self._cut(start, end))

    def appositive(self, end: int, limit: int) -> str:
        match = re.match(r"\s*,\s*([^,.;\"]{3,80})", self.text[end:limit])
        return match.group(1) if match else ""

    # --- resolving --------------------------------------------------------------------------
    def _known_in(self, subject: _Subject) -> PhraseMatch | None:
        inside = [m for m in self.known if subject.start <= m.start and m.end <= subject.end]
        return inside[-1] if inside else None

    def _type_of(self, text: str) -> str:
        lowered = f" {text.lower()} "
        for word, kind in self.config.type_words:
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
                return kind
        return "other"

    def resolve(self, subject: _Subject, sentence: Sentence, context: str) -> _Draft | None:
        draft = self._resolve(subject, sentence, context)
        if draft is not None:
            draft.spans.append((subject.start, subject.end))
        return draft

    def _resolve(self, subject: _Subject, sentence: Sentence, context: str) -> _Draft | None:
        known = self._known_in(subject)
        if known:
            name, kind = self.config.entities[known.group]
            draft = self._draft(f"entity:{known.group}", name, kind, True)
            draft.aliases.setdefault(self.prepared.text[known.start : known.end], "alias list")
            if kind in {"government_military", "armed_opposition", "monitor_ngo", "analyst_expert"}:
                self.last_person = draft.key
            return draft
        words = subject.text.split()
        if not words or len(words) > 7:
            return None
        if subject.text.lower() in _PRONOUNS:
            return self.drafts.get(self.last_person) if self.last_person else None
        if len(words) == 1 and words[0].lower().strip("'") in ENGLISH_STOP_WORDS | _INTERJECTIONS:
            return None  # "I said", "Yes," said: a capital that is no name
        if self._is_name(words, subject, sentence):
            first, surname = name_parts(subject.text)
            kind = self._type_of(f"{subject.text} {context}")
            draft = self._draft(f"name:{first}|{surname}", subject.text, kind, True)
            draft.aliases.setdefault(subject.text, "as written")
            self.last_person = draft.key
            return draft
        name = _DETERMINERS.sub("", subject.text).lower()
        if name.split()[-1] in self.config.unnamed_nouns:
            draft = self._draft(f"unnamed:{name}", name, "unnamed", False)
            draft.aliases.setdefault(subject.text, "as written")
            return draft
        return None

    def _is_name(self, words: list[str], subject: _Subject, sentence: Sentence) -> bool:
        """A capital marks a name, except the sentence's first word: that one only when it stands
        alone and is not a common word ("Hasan said" but not "Rebel leaders said")."""
        later = any(w[:1].isupper() for w in words[1:])
        if subject.start != sentence.start:
            return later or words[0][:1].isupper()
        lowered = words[0].lower().strip("'")
        alone = len(words) == 1 and words[0][:1].isupper()
        common = lowered in self.config.unnamed_nouns or lowered in ENGLISH_STOP_WORDS or lowered in _COMMON
        return later or (alone and not common)

    def _draft(self, key: str, name: str, kind: str, named: bool) -> _Draft:
        if key not in self.drafts:
            self.drafts[key] = _Draft(key, name, kind, named)
        return self.drafts[key]

    # --- citations ---------------------------------------------------------------------------
    def run(self) -> None:
        quotes_by_sentence: dict[int, list[Quote]] = defaultdict(list)
        for quote in self.prepared.quotes:
            if quote.kind == "social_post":
                self._post(quote)
                continue
            sentence = self.prepared.sentence_at(quote.start) or self.prepared.sentence_at(quote.inner_start)
            if sentence is not None:
                quotes_by_sentence[sentence.index].append(quote)
        for sentence in self.prepared.sentences:
            if sentence.voice == "quoted" or sentence.is_heading:
                continue
            cues = self._cues(sentence)
            self._attribute_quotes(sentence, cues, quotes_by_sentence.get(sentence.index, []))

    def _post(self, quote: Quote) -> None:
        sentence = self.prepared.sentence_at(quote.inner_start)
        draft = self._draft(
            f"post:{(quote.handle or '').lower()}", quote.author or quote.handle or "", "social_media", True
        )
        draft.aliases.setdefault(f"{quote.author} ({quote.handle})", "post attribution")
        text = self.prepared.text[quote.inner_start : quote.inner_end]
        attribution = self._clean(quote.inner_end, quote.end)
        if attribution:
            draft.spans.append((attribution.start, attribution.end))
        draft.citations.append(
            Citation(
                "post",
                sentence.index if sentence else -1,
                quote.inner_end,
                quote.end,
                text,
                quote.inner_start,
                quote.inner_end,
            )
        )

    def _quoted(self, kind: CitationKind, sentence: int, quote: Quote, cue_start: int) -> Citation:
        text = self.prepared.text[quote.inner_start : quote.inner_end]
        return Citation(kind, sentence, cue_start, quote.end, text, quote.inner_start, quote.inner_end)

    def _cues(self, sentence: Sentence) -> list[tuple[int, int, _Draft]]:
        """(cue start, cue end, source) of every citation cue of the sentence's own voice."""
        cues = []
        segment = self.text[sentence.start : sentence.end]
        quotes_after = [q.start for q in self.prepared.quotes if sentence.start <= q.start < sentence.end]
        for match in self.verb_re.finditer(segment):
            start, end, verb = sentence.start + match.start(), sentence.start + match.end(), match.group()
            if self.prepared.quote_at(start, end) or (verb[0].isupper() and start != sentence.start):
                continue  # inside a quotation, or a name ("The Syria Report")
            participle = verb.lower() in self.config.participles
            if participle and not any(q > end for q in quotes_after):
                continue  # "urging residents to rise up" cites nobody
            draft = self._cite(sentence, self._subject_candidates(sentence, start, end, verb.lower()))
            if draft:
                cues.append((start, end, draft))
        for match in re.finditer(r"\b(?:according to|statements? (?:from|by))\s+", segment, re.IGNORECASE):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            draft = self._cite(sentence, [self.subject_after(end, sentence.end)])
            if draft:
                cues.append((start, end, draft))
        for start, end, draft in cues:
            cue = self.text[start:end].lower()
            kind: CitationKind = "according_to" if cue.startswith(("according", "statement")) else "reported"
            draft.citations.append(Citation(kind, sentence.index, start, end))
        return cues

    def _subject_candidates(self, sentence: Sentence, start: int, end: int, verb: str) -> list[_Subject | None]:
        """Where the subject of a reporting verb may be, most likely first."""
        before = self.text[sentence.start : start].rstrip()
        by = re.match(r"[^,.;]{0,60}?\bby\s+", self.text[end : sentence.end])
        if by and verb in {"described", "reported", "confirmed", "announced", "claimed"}:
            return [self.subject_after(end + by.end(), sentence.end)]
        if before.endswith(('"', '",', ',"')):  # '"...," declared X'
            return [self.subject_after(end, sentence.end), self.subject_before(sentence, start)]
        if before.endswith(",") and verb in _INVERTING_VERBS:  # '..., said X' unless '..., X, said'
            return [self.subject_before(sentence, start), self.subject_after(end, sentence.end)]
        return [self.subject_before(sentence, start)]

    def _cite(self, sentence: Sentence, candidates: list[_Subject | None]) -> _Draft | None:
        for subject in candidates:
            if subject is None or subject.text.split()[0].lower() in {"that", "it", "its", "to"}:
                continue
            draft = self.resolve(subject, sentence, self.appositive(subject.end, sentence.end))
            if draft is not None:
                return draft
        return None

    def _attribute_quotes(self, sentence: Sentence, cues: list[tuple[int, int, _Draft]], quotes: list[Quote]) -> None:
        for quote in quotes:
            if not cues:
                continue
            _, _, draft = min(cues, key=lambda cue: min(abs(cue[0] - quote.end), abs(cue[1] - quote.start)))
            text = self.prepared.text[quote.inner_start : quote.inner_end]
            draft.citations.append(
                Citation("quote", sentence.index, quote.start, quote.end, text, quote.inner_start, quote.inner_end)
            )

    def sources(self) -> list[Source]:
        result = []
        for draft in self.drafts.values():
            mentions = self._mentions(draft)
            citations = _dedupe(draft.citations)
            result.append(
                Source(
                    key=draft.key,
                    name=draft.name,
                    type=draft.type,
                    named=draft.named,
                    aliases_seen=tuple(draft.aliases),
                    merge_rules=dict(draft.aliases),
                    mentions=tuple(mentions),
                    citations=tuple(citations),
                )
            )
        return sorted(result, key=lambda s: (-len(s.citations), s.name.lower()))

    def _mentions(self, draft: _Draft) -> list[Mention]:
        """Known entities: every spelling in the article; other names: every occurrence; unnamed: the cue's subject."""
        spans = set(draft.spans)
        if draft.key.startswith("entity:"):
            spans = set()
            entity = draft.key.split(":", 1)[1]
            for match in self.known:
                if match.group == entity:
                    spans.add((match.start, match.end))
                    draft.aliases.setdefault(self.prepared.text[match.start : match.end], "alias list")
        elif draft.named and not draft.key.startswith("post:"):
            pattern = re.compile(rf"(?<![\w-]){re.escape(draft.name)}(?![\w-])", re.IGNORECASE)
            spans.update(m.span() for m in pattern.finditer(self.text, self.prepared.layout.content_start))
        return [Mention(self.prepared.text[a:b], a, b) for a, b in sorted(spans)]


def _dedupe(citations: list[Citation]) -> list[Citation]:
    """One reported citation per sentence, and none where a quotation of the same sentence stands."""
    seen, result = set(), []
    quoted = {c.sentence for c in citations if c.kind == "quote"}
    for citation in sorted(citations, key=lambda c: (c.sentence, c.cue_start)):
        reported = citation.kind in {"reported", "according_to"}
        key = ("reported", citation.sentence) if reported else (citation.kind, citation.cue_start, citation.quote_start)
        if key in seen or (citation.kind == "reported" and citation.sentence in quoted):
            continue
        seen.add(key)
        result.append(citation)
    return result


def article_sources(prepared: PreparedText, config: SourceConfig | None = None) -> list[Source]:
    """The sources one article quotes or cites, most cited first."""
    extractor = _Extractor(prepared, config or load_source_config())
    extractor.run()
    return extractor.sources()
