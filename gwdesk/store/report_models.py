"""Annual report rows (schema m005): one gwdesk.annual-report/1 document per unit and year."""

from __future__ import annotations

import peewee

from gwdesk.store.base import BaseModel
from gwdesk.store.models import JSONField


class AnnualReport(BaseModel):
    unit = peewee.TextField()
    year = peewee.IntegerField()
    data = peewee.TextField()  # the JSON text, read and written by gwdesk.io.report_json
    sources = JSONField(default=dict)
    frozen = peewee.BooleanField(default=False)
    sent = peewee.BooleanField(default=False)
    sent_on = peewee.TextField(default="")
    updated_at = peewee.TextField(default="")
    version = peewee.IntegerField(default=1)  # schema 10 (store/concurrency.py)

    class Meta:
        table_name = "annual_report"
        indexes = ((("unit", "year"), True), (("year",), False))
