"""Shared fixtures: offscreen Qt, a fresh data dir and store per test, a pinned date, no modal dialogs."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _memory_temp_root() -> str | None:
    """Linux's in-memory folder (/dev/shm, a tmpfs) when it has room for a run's temporary files, else None.

    The program commits with `synchronous=FULL` and fsyncs every backup: on a disk each commit waits ~2 ms for
    it, and a run makes tens of thousands (the store-heavy tests ran 30 % quicker in memory). On a tmpfs the same
    calls run, byte for byte, and return at once. GWDESK_TEST_TMP=disk keeps the system's own folder."""
    if os.environ.get("GWDESK_TEST_TMP", "memory") != "memory" or not sys.platform.startswith("linux"):
        return None
    root = "/dev/shm"
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            if not any(line.split()[1:3] == [root, "tmpfs"] for line in mounts if len(line.split()) > 2):
                return None
        st = os.statvfs(root)
    except OSError:
        return None
    # a run holds up to ~1 GB there while it lasts (a passed test's folder goes at its end): used only with room
    # to spare, in the folder and in memory (a container's 64 MB /dev/shm is not used)
    room = min(st.f_bavail * st.f_frsize, _available_memory())
    if room < 6 * 2**30 or not os.access(root, os.W_OK | os.X_OK):
        return None
    return root


def _available_memory() -> int:
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


if not os.environ.get("TMPDIR"):  # one set already (by the developer, or for an xdist worker by the run) stays
    _tmp_root = _memory_temp_root()
    if _tmp_root:
        import tempfile
        os.environ["TMPDIR"] = _tmp_root  # pytest's tmp_path, tempfile in the program and in the commands it starts
        tempfile.tempdir = None

# Keep compiled test modules (pytest's assertion rewriting of ~170 files takes several seconds in each worker) and
# gwdesk's own, even where PYTHONDONTWRITEBYTECODE is set: the next run reads them (they land in the repo's
# __pycache__ folders, which git ignores).
sys.dont_write_bytecode = False

# tests/ mirrors gwdesk/ in folders; a test may share helpers with another folder's (`from test_fillback import …`),
# and the support modules live here: every test folder is importable, whichever file pytest is given
_TESTS = Path(__file__).resolve().parent
for _d in [_TESTS, *sorted(p for p in _TESTS.rglob("*") if p.is_dir() and "fixtures" not in p.relative_to(_TESTS).parts
                         and p.name != "__pycache__")]:
    if str(_d) not in sys.path:
        sys.path.append(str(_d))

import pytest

from gwdesk import paths

import demo_cache
from gwdesk.core import demo as _demo



def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pyproject.toml): one worker more than the processor has cores. About a fifth of the run waits
    (a window's timers, the commands and servers a test starts, their answers), and the extra worker runs tests
    meanwhile: on two cores two workers kept them 167 % busy, three 178 %. xdist's own setting
    (PYTEST_XDIST_AUTO_NUM_WORKERS) and `-n logical` are left to xdist."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") or config.option.numprocesses == "logical":
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1


def pytest_configure(config):
    """One folder of built databases for the whole run, made before the xdist workers start (they inherit it)."""
    if not hasattr(config, "workerinput") and not os.environ.get(demo_cache.SHARED_ENV):
        import tempfile
        folder = tempfile.mkdtemp(prefix="gwdesk-test-builds-")
        os.environ[demo_cache.SHARED_ENV] = folder
        config._gwdesk_builds = folder


def pytest_unconfigure(config):
    folder = getattr(config, "_gwdesk_builds", None)
    if folder:
        import shutil
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(demo_cache.SHARED_ENV, None)


if os.environ.get("GWDESK_DEMO_CACHE", "1") != "0":  # GWDESK_DEMO_CACHE=0: always the real loader
    demo_cache.install(_demo)  # the demo ledgers are built once per starting point and copied after (demo_cache.py)

TODAY = dt.date(2026, 11, 20)  # a Friday; tests that depend on "today" use ctx.today


@pytest.fixture(autouse=True)
def _hermetic(tmp_path_factory, monkeypatch):
    """Every test gets its own HOME, XDG folders and gwdesk data folder: none touches the developer's own."""
    root = tmp_path_factory.mktemp("home")
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                     ("XDG_CACHE_HOME", ".cache"), ("APPDATA", "AppData/Roaming")):
        d = root / sub
        d.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(d))
    monkeypatch.setenv("GWDESK_DATA_DIR", str(root / "gwdesk-data"))
    monkeypatch.delenv("GWDESK_DB_URL", raising=False)  # the data folder's SQLite file unless a test says
    paths.set_data_dir(None)
    from gwdesk.store import dburl
    dburl.set_override(None)
    yield
    paths.set_data_dir(None)
    dburl.set_override(None)
    from gwdesk.store import credentials
    credentials.set_asker(None)  # a window a test opened on a server asks in its 密码 dialog: not the next test
    credentials.forget()


class _WarningRecords(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def _fail_on_unexpected_log_warnings(request):
    """A warning or error the program logs and the test did not expect fails the test (as qutebrowser's logfail).

    What the clerk is told (`gwdesk.alerts`) is asserted through `alerts_log` instead. A test that provokes
    a logged warning on purpose says so with `@pytest.mark.allow_log_warnings` (and should assert it, with caplog)."""
    handler = _WarningRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    yield
    root.removeHandler(handler)
    if request.node.get_closest_marker("allow_log_warnings"):
        return
    unexpected = [r for r in handler.records if not r.name.startswith("gwdesk.alerts")]
    if unexpected:
        lines = "\n".join(f"  {r.levelname} {r.name}: {r.getMessage()[:300]}" for r in unexpected[:5])
        pytest.fail(f"unexpected warnings were logged:\n{lines}", pytrace=False)


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the run: fail the test loudly instead."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self, *args, **kwargs):
        raise AssertionError(f"a modal dialog would block the test: {type(self).__name__} "
                             f"{getattr(self, 'windowTitle', lambda: '')()!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    d.mkdir()
    monkeypatch.setenv("GWDESK_DATA_DIR", str(d))
    paths.set_data_dir(d)
    yield d
    paths.set_data_dir(None)


def pytest_generate_tests(metafunc):
    """A module marked `both_engines` runs each of its store tests on SQLite and on PostgreSQL."""
    both = metafunc.definition.get_closest_marker("both_engines")
    if both and "engine" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")  # a test of SQLite's own machinery
        # both_engines("slow"): the PostgreSQL variants of a long module run in CI's robustness stage (-m slow),
        # keeping the everyday run short; their SQLite variants stay in it
        pg = pytest.param("postgresql", marks=pytest.mark.slow) if "slow" in both.args else "postgresql"
        metafunc.parametrize("engine", ["sqlite"] if only else ["sqlite", pg], indirect=True)


def _need_postgresql() -> None:
    import pg_support
    reason = pg_support.missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI 必须运行共享数据库测试：" + reason)
        pytest.skip(reason)


@pytest.fixture
def engine(request):
    """The database engine of the `store` fixture: sqlite unless the module is marked `both_engines`."""
    name = getattr(request, "param", "sqlite")
    if name == "postgresql":
        _need_postgresql()
    return name


@pytest.fixture(scope="session")
def pg_cluster():
    """The session's own PostgreSQL cluster (tests/pg_support.py), stopped and removed at the end."""
    _need_postgresql()
    import pg_support
    cluster = pg_support.Cluster()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster, request):
    """A fresh, empty database on the cluster (for tests of the runner itself); its URL text."""
    import re
    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[-40:]
    return pg_cluster.create_database(name)


@pytest.fixture(scope="session")
def _pg_shared(pg_cluster):
    """One migrated database per session; each test empties it (TRUNCATE is ~30 ms, CREATE DATABASE is not)."""
    from gwdesk.store import dburl, server
    url = dburl.parse(pg_cluster.create_database("gwdesk_test"))
    database = server.connect(url)
    database.connect()
    server.migrate(database)
    tables = [t for t in database.get_tables() if t != "gwdesk_meta"]
    database.close()
    return url, tables


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory):
    """An empty database migrated to the latest schema once per test process: each test starts from a copy of it
    (the same file a first start makes, without running the migration chain a thousand times)."""
    from gwdesk.store.db import open_store
    folder = tmp_path_factory.mktemp("template")
    s = open_store(folder / "gwdesk.db", backup_dir=folder / "backups")
    s.close()
    return folder / "gwdesk.db"


@pytest.fixture
def store(engine, data_dir, request):
    from gwdesk.store.db import open_store
    if engine == "postgresql":
        url, tables = request.getfixturevalue("_pg_shared")
        database = __import__("gwdesk.store.server", fromlist=["connect"]).connect(url)
        database.connect()
        database.execute_sql("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE")
        database.close()
        s = open_store(url)
        from gwdesk.store import dburl
        dburl.set_override(url.url())  # a command the test runs works on the same server (reset by _hermetic)
    else:
        import shutil
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), paths.db_path())
        s = open_store(paths.db_path(), backup_dir=paths.backup_dir())
    yield s
    s.close()


@pytest.fixture
def ctx(store, data_dir):
    from gwdesk.context import AppContext
    return AppContext(store=store, data_dir=data_dir, today=lambda: TODAY)


@pytest.fixture
def profile(ctx):
    from gwdesk.core import demo, units
    units.save(demo.DEMO_PROFILE)
    return units.load()


@pytest.fixture
def lp_profile(ctx):
    """The unit the seed 梁平区 list (fixtures/tasks/lp2021.xlsx) is addressed to: the demo unit's 梁平区 twin.
    Under the demo unit 青川县民政局 that list's “区民政局” is another place's bureau (可能涉及, issue 22)."""
    import dataclasses

    from gwdesk.core import demo, units
    units.save(dataclasses.replace(demo.DEMO_PROFILE, name="梁平区民政局", supervisor="梁平区人民政府办公室",
                                   aliases=["区民政局", "梁平区民政局（区老龄办）"]))
    return units.load()


@pytest.fixture
def alerts_log():
    """Answer every alert with `answer` (default True) and record it instead of showing a dialog."""
    from gwdesk.ui.common import alerts
    state = {"answer": True}
    alerts.history.clear()
    alerts.responder = lambda kind, title, text: state["answer"]
    yield alerts.history
    alerts.responder = None
    alerts.history.clear()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Checks that print through LibreOffice (DOCX/XLSX → PDF, a second or more each) run in CI's slow stage with
    the other long checks (`.ci/run` installs LibreOffice for it), not in the everyday run."""
    for item in items:
        if any("LibreOffice" in str(m.kwargs.get("reason", "")) for m in item.iter_markers("skipif")):
            item.add_marker(pytest.mark.slow)
