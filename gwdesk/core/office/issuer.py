"""Whether this unit issues task lists to other units and so needs the 汇总 (office roll-up) screen."""

from __future__ import annotations

from gwdesk.core.units import Profile
from gwdesk.store.tasks_models import TaskList

# a county government's office issues the county's list; a department, township or street receives one
ISSUING_LEVELS = ("县级政府",)


def issued_here(profile: Profile) -> bool:
    """A task list stored here names this unit (or one of its 简称) as its issuer: the office imported its own list."""
    names = {n.strip() for n in (profile.name, *profile.aliases) if n.strip()}
    return bool(names) and TaskList.select().where(TaskList.issuer.in_(sorted(names))).exists()


def by_default(profile: Profile) -> bool:
    """What a profile that never said so gets: the level's custom, or a list of its own already stored."""
    return profile.level in ISSUING_LEVELS or issued_here(profile)


def needs_rollup(profile: Profile | None) -> bool:
    """Show 汇总: the clerk said so, or (not said) by_default; a list this unit issued always shows it."""
    if profile is None:
        return False
    if profile.issues_lists is None:
        return by_default(profile)
    return profile.issues_lists or issued_here(profile)
