"""The dashboard's sample of a collection too large to analyse at once."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus import Article
from analysis.sampling import outlet_quotas, outlet_sample


def _articles(counts: dict[str, int], prefix: str = "a") -> list[Article]:
    return [
        Article(f"{prefix}{outlet}{i}", f"{outlet} {i}", f"Report {i} from {outlet}.", outlet=outlet or None)
        for outlet, count in counts.items()
        for i in range(count)
    ]


def test_each_outlet_keeps_its_share_and_the_remainders_go_to_the_largest_fractions():
    assert outlet_quotas({"Wire": 20, "Daily": 7, "Post": 3}, 10) == {"Wire": 7, "Daily": 2, "Post": 1}
    assert outlet_quotas({"Wire": 5, "Daily": 5}, 20) == {"Wire": 5, "Daily": 5}  # fewer than the size: all


@given(
    st.dictionaries(st.sampled_from(["Wire", "Daily", "Post", "Herald", ""]), st.integers(0, 60)), st.integers(1, 80)
)
def test_a_sample_has_the_size_asked_each_outlet_within_one_of_its_share(counts, size):
    articles = _articles(counts)
    sample = outlet_sample(articles, size)
    assert len(sample) == min(size, len(articles))
    assert sample == [a for a in articles if a in sample]  # in their stored order
    kept = Counter(a.outlet or "" for a in sample)
    for outlet, count in counts.items():
        if len(articles) > size:
            assert abs(kept[outlet] - count * size / len(articles)) < 1


def test_the_same_collection_gives_the_same_sample_and_adding_articles_moves_it_little():
    articles = _articles({"Wire": 300, "Daily": 100})
    first = outlet_sample(articles, 100)
    assert outlet_sample(list(articles), 100) == first
    grown = articles + _articles({"Wire": 3, "Daily": 1}, prefix="new")
    second = outlet_sample(grown, 100)
    assert len({a.id for a in first} & {a.id for a in second}) >= 95  # bottom-k: not drawn anew
