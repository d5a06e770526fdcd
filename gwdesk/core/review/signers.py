"""Who has signed each box of the unit's 意见单 before: the names offered in a sign-off row's 签字人 list, most
frequent first (the same leaders sign form after form). Counted by SQLite's JSON functions in one query (3,000
forms: a few milliseconds, where reading every form's JSON in Python took 0.6 s)."""

from __future__ import annotations

from gwdesk.store.base import db
from gwdesk.store.review_models import ReviewForm

_QUERY = f"""
SELECT box.key AS role, trim(json_extract(box.value, '$.signer')) AS name, COUNT(*) AS n
FROM {ReviewForm._meta.table_name} AS f, json_each(f.data, '$.signoffs') AS box
WHERE json_valid(f.data) AND box.type = 'object' AND name IS NOT NULL AND name != ''
GROUP BY role, name
ORDER BY role, n DESC, name
"""


def names_by_role(limit: int = 12) -> dict[str, list[str]]:
    """{sign-off role key: names}, each list most used first, at most `limit` names."""
    out: dict[str, list[str]] = {}
    for role, name, _n in db.execute_sql(_QUERY).fetchall():
        names = out.setdefault(role, [])
        if len(names) < limit:
            names.append(str(name))
    return out
