"""`python -m evaluation reuse|all [--data DIR]`: measure scores against human labels."""

from __future__ import annotations

import argparse
import json
import sys

from evaluation import reuse
from evaluation.data import RESULTS_DIR, MissingData, eval_dir

EVALUATIONS = {"reuse": reuse.evaluate}


def _print(name: str, result: dict) -> None:
    print(f"{name}: {result['dataset']} ({result['score']})")
    reference = result.get("reference", {})
    for half, figures in result["halves"].items():
        shown = ", ".join(
            f"{k} {v}" + (f" (reference {reference[k]})" if k in reference else "") for k, v in figures.items()
        )
        print(f"  {half:<9} {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation")
    parser.add_argument("name", choices=[*EVALUATIONS, "all"])
    parser.add_argument("--data", help="folder holding the evaluation data sets")
    args = parser.parse_args(argv)
    names = list(EVALUATIONS) if args.name == "all" else [args.name]
    RESULTS_DIR.mkdir(exist_ok=True)
    for name in names:
        try:
            result = EVALUATIONS[name](eval_dir(args.data))
        except MissingData as missing:
            print(f"{name}: data not found ({missing})", file=sys.stderr)
            return 1
        _print(name, result)
        (RESULTS_DIR / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
