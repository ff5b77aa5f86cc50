"""`python docs/licences.py`: the licence of every package Framelens installs, as `docs/licences.md`.

Reads the locks (`requirements.txt`, `requirements-dev.txt`) for the pinned packages, the `.in`
files for the ones Framelens itself imports, and each installed package's own metadata for its
licence (the `License-Expression` field, else the licence classifiers, else the `License` field's
first line). A test checks the page equals what this writes.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "licences.md"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;]+)", re.MULTILINE)


def pins(path: Path) -> dict[str, str]:
    return {_key(name): version for name, version in PIN.findall(path.read_text(encoding="utf-8"))}


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def licence(name: str) -> str:
    try:
        meta: Any = metadata(name)  # an email.message.Message; the declared protocol lacks .get
    except PackageNotFoundError:
        return "not installed here"
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    classifiers = [c for c in classifiers if c != "OSI Approved"]
    if classifiers:
        return "; ".join(dict.fromkeys(classifiers))
    text = (meta.get("License") or "").strip().splitlines()
    return text[0][:60] if text else "not stated in its metadata"


def page() -> str:
    runtime, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    direct = set(pins(ROOT / "requirements.in")) | set(pins(ROOT / "requirements-dev.in"))
    rows = []
    for name in sorted(set(runtime) | set(dev)):
        role = "app" if name in runtime else "tests"
        mark = "yes" if name in direct else ""
        rows.append(f"| {name} | {runtime.get(name) or dev[name]} | {role} | {mark} | {licence(name)} |")
    return "\n".join(
        [
            "# Licences of the packages Framelens installs",
            "",
            "Framelens is under the BSD 3-Clause licence (`LICENSE`). It installs the packages below,",
            "pinned in `requirements.txt` (the app) and `requirements-dev.txt` (the tests), locks made by",
            "pip-tools from `requirements.in` and `requirements-dev.in`, which list the packages Framelens",
            "imports itself (*direct*). Licences as each package's own metadata states them",
            "(`python docs/licences.py` writes this page). The CMU Pronouncing Dictionary ships as data",
            "under its own BSD-style licence (`analysis/data/cmudict/LICENSE`).",
            "",
            "| package | version | for | direct | licence |",
            "|---|---|---|---|---|",
            *rows,
            "",
        ]
    )


if __name__ == "__main__":
    PAGE.write_text(page(), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}", file=sys.stderr)
