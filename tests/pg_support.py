"""A throwaway PostgreSQL cluster for the test session: initdb + pg_ctl on a private socket in a temp folder.

initdb refuses to run as root (CI runs as root), so as root the server runs as the `postgres` user the
server package creates (or a user made here). The cluster listens on no TCP port: only its socket in the
temp folder. `tools/install.sh --test` installs the server; with CI=true a missing server fails the run,
elsewhere the PostgreSQL variants are skipped with the reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

PORT = 5432  # only names the socket file inside the private folder
SUPERUSER = "postgres"
RUN_AS_CANDIDATES = ("postgres", "gwdesk-pgtest")


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    env = os.environ.get("GWDESK_PG_BINDIR")
    if env and Path(env, "initdb").exists():
        return Path(env)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if Path(d, "initdb").exists() and Path(d, "pg_ctl").exists():
            return Path(d)
    return None


def missing_reason() -> str | None:
    if find_bindir() is None:
        return ("PostgreSQL 服务器程序（initdb、pg_ctl）未安装：共享数据库的测试已跳过"
                "（bash tools/install.sh --test 会安装 postgresql postgresql-contrib）")
    return None


def _run_as() -> list[str]:
    """The command prefix that runs the server as an unprivileged user (nothing when we are not root)."""
    if os.geteuid() != 0:
        return []
    import pwd
    for name in RUN_AS_CANDIDATES:
        try:
            pwd.getpwnam(name)
            return ["runuser", "-u", name, "--"]
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    RUN_AS_CANDIDATES[-1]], check=True, capture_output=True)
    return ["runuser", "-u", RUN_AS_CANDIDATES[-1], "--"]


class Cluster:
    """One running cluster; `url(dbname)` is a gwdesk database URL for it (host = the socket folder)."""

    def __init__(self, *, durable: bool = False) -> None:
        """`durable`: a server as an office runs it (fsync, synchronous commit: a committed save is on disk);
        the tests' default trades that for speed."""
        self.bindir = find_bindir()
        if self.bindir is None:
            raise RuntimeError(missing_reason())
        self.root = Path(tempfile.mkdtemp(prefix="gwdesk-pg-"))
        self.data = self.root / "data"
        self.socket = self.root
        prefix = _run_as()
        if prefix:
            user = prefix[2]
            shutil.chown(self.root, user=user)
            os.chmod(self.root, 0o700)
        self._prefix = prefix
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        env.pop("PGDATA", None)
        self._env = env
        self._sh([str(self.bindir / "initdb"), "-D", str(self.data), "--no-sync", "-A", "trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "-U", SUPERUSER])
        opts = f"-k {self.socket} -p {PORT} -c listen_addresses='' -c max_connections=60"
        if not durable:
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._sh([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", opts, "-w", "-t", "30", "start"])

    def _sh(self, cmd: list[str]) -> None:
        r = subprocess.run(self._prefix + cmd, env=self._env, capture_output=True, text=True, cwd=self.root)
        if r.returncode:
            log = ""
            if (self.root / "server.log").exists():
                log = (self.root / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(cmd)} failed: {r.stdout}\n{r.stderr}\n{log}")

    def url(self, dbname: str) -> str:
        from urllib.parse import quote
        return f"postgresql://{SUPERUSER}@{quote(str(self.socket), safe='')}:{PORT}/{dbname}"

    def admin(self):
        """An autocommit psycopg connection to the maintenance database."""
        import psycopg
        return psycopg.connect(host=str(self.socket), port=PORT, user=SUPERUSER, dbname="postgres",
                               autocommit=True)

    def create_database(self, name: str) -> str:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 STRATEGY file_copy')
        return self.url(name)

    def halt(self) -> None:
        """Shut the server down as an administrator would (sessions are ended), keeping its data and the options
        it ran with for `resume`."""
        import shlex
        r = subprocess.run(self._prefix + ["cat", str(self.data / "postmaster.opts")], capture_output=True,
                           text=True, check=True)
        args = shlex.split(r.stdout)[1:]  # the server program, then its options (-D DATA among them)
        i = args.index("-D")
        self._opts = " ".join(shlex.quote(a) for a in args[:i] + args[i + 2:])
        self._sh([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop"])

    def resume(self) -> None:
        """Start the server again after `halt`, with the same options."""
        self._sh([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", self._opts, "-w", "-t", "30", "start"])

    def add_password_login(self, name: str, password: str, method: str = "scram-sha-256") -> str:
        """A login that must give `password` (`method`: scram-sha-256 or md5) on this cluster's socket, while every
        other login stays trusted; its gwdesk URL (database `gwdesk_pw_<name>`, empty, owned by it)."""
        with self.admin() as conn:
            conn.execute(f"SET password_encryption = '{'md5' if method == 'md5' else 'scram-sha-256'}'")
            conn.execute(f'DROP DATABASE IF EXISTS "gwdesk_pw_{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')
            conn.execute(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'")
            conn.execute(f'CREATE DATABASE "gwdesk_pw_{name}" OWNER "{name}" TEMPLATE template0 STRATEGY file_copy')
        hba = self.data / "pg_hba.conf"
        line = f"local all {name} {method}\n"
        r = subprocess.run(self._prefix + ["cat", str(hba)], capture_output=True, text=True, check=True)
        if line not in r.stdout:
            subprocess.run(self._prefix + ["sh", "-c", f"cat > '{hba}'"], input=line + r.stdout, text=True,
                           check=True, capture_output=True)
            self._sh([str(self.bindir / "pg_ctl"), "-D", str(self.data), "reload"])
            time.sleep(0.3)
        from urllib.parse import quote
        return f"postgresql://{name}@{quote(str(self.socket), safe='')}:{PORT}/gwdesk_pw_{name}"

    def stop(self) -> None:
        try:
            subprocess.run(self._prefix + [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                           "-w", "stop"], env=self._env, capture_output=True, timeout=30)
        finally:
            for _ in range(3):
                shutil.rmtree(self.root, ignore_errors=True)
                if not self.root.exists():
                    break
                time.sleep(0.2)
