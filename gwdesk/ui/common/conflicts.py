"""Another clerk saved the record being edited (a 单位共享数据库): show what differs and let the clerk choose
重新载入 (take the colleague's version) or 以我的为准 (save mine over it, knowingly). Through alerts.choose, so
tests answer it like any dialog."""

from __future__ import annotations

from gwdesk.errors import ConflictError
from gwdesk.ui.common import alerts

RELOAD, MINE, CANCEL = "reload", "mine", "cancel"
SHOWN = 12  # differences listed; the rest counted


def describe(error: ConflictError) -> str:
    lines = [error.message]
    if error.differences:
        lines.append("")
        lines.append("不同之处（您的 → 同事保存的）：")
        for what, mine, theirs in error.differences[:SHOWN]:
            lines.append(f"· {what}：{_short(mine)} → {_short(theirs)}")
        if len(error.differences) > SHOWN:
            lines.append(f"……另有 {len(error.differences) - SHOWN} 处不同")
    lines.append("")
    lines.append("重新载入：放弃您的修改，显示同事保存的内容。以我的为准：用您的内容覆盖同事的修改。")
    return "\n".join(lines)


def _short(text: str, limit: int = 40) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def ask(parent, error: ConflictError) -> str:
    """RELOAD, MINE or CANCEL (keep editing, nothing saved)."""
    return alerts.choose(parent, "其他同事已修改", describe(error),
                         [(RELOAD, "重新载入"), (MINE, "以我的为准"), (CANCEL, "取消")])
