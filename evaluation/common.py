"""What every evaluation shares: the split into halves, versions, and simple metrics."""

from __future__ import annotations

from importlib.metadata import version

from analysis.lexicon import load_lexicon
from analysis.tone import load_loaded_words, news_tuning
from analysis.version import __version__


def versions() -> dict[str, str]:
    """The versions of everything that makes the scores; the committed figures must match them."""
    lexicon = load_lexicon()
    return {
        "framelens": __version__,
        "framing_lexicon": f"{lexicon.name} {lexicon.version}",
        "loaded_words": load_loaded_words().version,
        "news_tuning": str(news_tuning()["version"]),
        "textstat": version("textstat"),
        "vaderSentiment": version("vaderSentiment"),
    }


def prf(true_positive: float, predicted: float, actual: float) -> dict[str, float]:
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def auc(scores: list[float], actual: list[bool]) -> float:
    """Area under the ROC curve of a continuous score (ties count half); 0.5 when one class is absent."""
    from sklearn.metrics import roc_auc_score

    if len(set(actual)) < 2:
        return 0.5
    return float(roc_auc_score(actual, scores))
