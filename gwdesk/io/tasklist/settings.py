"""The reader's thresholds, in one place (as pdfplumber's TableSettings): every share and size a rule weighs.

    from gwdesk.io.tasklist.settings import SETTINGS
    SETTINGS.header_scan_rows        # how far down a header is looked for

A threshold changed here is changed for every stage that uses it; each field says what it decides.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReaderSettings:
    header_scan_rows: int = 25  # rows searched for the header row (title rows, notices above it)
    header_min_score: int = 2  # a header row names more than this many fields (task/measure count double)
    sample_rows: int = 300  # body rows a column's kind is judged on
    addressee_sample_rows: int = 200  # body rows a unit column is read on to tell 科室 from outside units
    seq_share: float = 0.8  # a column whose cells are bare numbers this often is 序号
    deadline_share: float = 0.6  # … deadlines this often is 完成时限
    deadline_cell_max: int = 25  # a deadline cell is at most this long
    unit_share: float = 0.6  # … lists of units this often is a unit column
    unit_cell_max_avg: int = 40  # a unit column's cells average at most this many characters
    long_text_avg: int = 30  # a column averaging more is long text (主要内容), less short (工作任务)
    internal_share: float = 0.7  # a unit column naming 科室 this often: the list is the unit's own
    year_agreement: float = 0.6  # the 完成时限 cells' year is the list's when this share agree
    content_guess_confidence: float = 0.5  # a field guessed from contents alone (no header word)
    unsure_confidence: float = 0.6  # a header word whose contents do not fit it
    flagged_confidence: float = 0.7  # a column the reader changed for a rule the clerk should check


SETTINGS = ReaderSettings()
