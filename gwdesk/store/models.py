"""Foundation models: gwdesk's own marks, the unit profile and key-value settings (schema m001); the field types
the other models share.

The models are the schema: every table, column and index the migrations build on either engine is declared
here or beside (tests/store/test_store_schema_models.py fails on any drift)."""

from __future__ import annotations

import datetime as dt
import json

import peewee

from gwdesk.store.base import BaseModel


class JSONField(peewee.TextField):
    def db_value(self, value):
        return json.dumps(value if value is not None else [], ensure_ascii=False)

    def python_value(self, value):
        return json.loads(value) if value else []


class DateText(peewee.DateField):
    """Dates stored as ISO text on both engines (what the migrations declare), returned as datetime.date;
    written as ISO text too, so PostgreSQL compares text with text."""

    field_type = "TEXT"

    def db_value(self, value):
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    def python_value(self, value):
        # peewee tries its date formats one by one; an ISO date is what gwdesk writes (a 100,000-row ledger
        # loads ~0.5 s sooner reading it directly)
        if type(value) is str and len(value) == 10 and value[4] == "-" == value[7]:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        return super().python_value(value)


class GwdeskMeta(BaseModel):
    """gwdesk's own marks: `app` = gwdesk; on PostgreSQL also `schema_version` (SQLite: PRAGMA user_version)."""

    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()

    class Meta:
        table_name = "gwdesk_meta"


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
    version = peewee.IntegerField(default=1)  # schema 10: raised by every save (store/concurrency.py)

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
        cls.insert(key=key, value=value).on_conflict(conflict_target=[cls.key], preserve=[cls.value]).execute()


class Counter(BaseModel):
    """The last 编号 given per kind and year (schema 10), taken in the saving transaction."""

    name = peewee.TextField(primary_key=True)
    value = peewee.IntegerField()

    class Meta:
        table_name = "counter"


class OpLock(BaseModel):
    """Who runs a long operation now (schema 10); the lock itself is the server's (or this process's)."""

    name = peewee.TextField(primary_key=True)
    holder = peewee.TextField()
    since = peewee.TextField()

    class Meta:
        table_name = "op_lock"


class AppUser(BaseModel):
    """A clerk of a 单位共享数据库: database login and role (schema 11; core/users.py)."""

    login = peewee.TextField(primary_key=True)
    name = peewee.TextField(default="")
    role = peewee.TextField(default="科员")
    active = peewee.BooleanField(default=True)

    class Meta:
        table_name = "app_user"


class ChangeLog(BaseModel):
    """Who changed what and when (schema 11; store/audit.py, and a trigger on PostgreSQL)."""

    id = peewee.AutoField()
    at = peewee.TextField()
    by_user = peewee.TextField(default="")
    tbl = peewee.TextField()
    row_id = peewee.TextField()
    action = peewee.TextField()
    before = peewee.TextField(default="{}")
    after = peewee.TextField(default="{}")

    class Meta:
        table_name = "change_log"
        indexes = ((("tbl", "row_id"), False),)


class StoredFile(BaseModel):
    """A file kept in the database (schema 13; store/files.py): on a 单位共享数据库 the evidence, the original task
    lists and the custom forms; empty on SQLite, whose files stay in the data folder."""

    id = peewee.AutoField()
    path = peewee.TextField()
    kind = peewee.TextField()
    owner = peewee.TextField(default="")
    name = peewee.TextField(default="")
    sha256 = peewee.TextField()
    size = peewee.IntegerField()
    data = peewee.BlobField()
    created_by = peewee.TextField(default="")
    created_at = peewee.TextField()

    class Meta:
        table_name = "stored_file"
        indexes = ((("path",), True), (("owner",), False))
