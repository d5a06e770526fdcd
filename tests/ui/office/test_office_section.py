"""The 汇总 section is for an office that issues task lists: shown by the profile's 本单位下发任务清单, by the level's
custom until the clerk says, and always once a list this unit issued is stored here."""

from __future__ import annotations

import dataclasses

from gwdesk.core import units
from gwdesk.core.office import issuer
from gwdesk.store.tasks_models import TaskList

OFFICE = units.Profile("青川县人民政府办公室", "县级政府", aliases=["县政府办"])


def office_row(w) -> int:
    return next(i for i in range(w.sidebar.count()) if w.sidebar.item(i).text() == "汇总")


def make_window(qtbot, ctx):
    from gwdesk.ui.main_window import MainWindow
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    return w


def store_list(issuer_name: str) -> None:
    TaskList.create(issuer=issuer_name, year=2026, title="2026年政务公开任务清单", imported_at="2026-03-01T09:00:00")


def test_who_needs_the_rollup(ctx, profile):
    assert issuer.needs_rollup(profile) is False  # 青川县民政局, a 县级部门 that receives lists
    assert issuer.needs_rollup(OFFICE) is True  # a county government's office issues them
    assert issuer.needs_rollup(dataclasses.replace(OFFICE, issues_lists=False)) is False
    assert issuer.needs_rollup(dataclasses.replace(profile, issues_lists=True)) is True
    assert issuer.needs_rollup(None) is False
    store_list("青川县")  # the county's list, stored by the department that received it: not the department's own
    assert issuer.needs_rollup(profile) is False
    store_list("县政府办")  # the office imported the list it issued (under its 简称): 汇总 stays, whatever was said
    assert issuer.needs_rollup(dataclasses.replace(OFFICE, issues_lists=False)) is True


def test_the_flag_is_kept_with_the_profile(ctx):
    units.save(OFFICE)
    assert units.load().issues_lists is None  # not said: the level decides
    units.save(dataclasses.replace(OFFICE, issues_lists=False))
    assert units.load().issues_lists is False
    units.save(dataclasses.replace(OFFICE, issues_lists=True))
    assert units.load() == dataclasses.replace(OFFICE, issues_lists=True)


def test_a_department_sees_no_rollup_until_it_says_it_issues_lists(qtbot, ctx, profile, alerts_log):
    w = make_window(qtbot, ctx)
    row = office_row(w)
    assert w.sidebar.isRowHidden(row) and not w.section_actions[row].isVisible()
    assert not w.sidebar.isRowHidden(0)
    w.open_section("settings")
    page = w.pages["settings"]
    box = page.form.issues_lists
    assert box.isEnabled() and not box.isChecked()
    box.click()
    assert box.isChecked()
    page.save_profile()
    assert not w.sidebar.isRowHidden(row) and w.section_actions[row].isVisible()
    assert units.load().issues_lists is True
    w.open_section("office")
    assert w.current_section() == "office"
    # and off again: the sidebar loses it, the window stays on 设置
    w.open_section("settings")
    box.click()
    page.save_profile()
    assert w.sidebar.isRowHidden(row) and w.current_section() == "settings"


def test_the_box_follows_the_level_until_the_clerk_says(qtbot, ctx):
    from gwdesk.ui.profile_form import ProfileForm
    form = ProfileForm()
    qtbot.addWidget(form)
    form.name.setText("青川县人民政府办公室")
    form.level.setCurrentIndex(form.level.findData("县级政府"))
    assert form.issues_lists.isChecked() and form.profile().issues_lists is None
    form.level.setCurrentIndex(form.level.findData("县级部门"))
    assert not form.issues_lists.isChecked()
    form.issues_lists.click()
    form.level.setCurrentIndex(form.level.findData("乡镇"))
    assert form.issues_lists.isChecked() and form.profile().issues_lists is True


def test_a_list_this_unit_issued_keeps_rollup_on(qtbot, ctx, alerts_log):
    units.save(dataclasses.replace(OFFICE, issues_lists=False))
    store_list("青川县人民政府办公室")
    w = make_window(qtbot, ctx)
    assert not w.sidebar.isRowHidden(office_row(w))
    w.open_section("settings")
    box = w.pages["settings"].form.issues_lists
    assert box.isChecked() and not box.isEnabled() and "始终显示" in box.toolTip()
