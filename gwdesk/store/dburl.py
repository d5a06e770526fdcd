"""Which database gwdesk works on: the data folder's SQLite file (the default) or a 单位共享数据库 on PostgreSQL.

The choice is, in order: `--db URL` for this run, the environment's `GWDESK_DB_URL`, the per-machine file
`database.json` in the config folder (`config_dir()`), else SQLite. It is never kept in a database. A URL reads
`postgresql://user@host[:port]/dbname`; the password is never part of it (store/credentials.py: asked at start,
the system's credential store, or the clerk's pgpass file).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from gwdesk.errors import GwdeskError

ENV = "GWDESK_DB_URL"
FILE = "database.json"
SCHEMES = ("postgresql", "postgres")

_override: str | None = None


class BadUrl(GwdeskError):
    """A database address gwdesk cannot use; the message says why, in Chinese."""


@dataclass(frozen=True)
class ServerUrl:
    user: str
    host: str
    port: int
    dbname: str

    def url(self) -> str:
        port = "" if self.port == 5432 else f":{self.port}"
        host = quote(self.host, safe="") if "/" in self.host else self.host
        return f"postgresql://{quote(self.user, safe='')}@{host}{port}/{quote(self.dbname, safe='')}"

    def label(self) -> str:
        """How the window and the messages name it."""
        return f"单位共享数据库 {self.dbname}（{self.user}@{self.host}:{self.port}）"

    def connect_params(self) -> dict:
        params = {"user": self.user, "dbname": self.dbname, "port": self.port,
                  "application_name": "gwdesk", "connect_timeout": 5}
        if self.host:
            params["host"] = self.host
        return params


def parse(text: str) -> ServerUrl:
    """`postgresql://user@host[:port]/dbname` checked part by part; BadUrl names what is wrong."""
    text = (text or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in SCHEMES:
        raise BadUrl(f"数据库地址“{text}”无法识别：应写成 postgresql://用户名@服务器[:端口]/数据库名。")
    if parts.password is not None:
        raise BadUrl("数据库地址中不能写密码（会被明文保存）。地址只写用户名：连接时 gwdesk 会询问密码，可选择记住"
                     "（保存在系统凭据管理器或本机的 pgpass 文件中：Windows 为 %APPDATA%\\postgresql\\pgpass.conf，"
                     "其他系统为 ~/.pgpass）。")
    if not parts.username:
        raise BadUrl(f"数据库地址“{text}”缺少用户名：应写成 postgresql://用户名@服务器[:端口]/数据库名。")
    try:
        port = parts.port or 5432
    except ValueError:
        raise BadUrl(f"数据库地址“{text}”中的端口不是 1–65535 之间的数字。") from None
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise BadUrl(f"数据库地址“{text}”缺少数据库名：应写成 postgresql://用户名@服务器[:端口]/数据库名。")
    if parts.query or parts.fragment:
        raise BadUrl(f"数据库地址“{text}”中不应有“?”或“#”之后的部分。")
    hostport = parts.netloc.rsplit("@", 1)[1]
    if parts.port is not None:
        hostport = hostport.rsplit(":", 1)[0]
    host = unquote(hostport).strip("[]")  # a socket folder may be written %2F…
    return ServerUrl(unquote(parts.username), host, port, dbname)


def config_dir() -> Path:
    """This computer's gwdesk settings (not the data folder, not the database)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Preferences"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "gwdesk"


def set_override(url: str | None) -> None:
    """`--db URL` for this run (checked now, so a typo stops at once); None forgets it."""
    global _override
    if url:
        parse(url)
    _override = url or None


def saved() -> str | None:
    """The URL kept in this computer's database.json, or None."""
    path = config_dir() / FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise BadUrl(f"本机的数据库设置文件“{path}”无法读取（{e}）。请删除它或在设置中重新选择数据存放位置。") from e
    url = data.get("url") if isinstance(data, dict) else None
    return url or None


def save(url: str | None) -> Path:
    """Keep `url` (None: back to the data folder's SQLite file) in this computer's database.json."""
    if url:
        url = parse(url).url()
    d = config_dir()
    d.mkdir(parents=True, exist_ok=True)
    path = d / FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"url": url}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path


def current() -> ServerUrl | None:
    """The server to work on this run, or None for the data folder's SQLite file."""
    url = _override or os.environ.get(ENV) or saved()
    return parse(url) if url else None
