"""Peewee models for the 公文公开发布意见单 tables (schema m002; normative may be NULL since m015)."""

from __future__ import annotations

import peewee

from gwdesk.store.base import BaseModel


class ReviewForm(BaseModel):
    year = peewee.IntegerField()
    seq = peewee.IntegerField()
    number = peewee.TextField(unique=True)
    title = peewee.TextField(default="")
    doc_number = peewee.TextField(default="")
    dept = peewee.TextField(default="")
    drafter = peewee.TextField(default="")
    status = peewee.TextField(default="草稿")
    attribute = peewee.TextField(default="")
    normative = peewee.BooleanField(null=True, default=None)  # schema 15: None 未填 (not answered yet)
    doc_date = peewee.TextField(null=True)
    planned_date = peewee.TextField(null=True)
    published_date = peewee.TextField(null=True)
    data = peewee.TextField(default="{}")
    created_at = peewee.TextField()
    updated_at = peewee.TextField()
    version = peewee.IntegerField(default=1)  # schema 10 (store/concurrency.py)

    class Meta:
        table_name = "review_form"
        indexes = ((("year", "seq"), True), (("year", "status"), False), (("attribute",), False),
                   (("dept",), False), (("doc_date",), False), (("title",), False), (("doc_number",), False),
                   (("drafter",), False))


class ReviewStatusLog(BaseModel):
    form = peewee.ForeignKeyField(ReviewForm, column_name="form_id", on_delete="CASCADE", backref="history")
    from_status = peewee.TextField()
    to_status = peewee.TextField()
    action = peewee.TextField()
    reason = peewee.TextField(default="")
    at = peewee.TextField()
    by_user = peewee.TextField(default="")  # schema 11: who took the step

    class Meta:
        table_name = "review_status_log"


class ReviewDraft(BaseModel):
    key = peewee.TextField(primary_key=True)
    form_id = peewee.IntegerField(null=True)  # REFERENCES review_form ON DELETE CASCADE in the schema
    data = peewee.TextField()
    saved_at = peewee.TextField()

    class Meta:
        table_name = "review_draft"
