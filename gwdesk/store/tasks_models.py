"""任务台账 models (schema m003): task lists, tasks, progress notes, evidence."""

from __future__ import annotations

import builtins
import json

import peewee

from gwdesk.store.base import BaseModel
from gwdesk.store.models import DateText, JSONField


class DictField(peewee.TextField):
    def db_value(self, value):
        return json.dumps(value or {}, ensure_ascii=False)

    def python_value(self, value):
        return json.loads(value) if value else {}


class TaskList(BaseModel):
    issuer = peewee.TextField()
    year = peewee.IntegerField()
    title = peewee.TextField(default="")
    file_name = peewee.TextField(default="")
    sheet = peewee.TextField(default="")
    issued_on = DateText(null=True)
    labels = DictField(default=dict)
    imported_at = peewee.TextField()
    revision = peewee.IntegerField(default=1)

    class Meta:
        table_name = "task_list"
        indexes = ((("issuer", "year"), False),)  # several lists per issuer and year (schema 9)


class Task(BaseModel):
    # `list` names the task list here: the JSON fields below default to builtins.list (a plain `list`
    # would be this field, and a task created without units would store the text 'list_id')
    list = peewee.ForeignKeyField(TaskList, column_name="list_id", backref="tasks", on_delete="CASCADE",
                                  index=False)
    position = peewee.IntegerField()
    source_row = peewee.IntegerField(default=0)
    seq = peewee.TextField(default="")
    category = peewee.TextField(default="")
    subcategory = peewee.TextField(default="")
    task = peewee.TextField(default="")
    measure = peewee.TextField(default="")
    lead_units = JSONField(default=builtins.list)
    resp_units = JSONField(default=builtins.list)
    deadline_text = peewee.TextField(default="")
    deadline_kind = peewee.TextField(default="none")
    due_date = DateText(null=True)
    due_override = DateText(null=True)
    # the earlier dates of the 时限 cell, 'YYYY-MM-DD,…' ('' none; NULL not yet worked out: schema 12)
    milestones = peewee.TextField(null=True)
    recurrence = peewee.TextField(default="")
    publish_path = peewee.TextField(default="")
    note = peewee.TextField(default="")
    auto_role = peewee.TextField(default="不涉及")
    role_reason = peewee.TextField(default="")
    role_override = peewee.TextField(null=True)
    status = peewee.TextField(default="未启动")
    done_on = DateText(null=True)
    removed_at = peewee.TextField(null=True)
    created_at = peewee.TextField()
    updated_at = peewee.TextField()
    version = peewee.IntegerField(default=1)  # schema 10 (store/concurrency.py)

    class Meta:
        table_name = "task"
        indexes = ((("list", "position"), False), (("status", "due_date"), False), (("list", "category"), False))

    @property
    def role(self) -> str:
        return self.role_override or self.auto_role

    @property
    def due(self):
        return self.due_override or self.due_date


class TaskNote(BaseModel):
    task = peewee.ForeignKeyField(Task, column_name="task_id", backref="notes", on_delete="CASCADE", index=False)
    noted_on = DateText()
    text = peewee.TextField()
    created_at = peewee.TextField()

    class Meta:
        table_name = "task_note"
        indexes = ((("task", "noted_on"), False),)


class TaskEvidence(BaseModel):
    task = peewee.ForeignKeyField(Task, column_name="task_id", backref="evidence", on_delete="CASCADE")
    kind = peewee.TextField()
    value = peewee.TextField()
    original_name = peewee.TextField(default="")
    sha256 = peewee.TextField(default="")
    size = peewee.IntegerField(default=0)
    added_at = peewee.TextField()

    class Meta:
        table_name = "task_evidence"
