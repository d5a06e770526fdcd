"""Demo opinion forms for 青川县民政局 (invented, realistic), spread over every status.

Dates are counted back from ctx.today(), so the demo looks current whenever it is loaded; forms go
through the real status machine, so their history is as the app would have written it.
"""

from __future__ import annotations

import datetime as dt

from gwdesk.core import formdef
from gwdesk.core.review import forms, workflow

_CHECKS = ["合法性：内容符合法律、法规、规章和政策规定", "保密审查：不涉及国家秘密和工作秘密", "涉及的个人隐私已去标识化（或不涉及）",
           "不涉及商业秘密（或已取得权利人同意）", "内容表述准确", "公开时机适当"]
_SYNC = ["解读材料与文件同步起草", "解读材料与文件同步报批"]
_PEOPLE = {"办公室": ("李晓梅", "0839-7202315", "何永红"), "社会救助股": ("王建华", "0839-7202318", "赵德明"),
           "养老服务股": ("周敏", "0839-7202326", "杨春燕"), "社会事务股": ("罗志刚", "0839-7202320", "邓丽"),
           "区划地名股": ("苟文斌", "0839-7202331", "马俊"), "财务股": ("蒲小琴", "0839-7202309", "唐国庆")}

# (title, 文种, 科室, days before today the document was made, 公开属性, 规范性, 政策性, reasons, status,
#  extra) — status: 草稿 / 退回 / 待审核 / 已审定 / 逾期 (已审定, planned date passed) / 已公开 / 已登记 / 作废
_SPECS = [
    ("青川县民政局关于做好冬春困难群众救助工作的通知", "通知", "社会救助股", 200, "主动公开", False, True, [], "已公开", {}),
    ("青川县最低生活保障审核确认办法", "通知", "社会救助股", 180, "主动公开", True, True, [], "已公开", {}),
    ("青川县临时救助实施细则", "通知", "社会救助股", 150, "主动公开", True, True, [], "已公开", {}),
    ("关于调整城乡特困人员基本生活标准的通知", "通知", "社会救助股", 120, "主动公开", False, True, [], "已公开", {}),
    ("青川县民政局政务公开工作要点", "通知", "办公室", 260, "主动公开", False, False, [], "已公开", {}),
    ("关于开展养老机构服务质量专项检查的通知", "通知", "养老服务股", 95, "主动公开", False, False, [], "已公开", {}),
    ("关于表彰全县民政系统先进集体和先进个人的决定", "决定", "办公室", 300, "主动公开", False, False, [], "已公开", {}),
    ("青川县殡葬服务收费项目和标准的公告", "公告", "社会事务股", 70, "主动公开", False, True, [], "已公开", {}),
    ("关于局机关考勤和请销假管理的通知", "通知", "办公室", 88, "不予公开", False, False, ["art16_internal"], "已登记", {}),
    ("关于青川县某养老服务中心违规问题调查处理情况的报告", "报告", "养老服务股", 60, "不予公开", False, False,
     ["art16_case"], "已审定", {}),
    ("关于困难群众救助资金专项审计整改情况的报告", "报告", "财务股", 45, "依申请公开", False, False,
     [], "已登记", {"request_reasons": ["req_scope"]}),
    ("关于上报低保对象抽查复核情况的函", "函", "社会救助股", 40, "删减后公开", False, False, ["art15_third"], "已审定",
     {"withheld_content": "附件《抽查复核对象名单》中的姓名、身份证号码和家庭住址"}),
    ("关于做好行政区划界线联合检查工作的通知", "通知", "区划地名股", 35, "主动公开", False, False, [], "逾期", {}),
    ("关于加强农村留守老年人关爱服务工作的实施意见", "意见", "养老服务股", 32, "主动公开", True, True, [], "逾期", {}),
    ("关于规范地名命名更名审批程序的通知", "通知", "区划地名股", 12, "主动公开", True, True, [], "已审定", {}),
    ("关于做好社会组织年度报告工作的通知", "通知", "社会事务股", 10, "主动公开", False, False, [], "待审核", {}),
    ("关于第三季度社会救助资金发放情况的通报", "通报", "财务股", 9, "主动公开", False, False, [], "待审核", {}),
    ("关于婚姻登记“跨省通办”工作有关事项的通知", "通知", "社会事务股", 7, "主动公开", False, True, [], "待审核", {}),
    ("关于局党组会议议定事项的纪要", "纪要", "办公室", 6, "不予公开", False, False, ["art16_internal"], "待审核", {}),
    ("关于印发《青川县孤儿和事实无人抚养儿童保障工作规程》的通知", "通知", "社会事务股", 5, "主动公开", True, True, [],
     "退回", {}),
    ("关于申请追加城乡低保资金的请示", "请示", "财务股", 4, "不予公开", False, False, ["art16_process"], "草稿", {}),
    ("关于做好困难残疾人生活补贴和重度残疾人护理补贴发放工作的通知", "通知", "社会救助股", 3, "主动公开", False, True,
     [], "草稿", {"interp_title": ""}),
    ("关于开展“慈善一日捐”活动的通知", "通知", "社会事务股", 2, "主动公开", False, False, [], "草稿", {"summary": ""}),
    ("关于调整局机关科室工作职责的通知（重复登记）", "通知", "办公室", 50, "不予公开", False, False, ["art16_internal"],
     "作废", {}),
    ("关于做好养老服务补贴发放工作的通知（初稿）", "通知", "养老服务股", 30, "主动公开", False, False, [], "作废", {}),
]


def _values(i: int, spec, today: dt.date) -> dict:
    title, doc_type, dept, days, attr, normative, policy, reasons, status, extra = spec
    made = today - dt.timedelta(days=days)
    drafter, phone, _ = _PEOPLE[dept]
    prefix = "青民规" if normative else ("青民函" if doc_type == "函" else "青民发")
    v = {"title": title, "carrier": "公文类", "doc_type": doc_type, "source": "本机关制发", "dept": dept,
         "drafter": drafter, "phone": phone, "informant": "李晓梅", "fill_date": made.isoformat(),
         "major": False, "secret": False,
         "doc_date": made.isoformat(), "normative": normative, "policy_doc": policy, "attribute": attr,
         "reasons": reasons, "doc_number": f"{prefix}〔{made.year}〕{i + 3}号" if status not in ("草稿", "退回") else ""}
    if attr in ("主动公开", "依申请公开"):
        v["summary"] = f"{title.removeprefix('关于').removesuffix('的通知')}，明确工作要求、责任分工和时间安排。"[:100]
    if attr in ("主动公开", "删减后公开"):
        planned = {"已公开": made + dt.timedelta(days=5), "逾期": made + dt.timedelta(days=30),
                   "已审定": today + dt.timedelta(days=2)}.get(status, made + dt.timedelta(days=15))
        v.update(channels=["政府网站", "政务新媒体"], column="政府网站>政府信息公开>法定主动公开内容>政策文件",
                 planned_date=planned.isoformat(), scope="面向社会", time_limit="长期公开")
    if attr != "不予公开":
        v["checks"] = list(_CHECKS)
    if normative or policy:
        v.update(interp_forms=["文字", "图解"] if normative else ["文字"],
                 interp_title=f"《{title}》政策解读", interp_sync=list(_SYNC))
    if status == "已公开":
        pub = min(made + dt.timedelta(days=5), today)
        v.update(published_date=pub.isoformat(), url=f"http://www.cnqc.gov.cn/art/{pub.year}/{pub.month}/{pub.day}/"
                                                     f"art_{1200 + i}.html")
        if normative or policy:
            v["interp_published"] = True
    v.update(extra)
    return v


def _signoffs(dept: str, made: dt.date, normative: bool, published: bool = False) -> dict:
    drafter, _, head = _PEOPLE[dept]
    people = [("drafter", drafter), ("dept_head", head), ("secrecy", "陈静"), ("open_office", "李晓梅"),
              ("leader", "刘志强")] + ([("chief", "张国平")] if normative else [])
    boxes = {k: {"choice": "同意", "opinion": "", "signer": name,
                 "date": (made + dt.timedelta(days=n // 2)).isoformat()} for n, (k, name) in enumerate(people)}
    if published:
        boxes["publisher"] = {"choice": "已发布", "opinion": "", "signer": "李晓梅",
                              "date": (made + dt.timedelta(days=5)).isoformat()}
    return boxes


def load(ctx) -> None:
    definition = formdef.load()
    today = ctx.today()
    for i, spec in enumerate(_SPECS):
        status = spec[8]
        made = today - dt.timedelta(days=spec[3])
        signed = status in ("已审定", "逾期", "已公开", "已登记")
        form = forms.create(ctx, _values(i, spec, today),
                            _signoffs(spec[2], made, spec[5], status == "已公开") if signed else {},
                            definition, year=made.year)
        steps = {"草稿": [], "待审核": ["submit"], "已审定": ["submit", "approve"], "逾期": ["submit", "approve"],
                 "已公开": ["submit", "approve", "publish"], "已登记": ["submit", "approve", "publish"], "退回": ["submit"], "作废": []}[status]
        for action in steps:
            workflow.transition(form.id, action, definition=definition)
        if status == "退回":
            workflow.transition(form.id, "return", "解读材料尚未同步起草，请补充政策解读后重新送审",
                                definition=definition)
        if status == "作废":
            workflow.transition(form.id, "void", "重复登记，以新编号意见单为准", definition=definition)
