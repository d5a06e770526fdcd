"""fast_load.instances gives the same objects as iterating the peewee query, for every field kind."""

import datetime as dt

import pytest

from applications_support import actx  # noqa: F401
from gwdesk.core.applications import ledger
from gwdesk.store import fast_load
from gwdesk.store.applications_models import Application, Step
from gwdesk.store.review_models import ReviewForm
from gwdesk.store.tasks_models import Task

D = dt.date


def _apps(n):
    for i in range(n):
        a = ledger.create(dict(number=f"2026-{i + 1:03d}", received=D(2026, 7, 1 + i % 28), channel="网络",
                               applicant_type="自然人", applicant_name=f"申请人{i}", content="低保资金发放明细"))
        if i % 3 == 0:
            ledger.add_step(a, "补正", D(2026, 7, 2 + i % 20), deadline=D(2026, 7, 25))
        if i % 4 == 0:
            ledger.reply(a, D(2026, 8, 1), "3.1", reply_number=f"答复〔2026〕{i}号")


def test_same_data_as_peewee_and_nothing_dirty(actx):
    _apps(12)
    for query in (Application.select().order_by(Application.id), Step.select().order_by(Step.id),
                  Application.select().where(Application.closed.is_null()).order_by(Application.received.desc())):
        slow, fast = list(query.clone()), fast_load.instances(query.clone())
        assert [type(o) for o in fast] == [type(o) for o in slow] and fast
        assert [o.__data__ for o in fast] == [o.__data__ for o in slow]
        assert all(not o._dirty for o in fast)
    step = fast_load.instances(Step.select().limit(1))[0]
    assert isinstance(step.started, dt.date) and step.application.id == step.application_id


def test_loaded_instances_save_and_follow_relations_like_peewee_ones(actx):
    _apps(3)
    a = fast_load.instances(Application.select().where(Application.number == "2026-002"))[0]
    assert a.received == D(2026, 7, 2) and a.closed is None
    a.note = "已电话联系"
    a.save()
    assert Application.get_by_id(a.id).note == "已电话联系"
    assert [s.kind for s in a.steps] == []  # backref query works on a fast instance


def test_refuses_selects_it_would_get_wrong(actx):
    with pytest.raises(ValueError):
        fast_load.instances(Application.select(Application.id, Application.number))
    with pytest.raises(ValueError):
        fast_load.instances(Step.select(Step, Application).join(Application))


def test_date_text_reads_what_peewee_reads(actx):
    import peewee

    from gwdesk.store.applications_models import DateText
    ours, theirs = DateText(), peewee.DateField()
    for value in ("2026-07-01", None, "2026-W01-1", "2026-02-30", "2026/07/01", "2026-07-01 08:00:00", "", "x"):
        assert ours.python_value(value) == theirs.python_value(value), value
    assert ours.python_value("2026-07-01") == D(2026, 7, 1)


def test_other_models_round_trip(actx):
    for model in (Task, ReviewForm):
        q = model.select().order_by(model.id)
        assert [o.__data__ for o in fast_load.instances(q.clone())] == [o.__data__ for o in q.clone()]
