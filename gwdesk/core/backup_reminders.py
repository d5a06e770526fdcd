"""Start-up reminders about backups: none reached the second destination (USB stick, share) for 7 days."""

from __future__ import annotations

from gwdesk import paths
from gwdesk.core.reminders import Reminder
from gwdesk.store import backup, offsite

PLACE = "请在“设置 → 数据备份与恢复”中"
BACKUP_REF = "backup"  # what 设置 shows for these lines: its 数据备份与恢复 part


def collect(ctx) -> list[Reminder]:
    today = ctx.today()
    bdir = paths.backup_dir()
    dest = offsite.destination(bdir)
    if dest is None:
        # only once there is something worth carrying away: a week of backups on this computer alone
        dated = [b.when.date() for b in backup.list_backups(bdir) if b.when.date() <= today]
        if not dated or (today - min(dated)).days < offsite.STALE_DAYS:
            return []
        return [Reminder("settings", "overdue", None,
                         f"【数据备份】备份只保存在本机，电脑损坏时会一起丢失。{PLACE}选择 U 盘或网络共享作为第二备份位置。", BACKUP_REF)]
    days = offsite.days_since_copy(bdir, today)
    if days is not None and days < offsite.STALE_DAYS:
        return []
    since = "还没有备份复制到" if days is None else f"已有 {days} 天没有备份复制到"
    return [Reminder("settings", "overdue", None,
                     f"【数据备份】{since}第二备份位置“{dest}”。请插上 U 盘或连上网络共享，"
                     f"然后{PLACE}点“立即备份”。", BACKUP_REF)]
