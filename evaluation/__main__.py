"""`python -m evaluation NAME [--data DIR]`.

NAME: tone, loaded, babe, readability, reuse, paraphrase, comparisons, sources, all, train or permutation.

`train` trains the loaded-wording sentence model on the dev halves and evaluates it on both
(`evaluation/train.py`); it writes the model file and `evaluation/results/sentence_model.json`.
`permutation` checks the permutation test's normal approximation against relabellings on real
articles' scores (`evaluation/permutation.py`).

Each command prints a table and writes `evaluation/results/<name>.json`: the figures on both
halves, the published reference, the versions of everything that made the scores, and the
figures on a small fixed slice that a fast test re-computes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from evaluation import babe, comparisons, paraphrase, propaganda, readability, reuse, sources, tone
from evaluation.common import versions
from evaluation.data import RESULTS_DIR, MissingData, eval_dir

EVALUATIONS = {
    "tone": tone.evaluate,
    "loaded": propaganda.evaluate,
    "babe": babe.evaluate,
    "readability": readability.evaluate,
    "reuse": reuse.evaluate,
    "paraphrase": paraphrase.evaluate,
    "comparisons": comparisons.evaluate,
    "sources": sources.evaluate,
}
SLICES = {
    "tone": 300,
    "loaded": 40,
    "babe": 300,
    "readability": 80,
    "reuse": 30,
    "paraphrase": 20,
    "comparisons": 60,
    "sources": 40,
}


def run(name: str, root) -> dict:
    """The full evaluation, with versions and the slice figures."""
    result = EVALUATIONS[name](root)
    result["versions"] = versions()
    result["slice"] = {"limit": SLICES[name], "halves": EVALUATIONS[name](root, SLICES[name])["halves"]}
    return result


def _flat(prefix: str, value) -> list[tuple[str, object]]:
    if isinstance(value, dict):
        return [item for key, sub in value.items() for item in _flat(f"{prefix}.{key}" if prefix else key, sub)]
    return [(prefix, value)]


def show(name: str, result: dict) -> None:
    print(f"{name}: {result['dataset']} ({result['score']})")
    for half, figures in result["halves"].items():
        print(f"  {half}")
        for key, value in _flat("", figures):
            print(f"    {key:<48} {value}")
    for key, value in _flat("whole CLEAR corpus", result.get("whole_clear_pearson_r", {})):
        print(f"  {key:<50} {value}")
    for key, value in _flat("", result.get("reference", {})):
        print(f"  reference {key:<38} {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description="Framelens scores against human labels")
    parser.add_argument("name", choices=[*EVALUATIONS, "all", "train", "permutation"])
    parser.add_argument("--data", help="folder holding the evaluation data sets (default ../shared/eval)")
    args = parser.parse_args(argv)
    RESULTS_DIR.mkdir(exist_ok=True)
    if args.name == "train":
        from evaluation import train

        started = time.perf_counter()
        try:
            result = train.main(eval_dir(args.data))
        except MissingData as missing:
            print(f"train: data not found ({missing})", file=sys.stderr)
            return 1
        show("train", result)
        print(f"  ({time.perf_counter() - started:.0f} s; model: {train.MODEL_FILE.name})")
        return 0
    if args.name == "permutation":
        from evaluation import permutation

        try:
            result = permutation.main(eval_dir(args.data))
        except MissingData as missing:
            print(f"permutation: data not found ({missing})", file=sys.stderr)
            return 1
        print(json.dumps(result["by_group_size"], indent=2))
        return 0
    for name in list(EVALUATIONS) if args.name == "all" else [args.name]:
        started = time.perf_counter()
        try:
            result = run(name, eval_dir(args.data))
        except MissingData as missing:
            print(f"{name}: data not found ({missing})", file=sys.stderr)
            return 1
        show(name, result)
        print(f"  ({time.perf_counter() - started:.0f} s)")
        (RESULTS_DIR / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
