"""Demo data (invented but realistic) so a newcomer sees every screen populated."""

from __future__ import annotations

from gwdesk.core import units
from gwdesk.errors import GwdeskError
from gwdesk.core.annual_report import demo as report_demo
from gwdesk.core.applications import demo as applications_demo
from gwdesk.core.review import demo as review_demo
from gwdesk.core.tasks import demo as tasks_demo
from gwdesk.store.base import db
from gwdesk.store.models import Setting

DEMO_PROFILE = units.Profile(
    name="青川县民政局",
    level="县级部门",
    supervisor="青川县人民政府办公室",
    contact="李晓梅",
    phone="0839-7202315",
    departments=["办公室", "社会救助股", "养老服务股", "社会事务股", "区划地名股", "财务股"],
    groups=["县政府各部门", "县直各单位", "区政府各部门"],
    aliases=["县民政局", "青川县民政局（县老龄办）"],
)

# Each domain adds its own demo records (a function taking ctx); the report last, it reads the ledgers.
PROVIDERS = [review_demo.load, tasks_demo.load, applications_demo.load, report_demo.load]


def load(ctx) -> list[str]:
    """Fill the store with demo data once (a second call does nothing); returns the providers that ran."""
    ran: list[str] = []
    if Setting.get_value("demo_loaded"):
        return ran
    with db.atomic():
        Setting.set_value("demo_loaded", True)
        if units.load() is None:
            units.save(DEMO_PROFILE)
        for provide in PROVIDERS:
            provide(ctx)
            ran.append(provide.__module__)
    return ran


LOADED, ALREADY = "loaded", "already"


def load_into_empty(ctx) -> str:
    """`--demo`: the demo goes only into a data folder with no unit of its own (or one that already holds
    the demo), so invented records never mix with a real unit's ledgers. Returns LOADED or ALREADY;
    raises DemoRefused (with the message to show) for a real unit's folder."""
    if Setting.get_value("demo_loaded"):
        return ALREADY
    profile = units.load()
    if profile is not None:
        raise DemoRefused(
            f"数据目录中已有本单位“{profile.name}”的数据，演示数据只载入到空的数据目录，以免虚构的记录混进真实台账。"
            "请用 --data-dir 指定一个新的文件夹来查看演示数据。")
    load(ctx)
    return LOADED


class DemoRefused(GwdeskError):
    pass
