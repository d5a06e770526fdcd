"""The password of a 单位共享数据库 login: never in database.json, never in a database.

Where it comes from, in order: what the clerk typed this run (kept in memory only), the system's credential
store (the `keyring` package: Windows 凭据管理器, macOS 钥匙串, the Secret Service of a Linux desktop — when it is
installed and works; any failure there counts as “not available”), then libpq's own pgpass file
(`%APPDATA%\\postgresql\\pgpass.conf`, `~/.pgpass`, or `PGPASSFILE`), which libpq reads by itself.

When the server says a password is needed or the one given is wrong, `store.server.open_server` asks the asker
the window or the command line set here (`set_asker`): the window's 密码 dialog, a terminal's getpass. With
记住密码 the password goes into the credential store when there is one, else into the pgpass file (0600).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from gwdesk.errors import StorageError
from gwdesk.store.dburl import ServerUrl

log = logging.getLogger(__name__)

SERVICE = "gwdesk"
NEEDED, WRONG = "needed", "wrong"


@dataclass(frozen=True)
class Answer:
    password: str
    remember: bool = False


# (url, NEEDED | WRONG, the server's own words) -> Answer, or None (the clerk cancelled)
Asker = Callable[[ServerUrl, str, str], "Answer | None"]
_asker: Asker | None = None
_typed: dict[str, str] = {}


def set_asker(asker: Asker | None) -> None:
    global _asker
    _asker = asker


def asker() -> Asker | None:
    return _asker


def key(url: ServerUrl) -> str:
    return f"{url.user}@{url.host}:{url.port}/{url.dbname}"


def forget() -> None:
    """Drop the passwords typed this run (tests; switching servers)."""
    _typed.clear()


def typed(url: ServerUrl, password: str) -> None:
    _typed[key(url)] = password


def known(url: ServerUrl) -> str | None:
    """The password to send: typed this run, else the credential store's; None lets libpq read pgpass."""
    return _typed.get(key(url)) or keyring_get(url)


# --- the system's credential store (optional; every failure there is soft) -------------------------------

def _keyring():
    try:
        import keyring
        from keyring.backends import fail
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            return None
        return keyring
    except Exception as e:  # noqa: BLE001 - not installed, no D-Bus, a broken backend: pgpass stays
        log.info("no system credential store: %s", e)
        return None


def keyring_available() -> bool:
    return _keyring() is not None


def keyring_get(url: ServerUrl) -> str | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        return kr.get_password(SERVICE, key(url)) or None
    except Exception as e:  # noqa: BLE001
        log.info("credential store could not be read: %s", e)
        return None


def keyring_set(url: ServerUrl, password: str) -> bool:
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(SERVICE, key(url), password)
        return True
    except Exception as e:  # noqa: BLE001
        log.info("credential store could not be written: %s", e)
        return False


# --- libpq's pgpass file ------------------------------------------------------------------------------------

def pgpass_path() -> Path:
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(":", "\\:")


def pgpass_line(url: ServerUrl, password: str) -> str:
    host = url.host or "localhost"
    return ":".join(_escape(x) for x in (host, str(url.port), url.dbname, url.user, password))


def _fields(line: str) -> list[str]:
    out, cur, i = [], "", 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line):
            cur += line[i + 1]
            i += 2
            continue
        if ch == ":" and len(out) < 4:
            out.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    return out + [cur]


def pgpass_lookup(url: ServerUrl) -> str | None:
    """The password libpq would take from the pgpass file for `url` (first matching line; * matches all)."""
    try:
        lines = pgpass_path().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    want = (url.host or "localhost", str(url.port), url.dbname, url.user)
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        f = _fields(line)
        if len(f) == 5 and all(a == "*" or a == b for a, b in zip(f[:4], want)):
            return f[4]
    return None


def pgpass_write(url: ServerUrl, password: str) -> Path:
    """Put (or replace) this login's line in the pgpass file, private to the clerk (0600)."""
    path = pgpass_path()
    prefix = pgpass_line(url, "")  # host:port:db:user: — the line to replace
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        lines = [ln for ln in lines if not ln.startswith(prefix)] + [pgpass_line(url, password)]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(tmp, path)
        if os.name == "posix":
            os.chmod(path, 0o600)  # libpq ignores a pgpass file others may read
    except OSError as e:
        from gwdesk.errors import os_error_text
        raise StorageError(f"无法把密码保存到“{path}”：{os_error_text(e)}。本次已连接，下次启动时会再询问密码。",
                           detail=str(e)) from e
    return path


def remember(url: ServerUrl, password: str) -> str:
    """记住密码: into the credential store when there is one, else the pgpass file. Says where, in Chinese."""
    if keyring_set(url, password):
        return "系统凭据管理器"
    return f"本机的 pgpass 文件“{pgpass_write(url, password)}”"


def how_to_supply(url: ServerUrl) -> str:
    """For a command without a terminal to ask in: how to give the password, plainly."""
    where = "系统凭据管理器，或" if keyring_available() else ""
    return (f"请在终端中运行以便输入密码，或把密码保存在{where}本机的 pgpass 文件“{pgpass_path()}”中，"
            f"一行：{pgpass_line(url, '密码')}（Linux 上该文件的权限须为 600）。")
