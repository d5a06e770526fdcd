"""Demo ledger for 青川县民政局: about 40 invented applications over 2025–2026 with varied steps and outcomes."""

from __future__ import annotations

import datetime as dt
import random

from gwdesk.core import workdays as wd
from gwdesk.core.applications import deadlines as dl
from gwdesk.core.applications import cases, ids, ledger, voiding
from gwdesk.store.applications_models import Application

PEOPLE = ["王建国", "李秀英", "张德明", "刘芳", "陈志强", "杨丽华", "赵文斌", "黄春梅", "周晓东", "吴桂兰",
          "徐海燕", "孙立军", "马玉珍", "胡成林", "郭淑芬", "何永福", "罗红霞", "欧阳志远"]
ORGS = {
    "商业企业": ["青川县康宁养老服务有限公司", "广元市安泰殡葬服务有限公司", "四川蜀北建设工程有限公司"],
    "科研机构": ["西南民族大学社会学与心理学学院课题组", "四川省社会科学院农村发展研究所"],
    "社会公益组织": ["青川县慈善会", "广元市益行社会工作服务中心"],
    "法律服务机构": ["四川川北律师事务所", "青川县竹园法律服务所"],
    "其他": ["青川县乔庄镇东河口村民委员会"],
}
TOPICS = [
    ("2025年度城乡低保资金发放明细（乔庄镇）", "3.2", "涉及低保对象个人信息，作区分处理"),
    ("2025年特困人员供养标准调整文件", "3.1", ""),
    ("临时救助审批程序及2025年救助人次统计", "3.1", ""),
    ("县社会福利院2024年度财务决算", "3.1", ""),
    ("本人父亲1987年婚姻登记档案", "3.3.8", "属于行政查询事项，已告知按婚姻登记档案查询程序办理"),
    ("养老机构运营补贴发放名单及标准", "3.2", "涉及第三方商业信息，作区分处理"),
    ("某养老公司与民政局签订的委托运营合同", "3.3.4", "经征求第三方意见，公开会损害第三方合法权益"),
    ("县民政局党组会议纪要（2025年3月）", "3.3.5", "属于内部事务信息"),
    ("殡葬改革实施方案（征求意见稿）讨论记录", "3.3.6", "属于过程性信息"),
    ("2019年某社会组织行政处罚案卷全部材料", "3.3.7", "属于行政执法案卷信息"),
    ("全县农村留守儿童花名册", "3.4.1", "本机关不掌握该信息，已告知向县教育局申请"),
    ("按乡镇统计的近十年残疾人两项补贴变化分析", "3.4.2", "需另行汇总、加工、分析，不属于现成信息"),
    ("关于“那个补助”的所有文件", "3.4.3", "补正后申请内容仍不明确"),
    ("举报乔庄镇某村干部优亲厚友评低保", "3.5.1", "属于信访举报类申请，已告知通过信访渠道反映"),
    ("重复申请2025年低保资金发放明细", "3.5.2", "与已答复的申请内容相同"),
    ("《青川县志（民政篇）》全文", "3.5.3", "属于公开出版物，已告知获取途径"),
    ("确认2024年已获取的救助文件是否真实有效", "3.5.5", "要求确认已获取信息"),
    ("区划地名普查成果数据", "3.1", ""),
    ("2026年孤儿基本生活费发放标准", "3.1", ""),
    ("社会组织年检结果公告（2025年度）", "3.1", ""),
    ("救灾物资储备库建设项目资金使用情况", "3.2", "部分内容涉及商业秘密，作区分处理"),
    ("经营性公墓收费标准备案材料", "3.1", ""),
]


def _id_card(rng: random.Random) -> str:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 50 * 365))
    first17 = f"510822{birth:%Y%m%d}{rng.randrange(100, 999)}"
    return first17 + ids.id_card_check_digit(first17)


def _uscc(rng: random.Random, kind: str) -> str:
    head = {"商业企业": "91", "法律服务机构": "31", "社会公益组织": "53", "科研机构": "12", "其他": "54"}[kind]
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    first17 = head + "510822" + "".join(rng.choice(chars) for _ in range(9))
    return first17 + ids.uscc_check_char(first17)


def _applicant(rng: random.Random, i: int) -> dict:
    kind = "自然人" if i % 3 else rng.choice(list(ORGS))
    if kind == "自然人":
        name = PEOPLE[i % len(PEOPLE)]
        return dict(applicant_type=kind, applicant_name=name, id_kind="居民身份证", id_number=_id_card(rng),
                    contact=f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}")
    name = rng.choice(ORGS[kind])
    return dict(applicant_type=kind, applicant_name=name, id_kind="统一社会信用代码",
                id_number=_uscc(rng, kind), contact=f"0839-72{rng.randrange(10000, 99999)}")


def _create(seq: dict, received: dt.date, applicant: dict, content: str, channel: str) -> Application:
    seq[received.year] = seq.get(received.year, 0) + 1
    return ledger.create(dict(number=f"{received.year}-{seq[received.year]:03d}", received=received,
                              channel=channel, content=content, delivery="电子邮件" if channel == "网络"
                              else "纸质文本", **applicant))


def _workday_before(d: dt.date) -> dt.date:
    while not wd.is_workday(d):
        d -= dt.timedelta(days=1)
    return d


def load(ctx) -> None:
    if Application.select().exists():
        return
    rng = random.Random(2026)
    today = ctx.today()
    seq: dict[int, int] = {}
    channels = ["网络", "网络", "网络", "邮寄", "当面", "传真"]
    number = 0
    # closed applications spread over 2025 and 2026 up to about two months before today
    start, end = dt.date(2025, 1, 6), min(today - dt.timedelta(days=60), dt.date(2026, 12, 31))
    span = max((end - start).days, 30)
    closed_specs = []
    for i in range(32):
        received = _workday_before(start + dt.timedelta(days=span * i // 32 + rng.randrange(0, 5)))
        closed_specs.append((received, TOPICS[i % len(TOPICS)]))
    for i, (received, (content, outcome, reason)) in enumerate(closed_specs):
        number += 1
        a = _create(seq, received, _applicant(rng, number), content, rng.choice(channels))
        if outcome == "3.3.4":
            ledger.add_step(a, "征求第三方意见", wd.add_workdays(received, 3),
                            ended=wd.add_workdays(received, 12), note="书面征求第三方意见")
        if outcome == "3.4.3" or i == 3:
            ledger.add_step(a, "补正", wd.add_workdays(received, 2), ended=wd.add_workdays(received, 8),
                            deadline=wd.add_workdays(received, 12), note="申请内容描述不明确")
        if i == 5:
            ledger.add_step(a, "延期", wd.add_workdays(received, 18), days=15, approver="张志华（办公室主任）",
                            note="涉及多个乡镇数据汇总")
        if i == 9:
            ledger.add_step(a, "收费", wd.add_workdays(received, 5), ended=wd.add_workdays(received, 9), today=today,
                            fee_method="按量", quantity=120, note="纸质复制件120页")
        info = dl.compute(a, today, list(a.steps))
        due = info.reply_due or wd.add_workdays(received, 20)
        replied = wd.add_workdays(info.clock_start, rng.randrange(6, 15))
        replied = min(replied, due)
        ledger.reply(a, replied, outcome, reply_number=f"青民依申复〔{replied.year}〕{seq[received.year]}号",
                     reason=reason, today=today)
        if i == 6:
            cases.add(a, "复议", wd.add_workdays(replied, 25), result="结果维持",
                      decided=wd.add_workdays(replied, 70), case_number="广府复决〔2025〕17号", today=today)
        if i == 13:
            cases.add(a, "未经复议直接起诉", wd.add_workdays(replied, 30), case_number="（2025）川0822行初5号",
                      today=today)
    # a 补正 that never came (3.6.1) and an unpaid fee (3.6.2)
    r = _workday_before(end - dt.timedelta(days=40))
    a = _create(seq, r, _applicant(rng, 40), "近三年全部救助资金的所有票据", "网络")
    ledger.add_step(a, "补正", wd.add_workdays(r, 3), deadline=wd.add_workdays(r, 13))
    ledger.reply(a, wd.add_workdays(r, 14), "3.6.1", reason="申请人逾期未补正，视为放弃申请", today=today)
    r = _workday_before(end - dt.timedelta(days=30))
    a = _create(seq, r, _applicant(rng, 41), "2020年以来全部社会组织登记档案复印件", "邮寄")
    ledger.add_step(a, "收费", wd.add_workdays(r, 5), fee_method="按量", quantity=420, today=today)
    ledger.reply(a, wd.add_workdays(r, 26), "3.6.2", reason="申请人逾期未缴纳信息处理费，视为放弃申请", today=today)
    # open applications near today: overdue, due today, due soon, waiting for 补正 / third party, fresh
    open_specs = [
        (22, "县敬老院2026年入住老人名单及收费标准", None),
        (20, "2026年第三季度临时救助发放情况", None),
        (18, "养老服务补贴申请条件及办理流程", None),
        (17, "社区养老服务中心建设项目招标文件", "征求第三方意见"),
        (5, "村（社区）区划调整方案", "补正"),
        (3, "2026年高龄津贴发放名单", None),
        (1, "殡葬惠民政策实施情况", None),
    ]
    for n, (back, content, kind) in enumerate(open_specs):
        received = _back(today, back)
        a = _create(seq, received, _applicant(rng, 50 + n), content, rng.choice(channels))
        if kind == "征求第三方意见":
            ledger.add_step(a, kind, wd.add_workdays(received, 4), note="征求中标企业意见")
        elif kind == "补正":
            ledger.add_step(a, kind, wd.add_workdays(received, 2), deadline=wd.add_workdays(received, 12))
    # the last one registered twice by two clerks: the second is voided (kept, 已作废, counted nowhere)
    twice = _create(seq, a.received, {k: getattr(a, k) for k in ("applicant_type", "applicant_name", "id_kind",
                                                                 "id_number", "contact")}, a.content, a.channel)
    _renumber()
    voiding.void(twice, f"与{Application.get_by_id(a.id).number}重复登记")


def _renumber() -> None:
    """Give 编号 in order of receipt within each year, as a clerk's register would."""
    apps = list(Application.select().order_by(Application.received, Application.id))
    for a in apps:
        Application.update(number=f"tmp-{a.id}").where(Application.id == a.id).execute()
    seq: dict[int, int] = {}
    for a in apps:
        seq[a.received.year] = seq.get(a.received.year, 0) + 1
        Application.update(number=f"{a.received.year}-{seq[a.received.year]:03d}").where(
            Application.id == a.id).execute()


def _back(today: dt.date, n: int) -> dt.date:
    """The working day n working days before today."""
    d = today
    while n > 0:
        d -= dt.timedelta(days=1)
        if wd.is_workday(d):
            n -= 1
    return d
