"""tools/slim_icu.py: the bundle's smaller ICU data answers Qt Core's ICU calls as the full data does (zh, en)."""

from __future__ import annotations

from locations import ROOT

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = ROOT
spec = importlib.util.spec_from_file_location("slim_icu", ROOT / "tools" / "slim_icu.py")
slim_icu = importlib.util.module_from_spec(spec)
spec.loader.exec_module(slim_icu)


def _qt_icudata() -> Path | None:
    import PySide6
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


ICUDATA = _qt_icudata() if sys.platform.startswith("linux") else None
needs_icu = pytest.mark.skipif(ICUDATA is None or not (shutil.which("as") and shutil.which("ld")),
                               reason="PySide6 ships ICU on Linux only; building the library needs binutils")


def test_what_stays_and_what_goes():
    for kept in ("coll/zh.res", "coll/zh_Hant.res", "coll/root.res", "coll/ucadata.icu", "coll/pool.res",
                 "zh_Hans_CN.res", "en_US_POSIX.res", "root.res", "pool.res", "res_index.res", "zoneinfo64.res",
                 "metaZones.res", "likelySubtags.res", "zone/zh.res", "zone/en_GB.res", "gb18030.cnv",
                 "ibm-1047_P100-1995.cnv", "cnvalias.icu", "uprops.icu", "ucase.icu", "nfc.nrm"):
        assert slim_icu.keep_item(kept), kept
    for dropped in ("coll/sv.res", "coll/de_.res", "de.res", "ja_JP.res", "zone/fr.res", "brkitr/cjdict.dict",
                    "curr/zh.res", "lang/zh.res", "region/zh.res", "unit/zh.res", "translit/root.res",
                    "rbnf/zh.res", "rfc3491.spp", "confusables.cfu"):
        assert not slim_icu.keep_item(dropped), dropped


@needs_icu
def test_the_common_data_is_rewritten_byte_for_byte():
    raw = ICUDATA.read_bytes()
    _, offset, size = slim_icu._elf_symbol(raw, re.compile(r"icudt\d+_dat"))
    blob = raw[offset:offset + size]
    header, items = slim_icu.read_common_data(blob)
    assert len(items) > 3000
    assert slim_icu.write_common_data(header, items) == blob  # the writer lays the data out as ICU's icupkg did


@pytest.mark.slow  # reads every Qt library's symbols: CI's robustness stage, which also builds the bundle
@needs_icu
def test_qt_calls_only_the_icu_services_the_cut_keeps():
    """slim_icu keeps data for converters, collation, time zones and case mapping because Qt Core calls nothing
    else; a Qt that starts calling more (break iterators, date formats…) fails here until the cut is reviewed."""
    used = set()
    for lib in ICUDATA.parent.glob("libQt6*.so.6"):
        out = subprocess.run(["nm", "-D", "--undefined-only", str(lib)], capture_output=True, text=True,
                             check=True).stdout
        used |= {m.group(1) for m in re.finditer(r"\b(\w+?)_\d{2,3}$", out, re.M)}
    assert used, "Qt links ICU with versioned symbols"
    allowed = re.compile(r"(ucnv_|UCNV_|ucol_|ucal_|u_strTo(Upper|Lower)$)")
    assert sorted(n for n in used if not allowed.match(n)) == []


def _probe(env_extra: dict) -> dict:
    env = dict(os.environ, **env_extra)
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "icu_probe.py")], capture_output=True, env=env,
                          timeout=120, check=True)
    return json.loads(done.stdout)


@pytest.mark.slow  # two fresh interpreters with Qt: CI's robustness stage, which also builds the bundle
@needs_icu
def test_qt_answers_the_same_for_chinese_and_english(tmp_path):
    lib = tmp_path / ICUDATA.name
    before, after = slim_icu.slim(ICUDATA, lib)
    assert after < before / 3
    full = _probe({})
    # the smaller library has the same soname: preloaded, it is the one Qt's libicuuc binds to
    slim = _probe({"LD_PRELOAD": str(lib)})
    assert full.keys() == slim.keys()
    kept = [k for k in full if not re.search(r"(sv_SE|tr_TR|de_DE)$", k)]
    assert [k for k in kept if full[k] != slim[k]] == []
    assert full["sort zh_CN"][2:6] == ["阿", "啊", "陈静", "重庆"]  # pinyin, ICU's zh tailoring
    assert full["codec GB18030"][3].startswith("政务公开办公桌")
    # what went is really gone (so the preload took effect): other languages fall back to root/English
    assert full["sort sv_SE"] != slim["sort sv_SE"]
    assert full["zone Europe/Berlin de_DE"][1] == "Mitteleuropäische Normalzeit"
    assert slim["zone Europe/Berlin de_DE"][1] == "Central European Standard Time"
