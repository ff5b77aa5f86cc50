"""The README keeps up with the code: every command and option is documented, and the Python
examples run as written."""

from __future__ import annotations

import argparse
import re

import pytest

from analysis.cli import build_parser as analysis_parser
from analysis.paths import PROJECT_DIR
from ui.report import build_parser as ui_parser

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def commands(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    """Each subcommand and its long options."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {
        name: [o for action in command._actions for o in action.option_strings if o.startswith("--") and o != "--help"]
        for name, command in sub.choices.items()
    }


@pytest.mark.parametrize(
    "program, parser",
    [("python -m analysis", analysis_parser()), ("python -m ui", ui_parser())],
    ids=["analysis", "ui"],
)
def test_every_command_and_option_is_in_the_readme(program, parser):
    for command, options in commands(parser).items():
        usage = [line for line in README.splitlines() if f"{program} {command}" in line]
        assert usage, f"`{program} {command}` is not in the README"
        for option in options:
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README), (
                f"{command} {option} is not in the README"
            )


def test_the_python_examples_in_the_readme_run():
    section = README.split("## Python API", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert len(namespace["tables"].scores) == 5 and len(namespace["scores"]) == 5
