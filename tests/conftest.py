"""Shared fixtures: the seeds, read and scored once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from analysis import read_articles, score_articles
from analysis.paths import SEEDS_DIR

INSURGENTS = "002_2268d81e6a4f22d2.txt"
TERRORISTS_HEADLINE = "000_e4e850f0e76c0e81.txt"
SOCIAL_POSTS = "003_75cbe6951555812d.txt"
SENSATIONAL = "004_db7c404e82ad06c1.txt"


@pytest.fixture(autouse=True)
def main_module_kept():
    """Streamlit's AppTest runs the dashboard as `__main__` and leaves it there; a worker process
    started by `spawn` afterwards (a Dask cluster's) would run the dashboard again as its main."""
    main = sys.modules.get("__main__")
    yield
    if main is not None and sys.modules.get("__main__") is not main:
        sys.modules["__main__"] = main


@pytest.fixture(autouse=True, scope="session")
def private_database(tmp_path_factory):
    """Tests never touch the user's collections: every process they start uses a fresh database,
    and the environment is given back as it was when the session ends."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FRAMELENS_DB", str(tmp_path_factory.mktemp("db") / "framelens.sqlite"))
        patch.delenv("FRAMELENS_CORPUS_DIR", raising=False)
        yield


@pytest.fixture(scope="session")
def seeds():
    return read_articles([SEEDS_DIR]).articles


@pytest.fixture(scope="session")
def seed_scores(seeds):
    return {s.article.id: s for s in score_articles(seeds)}


# The tier of each test module; every other module is a unit test. `./dev test fast` runs the unit tier.
# A test marked with a tier itself (a unit module's test that drives Chromium) keeps it.
TIERS = {
    "test_app": "app",
    "test_escaping": "app",
    "test_browser": "browser",
    "test_cluster": "cluster",
    "test_evaluation": "evaluation",
}
TIER_NAMES = {"unit", "app", "browser", "cluster", "evaluation"}


def pytest_collection_modifyitems(items):
    for item in items:
        if TIER_NAMES & {mark.name for mark in item.iter_markers()}:
            continue
        tier = TIERS.get(Path(str(item.fspath)).stem, "unit")
        item.add_marker(getattr(pytest.mark, tier))
