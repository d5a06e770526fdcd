"""How the unit's progress is worded wherever it is told (the 任务完成情况报告, the office's own table filled back):
numbering stripped, a 进展 note dated once, 佐证 named by what it is, never by a file code.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

# numbering the issuer's sheet may already carry: "一、" "（二）" "3." "(4)"
_NUMBERING = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．]|"
                        r"\d+\s*[、.．)）](?!\d))\s*")
END_PUNCT = "。；;，,、：: \u3000\n"


def bare(text: str) -> str:
    """Text without the numbering it came with and without closing punctuation, ready to be numbered and
    punctuated once (no "（一）(一)…。。")."""
    text = _NUMBERING.sub("", text.strip())
    return text.rstrip(END_PUNCT)


# a note that already says when (“11月20日召开…”, “2021年6月…”, “于6月…”) is not dated again
_DATED = re.compile(r"^\s*(?:于|在|已于|截至)?\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月")


def note_text(day: dt.date, text: str) -> str:
    """A progress note as the report says it: dated once, by the clerk's own words when they carry a date."""
    text = bare(text)
    return text if _DATED.match(text) else f"{day.month}月{day.day}日，{text}"


# evidence named by what it is: a file by its kind (a name that says something, in Chinese, is kept)
_FILE_KINDS = [("照片", "张", (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".heic", ".tif", ".tiff")),
               ("表格", "份", (".xls", ".xlsx", ".et", ".csv")),
               ("视频", "段", (".mp4", ".avi", ".mov", ".wmv")),
               ("文件", "份", ())]
_CN_NUM_SMALL = "零一两三四五六七八九十"


def _count_word(n: int, unit: str) -> str:
    return f"{_CN_NUM_SMALL[n]}{unit}" if n <= 10 else f"{n}{unit}"


def evidence_text(evidence: list[str]) -> str:
    """“相关信息已在网站公开，留存会议纪要、照片3张等佐证材料”: links counted, files by name or kind, no file codes."""
    if not evidence:
        return ""
    links = [e for e in evidence if re.match(r"https?://", e)]
    named: list[str] = []
    counts: dict[tuple[str, str], int] = {}
    for e in evidence:
        if e in links:
            continue
        stem, suffix = Path(e).stem, Path(e).suffix.lower()
        kind = next(k for k in _FILE_KINDS if suffix in k[2] or not k[2])
        words = re.sub(r"[\s_\-.\d]+", "", stem)
        if kind[0] == "文件" and len(re.findall(r"[\u4e00-\u9fff]", words)) >= 2 and len(named) < 2:
            named.append(f"《{stem.strip()}》" if re.search(r"关于|通知|办法|方案|意见|规定|规划|报告|细则", stem)
                         else stem.strip())
            continue
        counts[kind[:2]] = counts.get(kind[:2], 0) + 1
    parts = []
    if links:
        parts.append("相关信息已在网站公开" + (f"（{_count_word(len(links), '个')}网页）" if len(links) > 1 else ""))
    kept = named + [f"{k}{_count_word(n, u)}" for (k, u), n in counts.items()]
    if kept:
        parts.append("留存" + "、".join(kept) + "等佐证材料")
    return "，".join(parts)
