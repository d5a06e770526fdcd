"""Several clerks on one database (a 单位共享数据库; the same code runs on SQLite): no lost update, no duplicate
编号, one runner per long operation.

- `checked_update`: UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?; a row found at another
  version raises ConflictError and nothing is written (optimistic: no lock is held while a clerk types);
- `moved_from`: a status change only from the status the clerk saw (compare-and-set);
- `next_value`: the next number of a counter, taken inside the caller's transaction (the counter row stays
  locked until it commits, so two clerks saving at once get two numbers);
- `held`: a named lock for long operations; others are told who holds it since when (PostgreSQL: a session
  advisory lock, freed if the holder's connection dies; SQLite: this process, the only writer of its file).
"""

from __future__ import annotations

import datetime as dt
import threading
import zlib
from contextlib import contextmanager
from typing import Callable, Iterator

import peewee

from gwdesk.errors import ConflictError, OperationBusy
from gwdesk.store import audit
from gwdesk.store.audit import who  # noqa: F401 - the name the callers use
from gwdesk.store.base import db
from gwdesk.store.dialect import is_pg, run


def checked_update(model: type[peewee.Model], row_id, seen_version: int | None, what: str,
                   **values) -> int:
    """Write `values` to the row if it is still at `seen_version` (None: whatever it is, for the clerk's own
    以我的为准 after a conflict was shown, or a caller with no editor); returns the new version."""
    table = model._meta
    with db.atomic():
        if is_pg():
            written = _update_returning_before(model, row_id, seen_version, values)
        else:
            written = _update_then_version(model, row_id, seen_version, values)
        if written is not None:
            before, version = written
            audit.record(table.table_name, row_id, "修改", before,
                         {k: v for k, v in values.items() if k != "updated_at"})
            return version
        current = model.get_or_none(table.primary_key == row_id)
    if current is None:
        raise ConflictError(f"{what}已被其他同事删除，您的修改未保存。")
    raise ConflictError(f"{what}已被其他同事修改（您打开时是第 {seen_version} 版，现在是第 {current.version} 版），"
                        "您的修改尚未保存。", current=current)


def _update_then_version(model, row_id, seen_version, values) -> tuple[dict, int] | None:
    """SQLite (in-process calls, no round trips): take the write lock, read `before`, update, read the version."""
    table = model._meta
    # take SQLite's write lock first: a read then a write would fail at once beside another writer
    model.update(version=model.version).where(table.primary_key == row_id).execute()
    before = model.select(*[table.fields[k] for k in values]).where(table.primary_key == row_id).dicts().first()
    query = model.update(**values, version=model.version + 1).where(table.primary_key == row_id)
    if seen_version is not None:
        query = query.where(model.version == seen_version)
    if query.execute() != 1:
        return None
    return before or {}, model.select(model.version).where(table.primary_key == row_id).scalar()


def _update_returning_before(model, row_id, seen_version, values) -> tuple[dict, int] | None:
    """PostgreSQL, one round trip: UPDATE … FROM (the row's columns, locked FOR UPDATE) … RETURNING those
    columns as they were and the new version. The lock is taken before the row is compared, so `before` is what
    the update replaces (another clerk's save in between is waited for, then its version fails the check)."""
    table = model._meta
    pk = table.primary_key
    cols = [table.fields[k] for k in values]
    old = model.select(pk, *cols).where(pk == row_id).for_update().alias("old")
    query = (model.update(**values, version=model.version + 1).from_(old)
             .where((pk == row_id) & (pk == old.c[pk.column_name])))
    if seen_version is not None:
        query = query.where(model.version == seen_version)
    row = db.execute(query.returning(model.version, *[old.c[f.column_name] for f in cols])).fetchone()
    if row is None:
        return None
    return {k: f.python_value(v) for k, f, v in zip(values, cols, row[1:])}, row[0]


def moved_from(model: type[peewee.Model], row_id, seen_status: str, what: str, **values) -> None:
    """Set `values` (a new status…) only if the row's status is still `seen_status`; else ConflictError."""
    query = (model.update(**values, version=model.version + 1)
             .where((model._meta.primary_key == row_id) & (model.status == seen_status)))
    if query.execute() == 1:
        audit.record(model._meta.table_name, row_id, "状态", {"status": seen_status},
                     {"status": values.get("status")})
    else:
        current = model.get_or_none(model._meta.primary_key == row_id)
        now = f"现为“{current.status}”" if current is not None else "已被删除"
        raise ConflictError(f"{what}已被其他同事处理（您看到的是“{seen_status}”，{now}），本次操作未执行，"
                            "请刷新后再看。", current=current)


def next_value(name: str, floor: Callable[[], int]) -> int:
    """The next value of counter `name`, at least floor()+1 (numbers already given out another way); call it
    inside the transaction that saves the record, so the number is the record's or nobody's."""
    if db.transaction_depth() == 0:
        raise RuntimeError("next_value must run inside the saving transaction")
    if is_pg():  # one round trip: the row made or taken, incremented and locked until this transaction ends
        value = run("INSERT INTO counter(name, value) VALUES (?, 1) ON CONFLICT (name)"
                    " DO UPDATE SET value = counter.value + 1 RETURNING value", (name,)).fetchone()[0]
    else:
        # the row first (a concurrent first insert waits for the other's commit, then does nothing), then the
        # increment, which locks the row until this transaction ends: every taker after us reads our value
        run("INSERT INTO counter(name, value) VALUES (?, 0) ON CONFLICT (name) DO NOTHING", (name,))
        run("UPDATE counter SET value = value + 1 WHERE name = ?", (name,))
        value = run("SELECT value FROM counter WHERE name = ?", (name,)).fetchone()[0]
    least = floor() + 1  # read under the row's lock: earlier takers have committed
    if value < least:  # numbers given out another way (an import, a restore of older data, a new counter)
        run("UPDATE counter SET value = ? WHERE name = ?", (least, name))
        value = least
    return value


def give_back(name: str, value: int) -> None:
    """The record holding counter `name`'s last value was deleted: that value is given again next time."""
    run("UPDATE counter SET value = value - 1 WHERE name = ? AND value = ?", (name, value))


_local_lock = threading.Lock()
_local_held: dict[tuple[int, str], tuple[str, str]] = {}


def _key(name: str) -> int:
    return 0x67776473 << 32 | zlib.crc32(name.encode("utf-8"))  # 'gwds' + the name: a bigint advisory key


def _holder_of(name: str) -> tuple[str, str]:
    row = run("SELECT holder, since FROM op_lock WHERE name = ?", (name,)).fetchone()
    return (row[0], row[1]) if row else ("另一位同事", "")


@contextmanager
def held(name: str, label: str, holder: str | None = None) -> Iterator[None]:
    """Run the block as the only holder of `name`; OperationBusy (naming who and since when) if taken."""
    holder = holder or who()
    since = dt.datetime.now().isoformat(timespec="seconds")
    if is_pg():
        if not run("SELECT pg_try_advisory_lock(?)", (_key(name),)).fetchone()[0]:
            h, s = _holder_of(name)
            raise OperationBusy(f"{label}正由 {h} 进行{f'（{s} 开始）' if s else ''}，请稍后再试。", holder=h, since=s)
        release = lambda: run("SELECT pg_advisory_unlock(?)", (_key(name),))  # noqa: E731
    else:
        slot = (id(db.obj), name)
        with _local_lock:
            if slot in _local_held:
                h, s = _local_held[slot]
                raise OperationBusy(f"{label}正由 {h} 进行（{s} 开始），请稍后再试。", holder=h, since=s)
            _local_held[slot] = (holder, since)

        def release():
            with _local_lock:
                _local_held.pop(slot, None)
    try:
        if not is_pg():  # one gwdesk per SQLite file (gwdesk.lock): the lock above is all, and nothing is written
            yield
            return
        run("INSERT INTO op_lock(name, holder, since) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE"
            " SET holder = excluded.holder, since = excluded.since", (name, holder, since))
        try:
            yield
        finally:
            run("DELETE FROM op_lock WHERE name = ?", (name,))
    finally:
        release()
