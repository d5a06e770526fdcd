"""信息处理费 per 国办函〔2020〕109号: 按件 (cumulative per applicant per calendar month) or 按量, progressive."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Tier:
    first: int          # first unit (件 or 页) in this tier
    last: int | None    # last unit, None = open-ended
    rate: int           # 元 per unit
    units: int = 0      # units of the quote falling in this tier
    def subtotal(self) -> int:
        return self.rate * self.units

    def label(self, unit: str) -> str:
        span = f"第{self.first}{unit}起" if self.last is None else f"第{self.first}–{self.last}{unit}"
        price = "免费" if self.rate == 0 else f"{self.rate}元/{unit}"
        return f"{span}：{price}"


@dataclass
class Quote:
    method: str          # 按件 / 按量
    unit: str            # 件 / 页
    start: int           # units already counted before this quote (按件: earlier ones that month)
    count: int           # units charged in this quote
    tiers: list[Tier] = field(default_factory=list)  # only tiers this quote touches (the first SHOWN_TIERS)
    rest: tuple[str, int] | None = None  # the tiers after those, in one line: (text, subtotal)

    @property
    def amount(self) -> int:
        return sum(t.subtotal() for t in self.tiers) + (self.rest[1] if self.rest else 0)

    def lines(self) -> list[str]:
        out = []
        for t in self.tiers:
            out.append(f"{t.label(self.unit)} × {t.units}{self.unit} = {t.subtotal()}元")
        if self.rest:
            out.append(f"{self.rest[0]} = {self.rest[1]}元")
        return out


PAGE_TIERS = [(1, 30, 0), (31, 100, 10), (101, 200, 20), (201, None, 40)]


def item_rate(i: int) -> int:
    """Price of the i-th 件 an applicant asks for within one calendar month."""
    if i <= 10:
        return 0
    if i <= 30:
        return 100
    return 100 * (2 + (i - 31) // 10)  # 31–40: 200, 41–50: 300, …


def _item_tier(i: int) -> tuple[int, int, int]:
    if i <= 10:
        return 1, 10, 0
    if i <= 30:
        return 11, 30, 100
    first = 31 + (i - 31) // 10 * 10
    return first, first + 9, item_rate(i)


# bounds on what one quote may count: far beyond any real month or application, small enough to print
MAX_ITEMS = 100_000   # 件 one applicant in one calendar month
MAX_PAGES = 10_000_000  # 页 one application
SHOWN_TIERS = 8       # tiers printed one by one; the rest in one line


def items_total(n: int) -> int:
    """The fee of an applicant's 1st … n-th 件 of a month, in closed form (no loop over 件 or tiers)."""
    if n <= 10:
        return 0
    if n <= 30:
        return 100 * (n - 10)
    blocks, r = divmod(n - 30, 10)  # from the 31st: blocks of ten at 200, 300, 400 … 元
    return 2000 + 1000 * (2 * blocks + blocks * (blocks - 1) // 2) + r * 100 * (2 + blocks)


def by_items(count: int, already: int = 0) -> Quote:
    """Fee for `count` 件 when the same applicant already had `already` 件 this calendar month."""
    if count < 0 or already < 0:
        raise ValueError("件数不能为负数")
    if count + already > MAX_ITEMS:
        raise ValueError(f"件数过大：同一申请人一个月最多按{MAX_ITEMS}件计算")
    q = Quote("按件", "件", already, count)
    i = already + 1
    end = already + count
    while i <= end and len(q.tiers) < SHOWN_TIERS:
        first, last, rate = _item_tier(i)
        upto = min(last, end)
        q.tiers.append(Tier(first, last, rate, upto - i + 1))
        i = upto + 1
    if i <= end:
        q.rest = (f"第{i}–{end}件：{item_rate(i)}元/件起，每10件加100元，至{item_rate(end)}元/件 × {end - i + 1}件",
                  items_total(end) - items_total(i - 1))
    return q


def by_pages(pages: int) -> Quote:
    """Fee for one application's `pages` 页 (paper, e-mail or copied data)."""
    if pages < 0:
        raise ValueError("页数不能为负数")
    if pages > MAX_PAGES:
        raise ValueError(f"页数过大：一件申请最多按{MAX_PAGES}页计算")
    q = Quote("按量", "页", 0, pages)
    for first, last, rate in PAGE_TIERS:
        if pages < first:
            break
        upto = pages if last is None else min(last, pages)
        q.tiers.append(Tier(first, last, rate, upto - first + 1))
    return q
