"""Who has signed each box of the unit's 意见单 before: the names offered in a sign-off row's 签字人 list, most
frequent first (the same leaders sign form after form)."""

from __future__ import annotations

import json
from collections import Counter

from gwdesk.store.review_models import ReviewForm


def names_by_role(limit: int = 12) -> dict[str, list[str]]:
    """{sign-off role key: names}, each list most used first, at most `limit` names."""
    counts: dict[str, Counter] = {}
    for (raw,) in ReviewForm.select(ReviewForm.data).tuples():
        try:
            boxes = json.loads(raw or "{}").get("signoffs") or {}
        except (ValueError, AttributeError):
            continue
        if not isinstance(boxes, dict):
            continue
        for role, box in boxes.items():
            name = str((box or {}).get("signer") or "").strip() if isinstance(box, dict) else ""
            if name:
                counts.setdefault(role, Counter())[name] += 1
    return {role: [n for n, _ in c.most_common(limit)] for role, c in counts.items()}
