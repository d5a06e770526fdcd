"""ID checks, fee tiers and masking for the 依申请公开 ledger."""

import pytest

from gwdesk.core.applications import fees, ids, masking


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014", "11010519491231002x"])
def test_valid_id_cards(number):
    assert ids.check_id_card(number) is None


@pytest.mark.parametrize("number,fragment", [
    ("110105194912310021", "校验位"),       # check digit should be X
    ("11010519491231002", "18位"),
    ("11010519490231002X", "出生日期"),     # 1949-02-31 does not exist
    ("1101051949123100AX", "前17位"),
])
def test_bad_id_cards(number, fragment):
    assert fragment in ids.check_id_card(number)


@pytest.mark.parametrize("code", ["91440300708461136T", "91330100799655058B", "914403001922038216"])
def test_valid_credit_codes(code):
    assert ids.check_uscc(code) is None


@pytest.mark.parametrize("code,fragment", [
    ("91440300708461136A", "校验位"),
    ("9144030070846113", "18位"),
    ("91440300708461I36T", "不允许的字符"),
])
def test_bad_credit_codes(code, fragment):
    assert fragment in ids.check_uscc(code)


def test_check_by_kind_ignores_other_documents():
    assert ids.check("其他证件", "E12345678") is None
    assert ids.check("居民身份证", "") is None
    assert ids.check("居民身份证", "123") is not None


@pytest.mark.parametrize("n,amount", [
    (0, 0), (1, 0), (10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300), (50, 7000),
    (51, 7400), (60, 11000), (61, 11500),
])
def test_fee_by_items_every_boundary(n, amount):
    assert fees.by_items(n).amount == amount


def test_item_rates():
    assert [fees.item_rate(i) for i in (10, 11, 30, 31, 40, 41, 50, 51)] == [0, 100, 100, 200, 200, 300, 300, 400]


def test_fee_by_items_continues_the_month():
    q = fees.by_items(3, already=29)  # the applicant's 30th, 31st, 32nd 件 this month
    assert q.amount == 100 + 200 + 200
    assert [(t.first, t.last, t.rate, t.units) for t in q.tiers] == [(11, 30, 100, 1), (31, 40, 200, 2)]
    assert q.lines() == ["第11–30件：100元/件 × 1件 = 100元", "第31–40件：200元/件 × 2件 = 400元"]


@pytest.mark.parametrize("pages,amount", [
    (0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700),
])
def test_fee_by_pages_every_boundary(pages, amount):
    assert fees.by_pages(pages).amount == amount


def test_fee_by_pages_lines():
    assert fees.by_pages(250).lines() == [
        "第1–30页：免费 × 30页 = 0元", "第31–100页：10元/页 × 70页 = 700元",
        "第101–200页：20元/页 × 100页 = 2000元", "第201页起：40元/页 × 50页 = 2000元"]


def test_negative_counts_rejected():
    with pytest.raises(ValueError):
        fees.by_pages(-1)


def test_masking():
    assert masking.mask_name("张小三") == "张*三"
    assert masking.mask_name("张三") == "张*"
    assert masking.mask_name("欧阳小明") == "欧**明"
    assert masking.mask_id("110105194912311234") == "110***********1234"
    assert masking.mask_contact("13812345678") == "138****5678"
    assert masking.mask_contact("0839-7202315") == "083*-***2315"
    assert masking.mask_contact("zhangsan@example.com") == "z***@example.com"
    assert masking.applicant_display("张小三", "自然人") == "张*三"
    assert masking.applicant_display("张小三", "自然人", reveal=True) == "张小三"
    assert masking.applicant_display("四川某律师事务所", "法律服务机构") == "四川某律师事务所"
