"""The password of a 单位共享数据库 login (store/credentials.py), against a real cluster whose login must give one
(scram-sha-256, or md5): asked when the server wants it and again when it refuses it, remembered on request in the
system's credential store or else the pgpass file, never in database.json; a command without a terminal says how
to give it; a database that is not there is not mistaken for a wrong password."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from gwdesk import cli
from gwdesk.errors import StorageError
from gwdesk.store import credentials, dburl
from gwdesk.store.db import open_store

PASSWORD = "秘密:Pa\\ss-123"  # a colon and a backslash: the pgpass line escapes both


class Asker:
    """Answers the password questions in turn, recording each (problem)."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.asked: list[str] = []

    def __call__(self, url, problem, said):
        self.asked.append(problem)
        return self.answers.pop(0) if self.answers else None


@pytest.fixture
def pw_url(pg_cluster, data_dir):
    url = pg_cluster.add_password_login("clerk_pw", PASSWORD)
    yield url
    credentials.set_asker(None)
    credentials.forget()


def _tables(pg_cluster, dbname: str) -> int:
    import psycopg
    with psycopg.connect(host=str(pg_cluster.socket), port=5432, user="postgres", dbname=dbname) as conn:
        return conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                            ).fetchone()[0]


def test_without_a_password_nothing_opens_and_the_message_says_how_to_give_it(pw_url, pg_cluster):
    with pytest.raises(StorageError) as e:
        open_store(dburl.parse(pw_url))
    assert "需要密码" in e.value.message and "pgpass" in e.value.message
    assert str(credentials.pgpass_path()) in e.value.message
    assert _tables(pg_cluster, "gwdesk_pw_clerk_pw") == 0  # nothing built


def test_asked_again_when_wrong_then_remembered_in_pgpass_never_in_database_json(pw_url):
    asker = Asker(credentials.Answer("猜错了"), credentials.Answer(PASSWORD, remember=True))
    credentials.set_asker(asker)
    dburl.save(pw_url)  # this computer's setting, as 设置 → 数据存放 writes it
    s = open_store(dburl.parse(pw_url))
    s.close()
    assert asker.asked == [credentials.NEEDED, credentials.WRONG]
    pgpass = credentials.pgpass_path()
    assert credentials.pgpass_lookup(dburl.parse(pw_url)) == PASSWORD
    if os.name == "posix":
        assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    assert PASSWORD not in (dburl.config_dir() / dburl.FILE).read_text(encoding="utf-8")
    credentials.forget()
    credentials.set_asker(Asker())  # next start: libpq reads the pgpass file, nobody is asked
    s = open_store(dburl.parse(pw_url))
    s.close()
    assert credentials.asker().asked == []


def test_the_listening_connection_uses_the_password_typed_at_start(pw_url):
    from gwdesk.store import changes
    credentials.set_asker(Asker(credentials.Answer(PASSWORD)))  # typed, not remembered
    s = open_store(dburl.parse(pw_url))
    try:
        listener = changes.Listener(dburl.parse(pw_url))  # colleagues' changes reach this window too
        listener.close()
    finally:
        s.close()
    assert credentials.asker().asked == [credentials.NEEDED] and not credentials.pgpass_path().exists()


def test_a_stale_password_in_pgpass_is_asked_as_wrong_and_replaced(pw_url):
    url = dburl.parse(pw_url)
    credentials.pgpass_write(url, "上个月的密码")
    credentials.set_asker(Asker(credentials.Answer(PASSWORD, remember=True)))
    open_store(url).close()
    assert credentials.asker().asked == [credentials.WRONG]
    lines = credentials.pgpass_path().read_text(encoding="utf-8").splitlines()
    assert lines == [credentials.pgpass_line(url, PASSWORD)]


def test_the_system_credential_store_is_used_when_there_is_one(pw_url, monkeypatch):
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1
        kept: dict = {}

        def get_password(self, service, username):
            return self.kept.get((service, username))

        def set_password(self, service, username, password):
            self.kept[(service, username)] = password

        def delete_password(self, service, username):
            self.kept.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        assert credentials.keyring_available()
        credentials.set_asker(Asker(credentials.Answer(PASSWORD, remember=True)))
        open_store(dburl.parse(pw_url)).close()
        assert Memory.kept == {("gwdesk", credentials.key(dburl.parse(pw_url))): PASSWORD}
        assert not credentials.pgpass_path().exists()
        credentials.forget()
        credentials.set_asker(Asker())
        open_store(dburl.parse(pw_url)).close()  # from the credential store, nobody asked
        assert credentials.asker().asked == []
    finally:
        keyring.set_keyring(previous)


def test_a_broken_credential_store_fails_soft(monkeypatch, pw_url):
    keyring = pytest.importorskip("keyring")

    def broken(*a, **k):
        raise RuntimeError("D-Bus is not running")
    monkeypatch.setattr(keyring, "get_keyring", broken)
    assert not credentials.keyring_available() and credentials.keyring_get(dburl.parse(pw_url)) is None
    credentials.set_asker(Asker(credentials.Answer(PASSWORD, remember=True)))
    open_store(dburl.parse(pw_url)).close()
    assert credentials.pgpass_lookup(dburl.parse(pw_url)) == PASSWORD  # the pgpass file instead


def test_cancelling_the_question_opens_nothing(pw_url):
    credentials.set_asker(Asker(None))
    with pytest.raises(StorageError, match="未输入密码"):
        open_store(dburl.parse(pw_url))


def test_a_database_that_is_not_there_is_not_called_a_wrong_password(pw_url):
    url = dburl.parse(pw_url)
    missing = dburl.ServerUrl(url.user, url.host, url.port, "no_such_db")
    credentials.pgpass_write(missing, PASSWORD)  # the right password, a database IT has not made yet
    credentials.set_asker(Asker())
    with pytest.raises(StorageError, match="无法连接") as e:
        open_store(missing)
    assert credentials.asker().asked == [] and "密码" not in e.value.message


def test_md5_logins_are_asked_the_same_way(pg_cluster, data_dir):
    url = pg_cluster.add_password_login("clerk_md5", PASSWORD, method="md5")
    try:
        credentials.set_asker(Asker(credentials.Answer("错"), credentials.Answer(PASSWORD)))
        open_store(dburl.parse(url)).close()
        assert credentials.asker().asked == [credentials.NEEDED, credentials.WRONG]
    finally:
        credentials.set_asker(None)
        credentials.forget()


def test_a_command_without_a_terminal_says_how_to_give_the_password(pw_url, capsys):
    assert cli.main(["--db", pw_url, "users"]) == 2
    err = capsys.readouterr().err
    assert "需要密码" in err and "pgpass" in err and "终端" in err


def test_a_command_on_a_terminal_asks_without_echo_and_remembers(pw_url, data_dir):
    """`gwdesk --db URL users` on a real terminal (a pseudo-terminal): getpass asks, 记住密码 writes pgpass."""
    import pty
    import select
    import time
    pid, fd = pty.fork()
    if pid == 0:  # the child: this checkout's gwdesk with the pty as its terminal
        from locations import ROOT
        os.execve(sys.executable, [sys.executable, "-c", "import sys; from gwdesk.cli import main; sys.exit(main())",
                                   "--db", pw_url, "users"], dict(os.environ, PYTHONPATH=str(ROOT)))
    out = b""

    def read_until(marker: str, timeout: float = 60) -> None:
        nonlocal out
        end = time.monotonic() + timeout
        while marker.encode() not in out and time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.5)
            if r:
                try:
                    out += os.read(fd, 4096)
                except OSError:
                    break
    read_until("的密码：")
    os.write(fd, PASSWORD.encode() + b"\n")
    read_until("[y/N]")
    os.write(fd, b"y\n")
    read_until("← 您")
    _, status = os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "用户“clerk_pw”的密码：" in text and PASSWORD not in text  # typed, not echoed
    assert "clerk_pw" in text.split("[y/N]")[-1] and "管理员" in text
    assert credentials.pgpass_lookup(dburl.parse(pw_url)) == PASSWORD
