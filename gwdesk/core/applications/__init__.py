"""依申请公开台账: vocabulary shared by the ledger, due-date engine, aggregation and screens."""

from __future__ import annotations

CHANNELS = ["当面", "邮寄", "网络", "传真", "其他"]

# 第三十一条: what the receipt date is for each channel (shown next to the date field).
RECEIPT_RULES = {
    "当面": "当面提交的，以提交之日为收到申请之日",
    "邮寄": "以邮寄方式提交的，以行政机关签收之日为收到申请之日",
    "网络": "通过互联网渠道提交的，以双方确认之日为收到申请之日",
    "传真": "以传真方式提交的，以双方确认之日为收到申请之日",
    "其他": "以行政机关实际收到并确认之日为收到申请之日",
}

# Table 三's applicant columns, in order (the 7th column is 总计).
APPLICANT_TYPES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

ID_KINDS = ["居民身份证", "统一社会信用代码", "其他证件", ""]

DELIVERY = ["纸质文本", "电子邮件", "光盘", "自行领取", "邮寄", "其他"]

STEP_KINDS = ["补正", "征求第三方意见", "延期", "收费"]
FEE_METHODS = ["按件", "按量"]

# Table 三 outcome rows (3.1 … 3.6.3) with their exact labels.
OUTCOMES: dict[str, str] = {
    "3.1": "（一）予以公开",
    "3.2": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "3.3.1": "1.属于国家秘密",
    "3.3.2": "2.其他法律行政法规禁止公开",
    "3.3.3": "3.危及“三安全一稳定”",
    "3.3.4": "4.保护第三方合法权益",
    "3.3.5": "5.属于三类内部事务信息",
    "3.3.6": "6.属于四类过程性信息",
    "3.3.7": "7.属于行政执法案卷",
    "3.3.8": "8.属于行政查询事项",
    "3.4.1": "1.本机关不掌握相关政府信息",
    "3.4.2": "2.没有现成信息需要另行制作",
    "3.4.3": "3.补正后申请内容仍不明确",
    "3.5.1": "1.信访举报投诉类申请",
    "3.5.2": "2.重复申请",
    "3.5.3": "3.要求提供公开出版物",
    "3.5.4": "4.无正当理由大量反复申请",
    "3.5.5": "5.要求行政机关确认或重新出具已获取信息",
    "3.6.1": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "3.6.2": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.6.3": "3.其他",
}
OUTCOME_GROUPS = {"3.3": "（三）不予公开", "3.4": "（四）无法提供", "3.5": "（五）不予处理", "3.6": "（六）其他处理"}

# Row ids of table 三 in order, as in the annual-report data contract.
TABLE3_ROWS = ["1", "2", *OUTCOMES.keys(), "3.7", "4"]


def outcome_label(code: str | None, short: bool = False) -> str:
    """A readable label for an outcome row id, e.g. “（三）不予公开 · 4.保护第三方合法权益”."""
    if not code:
        return ""
    label = OUTCOMES.get(code, code)
    group = OUTCOME_GROUPS.get(code[:3]) if code.count(".") == 2 else None
    if short:
        label = label.split("（区分")[0].split("、行政机关")[0]
    return f"{group} · {label}" if group else label


def outcome_short(code: str | None) -> str:
    """A compact list label: “3.3.7 属于行政执法案卷”, “3.6.1 申请人无正当理由逾期不补正”."""
    if not code:
        return ""
    label = OUTCOMES.get(code, "").split("（区分")[0].split("、行政机关")[0]
    label = label.lstrip("0123456789.").lstrip("（一二三四五六七）")
    if label.startswith("（"):
        label = label.split("）", 1)[-1]
    return f"{code} {label}"


CASE_KINDS = ["复议", "未经复议直接起诉", "复议后起诉"]
CASE_KIND_KEYS = {"复议": "review", "未经复议直接起诉": "litigation_direct", "复议后起诉": "litigation_after_review"}
CASE_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结"]

REPLY_DAYS = 20        # 第三十三条
BUZHENG_NOTICE_DAYS = 7  # 第三十条
THIRD_PARTY_DAYS = 15  # 第三十二条
MAX_EXTENSION_DAYS = 20
PAYMENT_DAYS = 20      # 国办函〔2020〕109号, common provincial rule
