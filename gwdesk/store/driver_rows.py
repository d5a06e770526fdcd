"""Rows read straight from the database driver: thousands of rows at start-up (今日提醒) without peewee's
conversion of every value (issue 25). Only the dates are converted (ISO text → datetime.date, as the models
return them); text and integers are already what the driver returns."""

from __future__ import annotations

from collections import namedtuple
from typing import Any, Iterator

from gwdesk.store.base import db
from gwdesk.store.models import DateText


def named(query, fields: tuple) -> Iterator[Any]:
    """The rows of `query` (a select of exactly `fields`, in that order) as namedtuples by field name."""
    row = namedtuple("Row", [f.name for f in fields])
    dates = [(i, f.python_value) for i, f in enumerate(fields) if isinstance(f, DateText)]
    make = row._make
    if not dates:
        for values in db.execute(query):
            yield make(values)
        return
    for values in db.execute(query):
        values = list(values)
        for i, convert in dates:
            values[i] = convert(values[i])
        yield make(values)
