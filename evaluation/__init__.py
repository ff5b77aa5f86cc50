"""Framelens evaluation: each score measured against public human-labelled data.

Reads the data sets from a folder given by `--data` or `FRAMELENS_EVAL_DIR` (default
`../shared/eval` beside the project) and never copies them into the project. Results are
written as small JSON files to `evaluation/results/`.
"""
