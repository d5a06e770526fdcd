"""peewee models for the 依申请公开台账 (schemas m004, m008): applications, steps, answers, 复议/诉讼 cases, history,
frozen years."""

from __future__ import annotations

import peewee

from gwdesk.store.base import BaseModel
from gwdesk.store.models import DateText

__all__ = ["DateText", "Holiday", "Application", "ApplicationSearch", "Step", "AppealCase", "FrozenYear"]


class Holiday(BaseModel):
    """The clerk's holiday table (schema m004): 休 a day off, 班 a working day (调休); read by core/workdays."""

    day = peewee.TextField(primary_key=True)
    kind = peewee.TextField()
    note = peewee.TextField(default="")

    class Meta:
        table_name = "holiday"


class Application(BaseModel):
    id = peewee.AutoField()
    number = peewee.TextField(unique=True)
    received = DateText()
    channel = peewee.TextField()
    applicant_type = peewee.TextField()
    applicant_name = peewee.TextField()
    id_kind = peewee.TextField(default="")
    id_number = peewee.TextField(default="")
    contact = peewee.TextField(default="")
    content = peewee.TextField(default="")
    delivery = peewee.TextField(default="")
    closed = DateText(null=True)
    outcome = peewee.TextField(null=True)
    reply_number = peewee.TextField(default="")
    reason = peewee.TextField(default="")
    note = peewee.TextField(default="")
    updated_at = peewee.TextField(default="")
    voided = peewee.TextField(null=True)  # ISO time it was voided (a duplicate, a mistake); NULL: valid
    void_reason = peewee.TextField(default="")
    # the stored due date and state (schema m006), written by core/applications/listing.refresh only
    due = peewee.TextField(null=True)
    due_state = peewee.TextField(null=True)
    due_until = peewee.TextField(null=True)
    due_stamp = peewee.TextField(null=True)
    version = peewee.IntegerField(default=1)  # schema 10 (store/concurrency.py)

    class Meta:
        table_name = "application"


class ApplicationSearch(BaseModel):
    """Each application's searchable text, lower-cased (schema m007), kept by triggers; FTS5 (SQLite) or
    pg_trgm (PostgreSQL) index it."""

    id = peewee.IntegerField(primary_key=True)
    text = peewee.TextField()

    class Meta:
        table_name = "application_search"


class Step(BaseModel):
    id = peewee.AutoField()
    application = peewee.ForeignKeyField(Application, backref="steps", on_delete="CASCADE",
                                         column_name="application_id", index=False)
    kind = peewee.TextField()  # 补正 / 征求第三方意见 / 延期 / 收费
    started = DateText()
    ended = DateText(null=True)
    deadline = DateText(null=True)
    days = peewee.IntegerField(default=0)
    approver = peewee.TextField(default="")
    fee_method = peewee.TextField(default="")
    quantity = peewee.IntegerField(default=0)
    amount = peewee.IntegerField(default=0)
    note = peewee.TextField(default="")

    class Meta:
        table_name = "application_step"


class AppealCase(BaseModel):
    id = peewee.AutoField()
    application = peewee.ForeignKeyField(Application, backref="cases", null=True, on_delete="CASCADE",
                                         column_name="application_id", index=False)
    kind = peewee.TextField()  # 复议 / 未经复议直接起诉 / 复议后起诉
    filed = DateText()
    result = peewee.TextField(default="尚未审结")
    decided = DateText(null=True)
    case_number = peewee.TextField(default="")
    note = peewee.TextField(default="")
    voided = peewee.TextField(null=True)
    void_reason = peewee.TextField(default="")

    class Meta:
        table_name = "appeal_case"


class Reply(BaseModel):
    """One answer: the first (答复) is what application.closed/outcome hold; a 重新答复 is recorded, not counted."""

    id = peewee.AutoField()
    application = peewee.ForeignKeyField(Application, backref="replies", on_delete="CASCADE",
                                         column_name="application_id", index=False)
    kind = peewee.TextField()  # 答复 / 重新答复
    date = DateText()
    outcome = peewee.TextField()
    reply_number = peewee.TextField(default="")
    reason = peewee.TextField(default="")
    recorded_at = peewee.TextField(default="")

    class Meta:
        table_name = "application_reply"


class History(BaseModel):
    """What was voided, corrected or answered again, when, with the old values in words."""

    id = peewee.AutoField()
    application = peewee.ForeignKeyField(Application, backref="history", null=True, on_delete="CASCADE",
                                         column_name="application_id")
    case = peewee.ForeignKeyField(AppealCase, backref="history", null=True, on_delete="CASCADE",
                                  column_name="case_id")
    at = peewee.TextField()
    action = peewee.TextField()
    detail = peewee.TextField(default="")

    class Meta:
        table_name = "application_history"


class FrozenYear(BaseModel):
    year = peewee.IntegerField(primary_key=True)
    table3 = peewee.TextField()
    table4 = peewee.TextField()
    frozen_at = peewee.TextField()
    note = peewee.TextField(default="")

    class Meta:
        table_name = "application_frozen_year"


# the indexes the migrations build (schemas m004, m006, m008), as the models declare them
_A = Application
for _name, _fields, _where in (
        ("ix_application_received", (_A.received, _A.applicant_type, _A.closed), None),
        ("ix_application_closed", (_A.closed, _A.applicant_type, _A.received, _A.outcome), None),
        ("ix_application_open", (_A.received, _A.applicant_type), _A.closed.is_null()),
        ("ix_application_applicant", (_A.id_number, _A.applicant_name), None),
        ("ix_application_open_due", (_A.due, _A.due_state, _A.due_until, _A.due_stamp, _A.received,
                                     _A.applicant_type, _A.closed), _A.closed.is_null()),
        ("ix_application_stale", (_A.closed, _A.received), _A.due_stamp.is_null()),
        ("ix_application_voided", (_A.received, _A.closed, _A.applicant_type, _A.outcome), _A.voided.is_null(False))):
    _A.add_index(_A.index(*_fields, name=_name, where=_where))
Step.add_index(Step.index(Step.application, name="ix_step_application"))
AppealCase.add_index(AppealCase.index(AppealCase.filed, AppealCase.kind, AppealCase.result, AppealCase.decided,
                                      name="ix_appeal_filed"))
AppealCase.add_index(AppealCase.index(AppealCase.application, name="ix_appeal_application"))
Reply.add_index(Reply.index(Reply.application, Reply.date, name="ix_reply_application"))
