"""`gwdesk backup [--out FILE]`, `gwdesk backups` and `gwdesk restore FILE`: backups from the command line."""

from __future__ import annotations

from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("backup", help="立即备份（数据库、佐证材料和自定义表单打包为一个文件），并显示备份文件的位置")
    p.add_argument("--out", metavar="FILE", help="导出全部数据到指定文件（移机用；在另一台电脑上用 gwdesk restore FILE 打开）")
    p.set_defaults(func=run_backup)
    p = sub.add_parser("backups", help="列出已有的备份（最新的在前）")
    p.set_defaults(func=run_list)
    p = sub.add_parser("restore", help="用备份文件恢复全部数据（先检查备份文件，并先备份当前数据）")
    p.add_argument("file", metavar="FILE", help="备份文件（.zip；旧版本的 .db 备份也可以）")
    p.set_defaults(func=run_restore)


def _shared():
    """The 单位共享数据库 chosen for this computer, or None (the data folder's SQLite file)."""
    from gwdesk.store import dburl
    return dburl.current()


def _backup_shared(out) -> int:
    from gwdesk import paths
    from gwdesk.session import open_session
    from gwdesk.store import snapshot
    with open_session(daily_backup=False) as ctx:
        made = snapshot.backup_shared(ctx.store.db, paths.data_dir(), paths.backup_dir(),
                                      out=Path(out).expanduser() if out else None)
        print(f"已把{ctx.store.label()}"
              f"{'导出到' if out else '备份到'}：{made if out else made.path}（与本机备份格式相同，可用 gwdesk restore 恢复）")
        if not out and made.note:
            print(made.note)
    return 0


def _restore_shared(file: Path) -> int:
    from gwdesk import paths
    from gwdesk.session import open_session
    from gwdesk.store import snapshot
    with open_session(daily_backup=False) as ctx:
        n = snapshot.restore_shared(ctx.store.db, file, paths.data_dir())
        print(f"已把“{file}”中的 {n} 条记录导入{ctx.store.label()}。")
    return 0


def run_backup(args) -> int:
    from gwdesk import paths
    if _shared() is not None:
        return _backup_shared(getattr(args, "out", None))
    from gwdesk.session import check_missing_data, open_session
    from gwdesk.store import backup
    from gwdesk.store.inspect import inspect_file
    from gwdesk.store.lock import InstanceBusy

    out = getattr(args, "out", None)
    try:
        with open_session(daily_backup=False) as ctx:
            if out:
                target, note = backup.export_to(ctx.store, Path(out).expanduser()), ""
            else:
                result = backup.run(ctx.store, paths.backup_dir(), reason="manual")
                target, note = result.path, result.note
    except InstanceBusy:
        # A window has the data dir: SQLite's online backup is consistent next to a writer, so copy
        # the file as it is (after the same checks open_store makes; no migration from here).
        import datetime as dt
        check_missing_data(None, dt.date.today())
        inspect_file(paths.db_path())
        if out:
            target, note = backup.export_to(paths.db_path(), Path(out).expanduser()), ""
        else:
            result = backup.run(paths.db_path(), paths.backup_dir(), reason="manual")
            target, note = result.path, result.note
        print("（gwdesk 窗口正在使用该数据目录，已在它运行时做了在线备份。）")
    print(f"{'已导出全部数据到' if out else '已备份到'}：{target}")
    if note:
        print(note)
    return 0


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def run_list(args) -> int:
    from gwdesk import paths
    from gwdesk.store import backup

    found = backup.list_backups(paths.backup_dir())
    if not found:
        print(f"还没有备份。备份目录：{paths.backup_dir()}")
        return 0
    print(f"备份目录：{paths.backup_dir()}（共 {len(found)} 个，最新的在前）")
    for b in found:
        print(f"{b.when:%Y-%m-%d %H:%M:%S}  {_size(b.size):>9}  {b.label}  {b.contents}  {b.path.name}")
    return 0


def run_restore(args) -> int:
    from gwdesk import paths
    if _shared() is not None:  # into the EMPTY shared database (also: a clerk's own gwdesk.db moved there)
        return _restore_shared(Path(args.file).expanduser())
    from gwdesk.store import migrations, restore
    from gwdesk.store.db import open_store
    from gwdesk.store.lock import InstanceLock

    file = Path(args.file).expanduser()
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    paths.harden()  # restored files are created private (umask 077), as the window would create them
    with InstanceLock(paths.data_dir()):  # no window may have the database open while it is replaced
        result = restore.restore(paths.db_path(), file, paths.backup_dir())
        paths.harden()
        if result.before_restore:
            print(f"已先把当前数据备份到：{result.before_restore}")
        print(f"已用“{file}”恢复数据库：{paths.db_path()}（数据结构版本 {result.version}）")
        if result.evidence:
            print(f"已恢复 {result.evidence} 个佐证材料文件到：{paths.data_dir() / 'evidence'}")
        if result.version < migrations.latest_version():
            store = open_store(paths.db_path(), backup_dir=paths.backup_dir())
            store.close()
            print(f"已把恢复的数据库升级到当前版本 {store.version}。")
    return 0
