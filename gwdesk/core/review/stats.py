"""Figures other parts read from the opinion forms (the annual report's 第二十条第（一）项)."""

from __future__ import annotations

import peewee

from gwdesk.core.review.forms import SIGNED
from gwdesk.store.review_models import ReviewForm


def normative_docs_issued(year: int) -> int:
    """行政规范性文件 issued in `year`: forms marked 是否行政规范性文件 = 是 whose status is 已审定,
    已公开 or 已登记 (signed off, so issued) and whose 拟发文日期 (成文日期) falls in `year`. 草稿, 待审核 and
    作废 forms do not count; the form's own 编号 year does not matter."""
    return (ReviewForm.select(peewee.fn.COUNT(ReviewForm.id))
            .where(ReviewForm.normative == True,  # noqa: E712 - peewee expression
                   ReviewForm.status.in_(SIGNED),
                   peewee.fn.substr(ReviewForm.doc_date, 1, 4) == f"{year:04d}")
            .scalar() or 0)
