"""Issue 26.7: `calc fee` bounds every count and computes the fee in closed form (a 21-digit --items once grew
to 24 GB); long quotes print a bounded number of lines."""

import random

import pytest

from gwdesk import cli
from gwdesk.core.applications import fees


def _by_rate(already: int, count: int) -> int:
    return sum(fees.item_rate(i) for i in range(already + 1, already + count + 1))


def test_closed_form_equals_the_sum_of_rates():
    for n in range(0, 700):
        assert fees.items_total(n) == _by_rate(0, n), n
    rng = random.Random(26)
    for _ in range(200):
        already, count = rng.randrange(0, 3000), rng.randrange(0, 3000)
        q = fees.by_items(count, already=already)
        assert q.amount == _by_rate(already, count)
        assert len(q.lines()) <= fees.SHOWN_TIERS + 1


@pytest.mark.parametrize("argv,word", [
    (["--items", "999999999999999999999"], "件数过大"),
    (["--items", "60000", "--already", "60000"], "件数过大"),
    (["--pages", "999999999999999999999"], "页数过大"),
])
def test_huge_counts_are_refused_at_once(argv, word, capsys):
    assert cli.main(["calc", "fee", *argv]) == 2
    assert word in capsys.readouterr().err


def test_the_largest_month_prints_in_a_few_lines(capsys):
    assert cli.main(["calc", "fee", "--items", str(fees.MAX_ITEMS)]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) <= fees.SHOWN_TIERS + 3
    assert f"合计：{fees.items_total(fees.MAX_ITEMS)}元" in out and "每10件加100元" in out
    with pytest.raises(ValueError, match="件数过大"):
        fees.by_items(fees.MAX_ITEMS + 1)
