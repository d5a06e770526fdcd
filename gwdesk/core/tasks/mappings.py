"""The clerk's column mapping, remembered per issuing office and list shape: next year's list from the same office,
laid out the same way, comes in with the columns the clerk confirmed last time instead of asking again.

    remember(issuer, columns, mapping)      # after an import the clerk confirmed column by column
    recall(issuer, columns)                 # → the mapping, or None

A shape is the list's header texts, column by column (spaces removed); kept in the settings table (no schema change),
the most recent MAX_KEPT shapes.
"""

from __future__ import annotations

from gwdesk.core.tasks.parsed import FIELDS, squash
from gwdesk.store.models import Setting

KEY = "tasklist.mappings"
MAX_KEPT = 50


def shape_key(issuer: str, columns: list[str]) -> str:
    return squash(issuer) + "｜" + "｜".join(squash(c) for c in columns)


def _all() -> list[dict]:
    value = Setting.get_value(KEY)
    return [v for v in value if isinstance(v, dict) and isinstance(v.get("key"), str)] if isinstance(value, list) \
        else []


def remember(issuer: str, columns: list[str], mapping: dict[int, str | None]) -> None:
    """Keep the clerk's mapping for this office's lists of this shape (a list without an issuer is not kept)."""
    if not squash(issuer) or not any(squash(c) for c in columns):
        return
    key = shape_key(issuer, columns)
    entry = {"key": key, "mapping": {str(c): f for c, f in mapping.items() if f in FIELDS or f is None}}
    kept = [e for e in _all() if e["key"] != key]
    Setting.set_value(KEY, (kept + [entry])[-MAX_KEPT:])


def recall(issuer: str, columns: list[str]) -> dict[int, str | None] | None:
    """The mapping the clerk confirmed for this office's lists of this shape, or None."""
    if not squash(issuer):
        return None
    key = shape_key(issuer, columns)
    for e in reversed(_all()):
        if e["key"] == key and isinstance(e.get("mapping"), dict):
            try:
                mapping = {int(c): f for c, f in e["mapping"].items() if f in FIELDS or f is None}
            except ValueError:
                return None
            return mapping if all(0 <= c < len(columns) for c in mapping) else None
    return None
