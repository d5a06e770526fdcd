"""Foundation models: the unit profile and key-value settings (schema m001)."""

from __future__ import annotations

import json

import peewee

from gwdesk.store.base import BaseModel


class JSONField(peewee.TextField):
    def db_value(self, value):
        return json.dumps(value if value is not None else [], ensure_ascii=False)

    def python_value(self, value):
        return json.loads(value) if value else []


class UnitProfile(BaseModel):
    id = peewee.IntegerField(primary_key=True, default=1)
    name = peewee.TextField()
    level = peewee.TextField()
    supervisor = peewee.TextField(default="")
    contact = peewee.TextField(default="")
    phone = peewee.TextField(default="")
    departments = JSONField(default=list)
    groups = JSONField(default=list)
    aliases = JSONField(default=list)
    updated_at = peewee.TextField(default="")

    class Meta:
        table_name = "unit_profile"


class Setting(BaseModel):
    key = peewee.TextField(primary_key=True)
    value = JSONField()

    class Meta:
        table_name = "setting"

    @classmethod
    def get_value(cls, key: str, default=None):
        row = cls.get_or_none(cls.key == key)
        return row.value if row is not None else default

    @classmethod
    def set_value(cls, key: str, value) -> None:
        cls.insert(key=key, value=value).on_conflict_replace().execute()
