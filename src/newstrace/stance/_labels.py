"""The stance labels and their mapping from FNC-1's labels: the one place where this mapping lives."""
from __future__ import annotations

#: newstrace's stance labels, in the fixed order used by the models' class indices.
LABELS: tuple[str, ...] = ("asserts", "denies", "reports", "unrelated")

#: FNC-1 label -> newstrace label.
FNC_TO_LABEL: dict[str, str] = {
    "agree": "asserts",
    "disagree": "denies",
    "discuss": "reports",
    "unrelated": "unrelated",
}

#: newstrace label -> FNC-1 label.
LABEL_TO_FNC: dict[str, str] = {v: k for k, v in FNC_TO_LABEL.items()}

#: The labels of a related pair (stage two of the model), in class-index order.
RELATED_LABELS: tuple[str, ...] = ("asserts", "denies", "reports")


def from_fnc(label: str) -> str:
    """Map an FNC-1 stance ("agree", "disagree", "discuss", "unrelated", any case) to a newstrace label."""
    try:
        return FNC_TO_LABEL[label.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown FNC-1 stance label: {label!r}") from None
