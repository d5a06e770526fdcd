"""The database proxy every model binds to, and the model base class."""

from __future__ import annotations

import peewee

db = peewee.DatabaseProxy()


class BaseModel(peewee.Model):
    class Meta:
        database = db
        legacy_table_names = False
