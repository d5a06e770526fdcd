"""Who has signed each box of the unit's 意见单 before: the names offered in a sign-off row's 签字人 list, most
frequent first (the same leaders sign form after form). One read of every form's sign-offs (3,000 forms: about
0.15–0.4 s here, bench/bench_signers.py), so the editor reads it once and again after a save, not at every open."""

from __future__ import annotations

import json
from collections import Counter

from gwdesk.store.review_models import ReviewForm


def names_by_role(limit: int = 12) -> dict[str, list[str]]:
    """{sign-off role key: names}, each list most used first, at most `limit` names; a damaged row is passed over."""
    counts: dict[str, Counter] = {}
    for (raw,) in ReviewForm.select(ReviewForm.data).tuples():
        try:
            boxes = json.loads(raw or "{}").get("signoffs") or {}
        except (ValueError, AttributeError):
            continue
        if not isinstance(boxes, dict):
            continue
        for role, box in boxes.items():
            name = str(box.get("signer") or "").strip() if isinstance(box, dict) else ""
            if name:
                counts.setdefault(role, Counter())[name] += 1
    return {role: [n for n, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
            for role, c in counts.items()}
