"""peewee models for the 依申请公开台账 (schemas m004, m008): applications, steps, answers, 复议/诉讼 cases, history,
frozen years."""

from __future__ import annotations

import datetime as dt

import peewee

from gwdesk.store.base import BaseModel


class DateText(peewee.DateField):
    """Dates stored as ISO text (what the migration declares), returned as datetime.date."""

    field_type = "TEXT"

    def python_value(self, value):
        # peewee tries its date formats one by one; an ISO date is what gwdesk writes (a 100,000-row ledger
        # loads ~0.5 s sooner reading it directly)
        if type(value) is str and len(value) == 10 and value[4] == "-" == value[7]:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        return super().python_value(value)


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

    class Meta:
        table_name = "application"


class Step(BaseModel):
    id = peewee.AutoField()
    application = peewee.ForeignKeyField(Application, backref="steps", on_delete="CASCADE",
                                         column_name="application_id")
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
                                         column_name="application_id")
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
                                         column_name="application_id")
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
