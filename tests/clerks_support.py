"""Another clerk on the same database (a 单位共享数据库; the same on SQLite): `as_colleague(job)` runs `job`
on its own connection (its own thread, as peewee keeps one connection per thread) and returns once it committed."""

from __future__ import annotations

import threading

from gwdesk.store.base import db


def as_colleague(job, timeout: float = 60):
    out: dict = {}

    def run():
        try:
            out["result"] = job()
        except BaseException as e:  # noqa: BLE001 - raised again in the test's thread
            out["error"] = e
        finally:
            db.close()  # the colleague's own connection

    t = threading.Thread(target=run, name="colleague")
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "the colleague is still waiting (a lock held by this clerk?)"
    if "error" in out:
        raise out["error"]
    return out.get("result")
