"""Framing lexicons: actors and events, their label groups, forms and scale positions.

A lexicon is a TOML file a researcher can read, edit and cite (format in the bundled
`lexicons/framing_syria.toml`). Loading validates it and says which line is wrong.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

import tomli_w

from analysis.matching import PhraseMatcher, form_key

LEXICON_DIR = Path(__file__).parent / "lexicons"
DEFAULT_LEXICON = LEXICON_DIR / "framing_syria.toml"

TargetKind = Literal["actor", "event"]


class LexiconError(ValueError):
    """A lexicon that does not parse or contradicts itself; the message names the line."""


@dataclass(frozen=True)
class LabelGroup:
    name: str
    position: float
    rationale: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Target:
    """An actor or an event whose wording is compared across articles."""

    id: str
    kind: TargetKind
    label: str
    groups: tuple[LabelGroup, ...]
    ignore: tuple[str, ...] = ()

    def group(self, name: str) -> LabelGroup:
        return next(g for g in self.groups if g.name == name)

    @cached_property
    def matcher(self) -> PhraseMatcher:
        return PhraseMatcher({g.name: g.forms for g in self.groups}, self.ignore)


@dataclass(frozen=True)
class Lexicon:
    name: str
    version: str
    description: str
    targets: tuple[Target, ...]
    source: str = ""

    @property
    def actors(self) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.kind == "actor")

    @property
    def events(self) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.kind == "event")

    def target(self, target_id: str) -> Target:
        return next(t for t in self.targets if t.id == target_id)


def _line_of(raw: str, needle: str, after: str = "") -> int:
    """Number of the first line holding `needle`, searching from the line holding `after`."""
    lines = raw.splitlines()
    first = next((i for i, line in enumerate(lines) if after and after in line), 0)
    for number, line in enumerate(lines[first:], start=first + 1):
        if needle in line:
            return number
    return first + 1 if after else 0


def _require(table: dict, key: str, kind: type, where: str, raw: str):
    value = table.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        line = _line_of(raw, where.rsplit(".", 1)[-1])
        raise LexiconError(f"line {line}: {where} needs '{key}' ({kind.__name__})")
    return value


_ID_RE = re.compile(r"^[A-Za-z0-9_\-]+$")
# A label group's name: words, spaces and hyphens ("armed groups", "pro-government"); never a
# comma, which separates the groups an address lists. The same rule for a file and the app's table.
GROUP_NAME_RE = re.compile(r"\w[\w \-]{0,47}")
GROUP_NAME_RULE = "a group name may hold letters, digits, spaces, - and _ (at most 48 characters)"


def _section(value: object, where: str, raw: str) -> dict:
    """A TOML table, or an error naming the line where something else stands."""
    if not isinstance(value, dict):
        line = _line_of(raw, where.rsplit(".", 1)[-1])
        raise LexiconError(f"line {line}: {where} must be a table ([{where}]), not {type(value).__name__}")
    return value


def _text(table: dict, key: str, default: str, where: str, raw: str) -> str:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        line = _line_of(raw, key, after=where)
        raise LexiconError(f"line {line}: {where}{'.' if where else ''}{key} must be text")
    return str(value)


def _group(name: str, table: dict, where: str, raw: str) -> LabelGroup:
    if not GROUP_NAME_RE.fullmatch(name):
        raise LexiconError(f"line {_line_of(raw, name)}: {where}: {GROUP_NAME_RULE}, not {name!r}")
    position = table.get("position")
    if not isinstance(position, int | float) or isinstance(position, bool) or not -1 <= position <= 1:
        line = _line_of(raw, "position", after=f".groups.{name}]")
        raise LexiconError(f"line {line}: {where} position must be a number from -1 to 1, not {position!r}")
    forms = _require(table, "forms", list, where, raw)
    if not forms or not all(isinstance(f, str) and f.strip() for f in forms):
        line = _line_of(raw, "forms", after=f".groups.{name}]")
        raise LexiconError(f"line {line}: {where} needs a list of non-empty forms")
    rationale = _text(table, "rationale", "", where, raw)
    return LabelGroup(name, float(position), rationale, tuple(f.strip() for f in forms))


def _target(target_id: str, kind: TargetKind, table: dict, raw: str) -> Target:
    where = f"{kind}s.{target_id}"
    if not _ID_RE.match(target_id):
        raise LexiconError(
            f"line {_line_of(raw, target_id)}: the {kind} id '{target_id}' may hold only letters, digits, - and _ "
            f"(for example {re.sub(r'[^A-Za-z0-9_-]+', '_', target_id).strip('_') or 'actor'})"
        )
    table = _section(table, where, raw)
    groups_table = _require(table, "groups", dict, where, raw)
    groups = tuple(
        _group(name, _section(g, f"{where}.groups.{name}", raw), f"{where}.groups.{name}", raw)
        for name, g in groups_table.items()
    )
    seen: dict[str, str] = {}
    for group in groups:
        for form in group.forms:
            key = form_key(form)
            if key in seen and seen[key] != group.name:
                raise LexiconError(
                    f"line {_line_of(raw, form, after=f'.groups.{group.name}]')}: form '{form}' is in two groups of "
                    f"{target_id}: {seen[key]} and {group.name}"
                )
            seen[key] = group.name
    ignore = table.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(p, str) for p in ignore):
        raise LexiconError(f"line {_line_of(raw, 'ignore', after=target_id)}: {where}.ignore must be a list of phrases")
    return Target(target_id, kind, _text(table, "label", target_id, where, raw), groups, tuple(ignore))


def parse_lexicon(raw: str, source: str = "") -> Lexicon:
    """A lexicon from TOML text; raises `LexiconError` naming the line that is wrong."""
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"does not parse: {error}") from error
    except RecursionError as error:
        raise LexiconError("does not parse: nested too deeply") from error
    actors = _section(data.get("actors", {}), "actors", raw)
    events = _section(data.get("events", {}), "events", raw)
    targets = [_target(i, "actor", t, raw) for i, t in actors.items()]
    targets += [_target(i, "event", t, raw) for i, t in events.items()]
    if not targets:
        raise LexiconError("line 1: the lexicon defines no [actors.<id>] or [events.<id>]")
    if not actors:  # every page compares how articles label an actor
        raise LexiconError("line 1: the lexicon defines no [actors.<id>]: it needs an actor beside its events")
    return Lexicon(
        name=_text(data, "name", Path(source).stem or "unnamed", "", raw),
        version=_text(data, "version", "0", "", raw),
        description=_text(data, "description", "", "", raw),
        targets=tuple(targets),
        source=source,
    )


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The lexicon in `path`, or the bundled default."""
    path = Path(path) if path else DEFAULT_LEXICON
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"could not read {path.name}: {error}") from error
    return parse_lexicon(raw, str(path))


# The bundled data files that are not framing lexicons.
NON_FRAMING = frozenset({"loaded_language.toml", "sources.toml", "news_tone.toml", "template.toml"})


def bundled_lexicon_texts() -> dict[Path, str]:
    """The framing lexicons that ship with Framelens, by file, as TOML text."""
    return {
        path: path.read_text(encoding="utf-8")
        for path in sorted(LEXICON_DIR.glob("*.toml"))
        if path.name not in NON_FRAMING
    }


def known_lexicons(saved: Iterable[str] = ()) -> list[Lexicon]:
    """Every lexicon that can score here: the bundled ones and the `saved` TOML texts that parse."""
    found = []
    for text in [*bundled_lexicon_texts().values(), *saved]:
        try:
            found.append(parse_lexicon(text))
        except LexiconError:
            continue
    return found


def next_version(version: str | None) -> str:
    """The version after `version` in its own numbering: "1.0.0" -> "1.0.1", "3" -> "4",
    "2024-draft" -> "2024-draft.1"; "1" when there is none yet."""
    if not version:
        return "1"
    head, _, last = version.rpartition(".")
    if last.isdigit():
        return f"{head}.{int(last) + 1}" if head else str(int(last) + 1)
    return f"{version}.1"


def lexicon_toml(name: str, version: str, description: str, rows: list[dict], ignore: dict[str, list[str]]) -> str:
    """A lexicon file from table rows (kind, target, target_label, group, position, rationale, forms).

    `forms` is a comma-separated string; targets and groups keep the order of the rows. Raises
    `LexiconError` naming the row that is wrong.
    """
    document: dict = {"name": name, "version": version, "description": description, "actors": {}, "events": {}}
    for number, row in enumerate(rows, start=1):
        where = f"row {number} ({row.get('target') or '?'} / {row.get('group') or '?'})"
        kind, target, group = (str(row.get(k) or "").strip() for k in ("kind", "target", "group"))
        if kind not in {"actor", "event"}:
            raise LexiconError(f"{where}: kind must be actor or event")
        if not _ID_RE.match(target):
            raise LexiconError(f"{where}: a target needs an id of letters, digits, - and _")
        if not GROUP_NAME_RE.fullmatch(group):
            raise LexiconError(f"{where}: {GROUP_NAME_RULE}")
        try:
            position = float(row["position"])
        except (TypeError, ValueError) as error:
            raise LexiconError(f"{where}: position must be a number from -1 to 1") from error
        if not -1 <= position <= 1:
            raise LexiconError(f"{where}: position must be a number from -1 to 1, not {position}")
        forms = [f.strip() for f in str(row.get("forms") or "").split(",") if f.strip()]
        if not forms:
            raise LexiconError(f"{where}: needs at least one form")
        section = document[f"{kind}s"].setdefault(
            target, {"label": str(row.get("target_label") or target), "ignore": ignore.get(target, []), "groups": {}}
        )
        if group in section["groups"]:
            raise LexiconError(f"{where}: group {group} appears twice for {target}")
        section["groups"][group] = {"position": position, "rationale": str(row.get("rationale") or ""), "forms": forms}
    document = {k: v for k, v in document.items() if v != {}}
    text = tomli_w.dumps(document)
    parse_lexicon(text)  # the same checks as a file: a form in two groups, an empty lexicon
    return text


UNPLACED = "Not yet placed on the scale: set its position and say why."


def slug(text: str) -> str:
    """A target or group name from words people write: "Illegal aliens" -> "illegal_aliens"."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "group"


def actor_rows(spec: str) -> list[dict]:
    """Lexicon rows from lines such as "Immigrants: immigrants, migrants": one actor a line, its
    forms in one label group named after the first, at 0 until placed. Raises `LexiconError`
    naming a line without forms."""
    rows = []
    for number, line in enumerate(spec.splitlines(), start=1):
        if not line.strip():
            continue
        label, _, forms = line.partition(":")
        names = [f.strip() for f in forms.split(",") if f.strip()]
        if not label.strip() or not names:
            raise LexiconError(f"line {number}: write the actor, a colon and its forms, as in 'Immigrants: migrants'")
        rows.append(
            {
                "kind": "actor",
                "target": slug(label),
                "target_label": label.strip(),
                "group": slug(names[0]),
                "position": 0.0,
                "rationale": UNPLACED,
                "forms": ", ".join(names),
            }
        )
    return rows


def with_form(rows: list[dict], target: str, group: str, form: str, position: float = 0.0) -> list[dict]:
    """`rows` with `form` in `group` of `target`: the group is made (at `position`) when the target
    has none of that name, and the form leaves any other group of the target (a form belongs to
    one group)."""
    key = form_key(form)
    changed = []
    for row in rows:
        forms = [f.strip() for f in str(row["forms"]).split(",") if f.strip()]
        if row["target"] == target:
            forms = [f for f in forms if form_key(f) != key]
            if row["group"] == group:
                forms.append(form)
        changed.append({**row, "forms": ", ".join(forms)})
    if not any(r["target"] == target and r["group"] == group for r in rows):
        like = next(r for r in rows if r["target"] == target)
        new = {**like, "group": group, "position": position, "rationale": UNPLACED, "forms": form}
        last = max(i for i, r in enumerate(rows) if r["target"] == target)
        changed.insert(last + 1, new)
    return [r for r in changed if r["forms"]]
