"""gwdesk.core.review.signers: the 签字人 each sign-off box is offered — names that signed it, most often first."""

from gwdesk.core.review import forms, signers
from gwdesk.store.review_models import ReviewForm


def _box(name):
    return {"choice": "同意", "opinion": "", "signer": name, "date": "2026-11-10"}


def test_names_per_box_most_frequent_first(ctx):
    for leader in ("刘志强", "刘志强", "张国平"):
        forms.create(ctx, {"title": "通知"}, {"leader": _box(leader), "drafter": _box("王建华")})
    forms.create(ctx, {"title": "未签"}, {"leader": _box("  "), "secrecy": {"choice": "", "signer": ""}})
    assert signers.names_by_role() == {"leader": ["刘志强", "张国平"], "drafter": ["王建华"]}
    assert signers.names_by_role(limit=1)["leader"] == ["刘志强"]


def test_a_damaged_row_is_passed_over(ctx):
    forms.create(ctx, {"title": "通知"}, {"leader": _box("刘志强")})
    f = forms.create(ctx, {"title": "坏的"})
    ReviewForm.update(data="{not json").where(ReviewForm.id == f.id).execute()
    assert signers.names_by_role() == {"leader": ["刘志强"]}
