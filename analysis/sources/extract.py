"""Finding the sources of one article: reporting verbs and their subjects, "according to",
quotations attributed through a cue, and the authors of embedded posts."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from analysis.matching import PhraseMatch
from analysis.sources.config import SourceConfig, load_source_config
from analysis.sources.model import Citation, CitationKind, Mention, Source
from analysis.sources.names import as_named, name_core, name_parts
from analysis.text import PreparedText, Quote, Sentence
from analysis.text.stop_words import ENGLISH_STOP_WORDS

_PRONOUNS = frozenset({"he", "she"})
PRONOUN_SENTENCES = 2  # "he said" looks for its person in its own sentence and this many before
_HONORIFIC_GENDER = {
    **dict.fromkeys(("mr", "mister", "sir", "lord", "king", "prince"), "he"),
    **dict.fromkeys(("mrs", "ms", "miss", "madam", "madame", "lady", "dame", "queen", "princess"), "she"),
}


def _gender(written: str) -> str | None:
    """The pronoun an honorific before a name states ("Mr. Nadler": he), else None."""
    first = written.split()[0].lower().strip(".,") if written.split() else ""
    return _HONORIFIC_GENDER.get(first)


# A verb's subject is looked for in at most this many characters before it: a sentence of
# thousands of characters with a reporting verb every few words (a text without full stops)
# would otherwise be read again from its start for each verb.
SUBJECT_WINDOW = 600
_PERSONAL = frozenset({"i", "we", "you", "they", "he", "she"})
_BY_VERBS = frozenset({"described", "reported", "confirmed", "announced", "claimed"})
# Words that do not open a name even with a capital.
_NOT_NAME_START = frozenset(
    "here there what it this that these those if when where why how who which while as and but or so then "
    "thus all no not every each some any".split()
)
_DETERMINER_WORDS = frozenset("the a an this that these those its his her their our my new latest draft".split())
# Cues before the source they cite: "according to X", "statements from X", "to quote X".
_CITING = re.compile(r"\b(?:according to|statements? (?:from|by)|to quote|quoth)\s+", re.IGNORECASE)
# Introductory words that open a phrase with its own noun, never the subject ("In Damascus, ...").
_LEADING_PREPOSITIONS = frozenset(
    "in on at after following despite since with by for during before when while as although though if unless "
    "regarding whether where according speaking whereas last next late early earlier later today yesterday "
    "tonight".split()
)
_BE = frozenset({"is", "are", "was", "were", "be", "being", "am"})
_LY_NOUNS = frozenset({"family", "ally", "rally", "assembly", "supply", "reply", "anomaly", "monopoly", "bully"})
_INSIDE_CAPITAL = re.compile(r"(?<=[\w,;:)] )[A-Z][\w'\u2019-]*")
_CONTRACTED = re.compile(r"['’](?:ll|d|m|re|ve|s)$")  # "I'll", "we've"
# What follows a reporting verb that is a noun: a preposition or the end of a clause.
_NOUN_AFTER = re.compile(r"\s*(?:[,.;:?!)]|$|(?:on|of|about|from|by|in|for|into|to|at)\b)")
# Sentence-initial words that are not names even when capitalised.
_COMMON = frozenset(
    {"reports", "officials", "witnesses", "residents", "people", "critics", "police", "both", "many"}
    | {"everybody", "everyone", "nobody", "somebody", "someone", "anyone", "others"}
)
_INTERJECTIONS = frozenset({"yes", "oh", "ok", "okay", "sure", "right", "thanks", "please"})
_INVERTING_VERBS = frozenset({"said", "says", "added", "wrote", "told", "declared", "exclaimed", "proclaimed"})
_DETERMINERS = re.compile(r"^(?:the|a|an|some|many|several|other|local)\s+", re.IGNORECASE)
_POSTMODIFIER = re.compile(
    r"\s+(?:familiar|close|with|who|from|in|at|on|inside|within|involved|briefed|speaking|knowledgeable|near|"
    r"by|of)\b"
)
# A dateline before the first sentence's subject: a place in capitals, an agency, a dash.
_DATELINE = re.compile(
    r"^\s*[A-Z][\w.'\u2019]*(?:[ ,]+[\w.'\u2019]+){0,6}?(?:\s*\([^()]{1,30}\))?\s+[-\u2013\u2014]+\s*(?=[A-Z])"
)
_PARTICLE_NAME = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az)-[A-Z]")
# The noun phrase after a cue, to the first stop; "U.S." and "Sen." do not stop it.
_PHRASE_AFTER = re.compile(
    r"\s*(?:by\s+)?((?:\b[A-Z]\.(?=[A-Z]\.|\s+[a-z]|\s+[A-Z][a-z])|"
    r"\b(?:Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|St|Jr|Prof|Capt|Maj|Adm)\.\s|\.(?=[a-z])|[^,.;:!?\"])+)"
)


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
        self.verb_re = config.verb_re
        self.drafts: dict[str, _Draft] = {}
        # Each person cited so far: key, the sentence they were named in, and the gender an
        # honorific states ("he", "she", or None), for "he said" and "she said" to stand for.
        self.persons: list[tuple[str, int, str | None]] = []

    # --- subjects -------------------------------------------------------------------------
    def _clean(self, start: int, end: int) -> _Subject | None:
        while start < end and not self.text[start].isalnum():
            start += 1
        while end > start and not self.text[end - 1].isalnum():
            end -= 1
        return _Subject(self.prepared.text[start:end], start, end) if end > start else None

    def _cut(self, start: int, end: int) -> int:
        """End of a subject before a qualifying phrase ("rebel groups led by HTS")."""
        found = self.config.cut_re.search(self.text[start:end].lower()) if self.config.cut_re else None
        return start + found.start() if found else end

    def subjects_before(self, sentence: Sentence, verb_start: int) -> list[_Subject | None]:
        """Where the subject of a verb before it may be, most likely first: a clause opened by a
        conjunction just before it; the segment that runs up to it ("..., the Home Office has
        said"; an appositive is set off by commas, so "Hasan, a commander, said" is not this);
        the sentence's first segment after any introductory phrase."""
        clause_start = sentence.start
        if verb_start - clause_start > SUBJECT_WINDOW:  # from the first word inside the window
            window = verb_start - SUBJECT_WINDOW
            space = self.text.find(" ", window, verb_start)
            clause_start = space + 1 if space >= 0 else window
        head = self.text[clause_start:verb_start]
        if ":" in head:  # "Rebel Leadership: HTS leader ... declares"
            clause_start += head.rindex(":") + 1
        elif dateline := _DATELINE.match(head):  # "GENEVA (Reuters) - The WHO chief said"
            clause_start += dateline.end()
        segments, offset = [], clause_start
        for piece in re.split(r"(,|;|\(|\))", self.text[clause_start:verb_start]):
            quoted = self.prepared.quote_at(offset + len(piece) - len(piece.lstrip()), offset + len(piece))
            if piece not in {",", ";", "(", ")"} and piece.strip() and not quoted:
                segments.append((offset, offset + len(piece)))
            offset += len(piece)
        if not segments:
            return []
        last_start, last_end = segments[-1]
        if len(segments) > 1 and self._first_word(last_start, last_end) in self.config.conjunctions:
            return [self._subject_in(last_start, last_end)]
        found = [self._subject_in(last_start, last_end)] if len(segments) > 1 and last_end == verb_start else []
        if found and found[0] and _bare(found[0].text) in _PERSONAL:
            return found  # "Likewise, when he claims": he, whoever he is, and not "Likewise"
        # Then each earlier segment in turn, the first that names a source winning: "Distressingly,
        # US Ambassador Nikki Haley, the most outspoken supporter ..., told NBC".
        # A segment opened by an adverb ("Now even the canonist Edward Peters, who ..., declares")
        # comes after the others; one opened by a preposition ("According to Breitbart", "In
        # Damascus") names no subject.
        earlier = segments[:-1] or segments
        first_words = [self._first_word(start, end) for start, end in earlier]
        plain = [seg for seg, word in zip(earlier, first_words, strict=True) if word not in self.config.introductions]
        adverbial = [
            seg
            for seg, word in zip(earlier, first_words, strict=True)
            if word in self.config.introductions and word not in _LEADING_PREPOSITIONS
        ]
        if len(segments) == 1:
            plain, adverbial = earlier, []
        return found + [self._subject_in(start, end) for start, end in plain + adverbial]

    def _first_word(self, start: int, end: int) -> str:
        words = [w for w in self.text[start:end].split() if any(c.isalnum() for c in w)]
        return words[0].lower().strip("\"'") if words else ""

    def _subject_in(self, start: int, end: int) -> _Subject | None:
        """The segment without a leading conjunction, a qualifying phrase or trailing auxiliaries."""
        end = self._cut(start, end)
        closing = max(self.text.rfind('"', start, end), self.text.rfind("\u201d", start, end))
        if closing >= 0:  # '"How dare you!" Attorney General Jeff Sessions said': after the quotation
            start = closing + 1
        words = [w for w in re.finditer(r"\S+", self.text[start:end]) if any(c.isalnum() for c in w.group())]
        if words and words[0].group().lower() in self.config.conjunctions | self.config.introductions:
            words = words[1:]
        while words and words[0].group().lower() in self.config.verbs | self.config.auxiliaries | {"to"}:
            words = words[1:]  # "said Ms. Broaddrick told", "according to the Senate report", "Previously X"
        reported = [k for k, w in enumerate(words) if w.group().lower() in self.config.verbs - self.config.nounlike]
        if reported:  # "Fox News reported that a source told ...": the source tells
            words = words[reported[-1] + 1 :]
            if words and words[0].group().lower() in {"that", "by"}:
                words = words[1:]  # "emails published by WikiLeaks revealed": WikiLeaks
        subordinate = [k for k, w in enumerate(words) if w.group().lower() == "that"]
        if subordinate:  # "Remember that Mohamed Atta told passengers": Atta
            words = words[subordinate[-1] + 1 :]
        pronouns = [k for k, w in enumerate(words) if _bare(w.group()) in _PERSONAL]
        if pronouns:
            words = [words[pronouns[-1]]]  # "Washington, D.C. As I indicated": the pronoun is the subject
        while words and _adverb_or_auxiliary(words[-1].group().strip(","), self.config.auxiliaries):
            words.pop()
        if not words:
            return None
        return self._clean(start + words[0].start(), start + words[-1].end())

    def subject_after(self, verb_end: int, limit: int) -> _Subject | None:
        """The noun phrase after an inverted verb ("said Jihad Yazigi, editor of ...")."""
        match = _PHRASE_AFTER.match(self.text[verb_end:limit])
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
        for pattern, kind in self.config.type_patterns:
            if pattern.search(lowered):
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
                self.persons.append((draft.key, sentence.index, None))
            return draft
        words = subject.text.split()
        if not words or len(words) > 7:
            return None
        if subject.text.lower() in _PRONOUNS:
            meant = self._pronoun_person(subject.text.lower(), sentence.index)
            return self.drafts.get(meant) if meant else None
        if len(words) == 1 and _bare(words[0]).strip("'") in ENGLISH_STOP_WORDS | _INTERJECTIONS:
            return None  # "I said", "Yes," said: a capital that is no name
        if self._is_name(words, subject, sentence):
            # A person is keyed by their own name, whatever place, office or role stands before it,
            # so that "Florida Sen. Marco Rubio" and "Marco Rubio" meet.
            core = name_core(subject.text)
            person = self._person_like(core.split())
            named = as_named(subject.text) if person else subject.text
            first, surname = name_parts(core if person else subject.text)
            kind = self._type_of(f"{subject.text} {context}")
            draft = self._draft(f"name:{first}|{surname}", named, kind, True)
            draft.aliases.setdefault(subject.text, "as written")
            if person:  # "he" and "she" may stand for it later
                self.persons.append((draft.key, sentence.index, _gender(subject.text)))
            return draft
        name = _DETERMINERS.sub("", subject.text).lower()
        # The head noun comes before what qualifies it: "a source familiar with the talks",
        # "officials in Damascus", "a report by the agency".
        head = _POSTMODIFIER.split(name, maxsplit=1)[0].strip()
        if head and head.split()[-1] in self.config.unnamed_nouns | self.config.document_nouns:
            draft = self._draft(f"unnamed:{head}", head, "unnamed", False)
            draft.aliases.setdefault(subject.text, "as written")
            return draft
        return None

    def _pronoun_person(self, pronoun: str, sentence: int) -> str | None:
        """Whom "he" or "she" stands for, only when that is unambiguous: the one person of a
        fitting gender (stated, or unknown) named in this sentence or the two before; else, when
        the article has named only one such person so far, that person; else nobody."""
        fitting = [(key, at) for key, at, gender in self.persons if gender in (None, pronoun)]
        near = {key for key, at in fitting if sentence - PRONOUN_SENTENCES <= at <= sentence}
        if len(near) == 1:
            return near.pop()
        everyone = {key for key, _ in fitting}
        return everyone.pop() if not near and len(everyone) == 1 else None

    def _person_like(self, words: list[str]) -> bool:
        """A name that "he" or "she" can stand for: not "The Kavkaz Center" or "Fox News"."""
        lowered = [w.lower().strip(".,'\u2019") for w in words]
        return lowered[0] not in {"the", "a", "an"} and not set(lowered) & self.config.organisation_words

    def _is_name(self, words: list[str], subject: _Subject, sentence: Sentence) -> bool:
        """A capital marks a name, except the sentence's first word: that one only when it stands
        alone and is not a common word ("Hasan said" but not "Rebel leaders said")."""
        indefinite = words[0].lower() in {"a", "an", "one"} and not _capitalised(words[-1])
        if indefinite or not self._name_shaped(words):
            return False  # "a former Senate staffer" is unnamed; "Muslim gets 20 years" a headline
        later = any(w[:1].isupper() for w in words[1:])
        if subject.start != sentence.start:
            return later or words[0][:1].isupper()
        lowered = words[0].lower().strip("'")
        alone = len(words) == 1 and words[0][:1].isupper() and self._proper(lowered)
        common = lowered in self.config.unnamed_nouns or lowered in ENGLISH_STOP_WORDS or lowered in _COMMON
        return later or (alone and not common)

    def _name_shaped(self, words: list[str]) -> bool:
        """A name ends in a capital or a role and, after its first capital, holds at most two
        describing lowercase words besides particles and roles ("ABC affiliate WFAA", "Syrian
        Observatory for Human Rights", "the World Health Organisation chief"), and no figures;
        lowercase words before it describe ("the photojournalist Askia Muhammad")."""
        capitals = [k for k, word in enumerate(words) if _capitalised(word)]
        if not capitals:
            return True  # no capital at all: an unnamed subject, judged as such
        allowed = self.config.name_particles | self.config.name_roles
        rest = [w.lower().strip("'\u2019") for w in words[capitals[0] + 1 :] if not _capitalised(w)]
        describing = [w for w in rest if w not in allowed]
        verbal = self.config.auxiliaries | self.config.verbs | _BE
        first = words[capitals[0]]
        if _bare(first) in _NOT_NAME_START:
            return False  # "Here's what the President", "What the Senate"; not "US Secretary", "The DOJ"
        leading = [_bare(w) for w in words[: capitals[0]]]
        if any(w in verbal or w in _PERSONAL for w in leading):
            return False  # "he'd taken to Jordan"
        if len(describing) > 1 or any(w in verbal or w.endswith("ly") for w in describing):
            return False  # "The GOP currently controls the Senate", "Thus is Cardinal Sandri"
        last = words[-1].lower().strip("'\u2019")
        ends_well = _capitalised(words[-1]) or last in self.config.name_roles
        return ends_well and not any(c.isdigit() for w in rest for c in w)

    def _proper(self, lowered: str) -> bool:
        """Whether a sentence's capitalised first word reads as a proper noun: written with a
        capital inside a sentence somewhere in the article, or never in lowercase and not shaped
        like an adverb or participle ("Hasan said" but not "Specifically, ..." or "Soon after")."""
        capitals, lowercase = self._article_words
        if lowered in capitals:
            return True
        return lowered not in lowercase and not lowered.endswith(("ly", "ing"))

    @cached_property
    def _article_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """The words the article writes with a capital inside a sentence, and those it writes in lowercase."""
        capitals: set[str] = set()
        for sentence in self.prepared.sentences:
            capitals.update(w.lower() for w in _INSIDE_CAPITAL.findall(self.text[sentence.start : sentence.end]))
        return frozenset(capitals), frozenset(re.findall(r"\b[a-z][\w'\u2019-]*", self.text))

    def _draft(self, key: str, name: str, kind: str, named: bool) -> _Draft:
        if key not in self.drafts:
            self.drafts[key] = _Draft(key, name, kind, named)
        return self.drafts[key]

    # --- citations ---------------------------------------------------------------------------
    def run(self) -> None:
        quotes_by_sentence: dict[int, list[Quote]] = defaultdict(list)
        ends: dict[tuple[int, int], int] = {}  # each quotation's last sentence
        for quote in self.prepared.quotes:
            if quote.kind == "social_post":
                self._post(quote)
                continue
            # A quotation of several sentences is attributed where it ends ("A. B," X said) or,
            # failing a cue there, where it begins (X said: "A. B."); a one-sentence one where it stands.
            first = self.prepared.sentence_at(quote.start) or self.prepared.sentence_at(quote.inner_start)
            last = self.prepared.sentence_at(max(quote.start, quote.end - 1))
            ends[quote.start, quote.end] = last.index if last is not None else -1
            for sentence in dict.fromkeys(s for s in (last, first) if s is not None):
                quotes_by_sentence[sentence.index].append(quote)
        attributed: set[tuple[int, int]] = set()
        cues_of = {s.index: self._cues(s) for s in self.prepared.sentences if s.voice != "quoted" and not s.is_heading}
        for sentence in self.prepared.sentences:
            if sentence.index not in cues_of:
                continue
            cues = cues_of[sentence.index]
            waiting = [q for q in quotes_by_sentence.get(sentence.index, []) if (q.start, q.end) not in attributed]
            # A quotation that ends in a later sentence with its own attribution is credited there.
            here = [q for q in waiting if (end := ends[q.start, q.end]) == sentence.index or not cues_of.get(end)]
            if self._attribute_quotes(sentence, cues, here):
                attributed.update((q.start, q.end) for q in here)

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
            if verb.lower() in self.config.nounlike and self._noun_here(sentence, start, end):
                continue  # "the entire UN report?", "the FBI reports on ...": a noun
            participle = verb.lower() in self.config.participles
            if participle and not any(q > end for q in quotes_after):
                continue  # "urging residents to rise up" cites nobody
            draft = self._cite(sentence, self._subject_candidates(sentence, start, end, verb.lower()))
            if draft:
                cues.append((start, end, draft))
        for match in _CITING.finditer(segment):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            draft = self._cite(sentence, [self.subject_after(end, sentence.end)])
            if draft:
                cues.append((start, end, draft))
        for start, end, draft in cues:
            cue = self.text[start:end].lower()
            kind: CitationKind = "according_to" if cue.startswith(("according", "statement")) else "reported"
            draft.citations.append(Citation(kind, sentence.index, start, end))
        return cues

    def _noun_here(self, sentence: Sentence, start: int, end: int) -> bool:
        """Whether a verb that is also a noun is the noun: after a possessive ("Mr. Horowitz's
        report"), or after a determiner with a preposition or the end of a clause next ("the FBI
        reports on ...", "the Senate report, which"), unless its clause opens with "as" ("As The
        Daily Mail notes, ..."); "Alan Stern notes in a statement" is the verb."""
        clause = re.split(r"[,;:]", self.text[sentence.start : start])[-1].lower().split()
        if clause and clause[0] == "as":
            return False
        if clause and re.search(r"['\u2019]s$", clause[-1]):
            return True
        if self._verb_next(end):
            return True  # "Local reports said ...", "police reports say": the verb comes next
        determined = bool(set(clause[-3:]) & _DETERMINER_WORDS)
        return determined and bool(_NOUN_AFTER.match(self.text, end))

    def _verb_next(self, end: int) -> bool:
        """Whether the next word is a reporting verb that is no noun ("said", "told", "showed")."""
        following = re.match(r"\s+([\w'-]+)", self.text[end : end + 40])
        return following is not None and following.group(1).lower() in self.config.verbs - self.config.nounlike

    def _subject_candidates(self, sentence: Sentence, start: int, end: int, verb: str) -> list[_Subject | None]:
        """Where the subject of a reporting verb may be, most likely first."""
        before = self.text[sentence.start : start].rstrip()
        by = re.match(r"[^,.;]{0,60}?\bby\s+", self.text[end : sentence.end])
        if by and verb in _BY_VERBS and "that" not in by.group().split():
            # "described as inhumane by rights groups", "..., reported by Die Tagespost, ...", but not
            # "reported that a source ... followed by the FBI"
            return [self.subject_after(end + by.end(), sentence.end)]
        if before.endswith(('"', '",', ',"')):  # '"...," declared X'
            return [self.subject_after(end, sentence.end), *self.subjects_before(sentence, start)]
        if before.endswith(",") and verb in _INVERTING_VERBS:  # '..., said X' unless '..., X, said'
            return [*self.subjects_before(sentence, start), self.subject_after(end, sentence.end)]
        return self.subjects_before(sentence, start)

    def _cite(self, sentence: Sentence, candidates: list[_Subject | None]) -> _Draft | None:
        for subject in candidates:
            if subject is None or subject.text.split()[0].lower() in {"that", "it", "its", "to"}:
                continue
            draft = self.resolve(subject, sentence, self.appositive(subject.end, sentence.end))
            if draft is not None:
                return draft
        return None

    def _attribute_quotes(self, sentence: Sentence, cues: list[tuple[int, int, _Draft]], quotes: list[Quote]) -> bool:
        """Credit each of `quotes` to the nearest cue's source; whether any was credited."""
        if not cues:
            return False
        for quote in quotes:
            _, _, draft = min(cues, key=lambda cue: min(abs(cue[0] - quote.end), abs(cue[1] - quote.start)))
            text = self.prepared.text[quote.inner_start : quote.inner_end]
            draft.citations.append(
                Citation("quote", sentence.index, quote.start, quote.end, text, quote.inner_start, quote.inner_end)
            )
        return True

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


def _bare(word: str) -> str:
    """A word in lowercase without a contracted ending: "I'll" -> "i", "Here's" -> "here"."""
    return _CONTRACTED.sub("", word.lower())


def _adverb_or_auxiliary(word: str, auxiliaries: frozenset[str]) -> bool:
    """A word between a subject and its verb: "has", "officially" (but not "family", nor a
    capitalised surname such as "Kelly" or "Daly": an adverb there is written in lower case)."""
    lowered = word.lower()
    if word[:1].isupper() and lowered.endswith("ly"):
        return False
    return lowered in auxiliaries or (lowered.endswith("ly") and lowered not in _LY_NOUNS and lowered.isalpha())


def _capitalised(word: str) -> bool:
    """A word that reads as part of a name: a capital, or one after a particle's hyphen ("al-Assad")."""
    return word[:1].isupper() or bool(_PARTICLE_NAME.match(word))


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
