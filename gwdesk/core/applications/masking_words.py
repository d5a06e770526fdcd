"""The words the de-identified exports mask by (masking.scrub): vocabulary as data, one tuple per role.

A new wording a clerk meets is a word added here and a row in tests/fixtures/privacy/rows.json.
"""

# words after which a person's name follows: “父亲王建国”, “联系人：李明”, “代理当事人张三申请”
NAME_AFTER = (
    "邻居", "代理人", "委托人", "受托人", "被委托人", "父亲", "母亲", "儿子", "女儿", "配偶", "丈夫", "妻子", "爷爷",
    "奶奶", "外公", "外婆", "哥哥", "姐姐", "弟弟", "妹妹", "户主", "家属", "亲属", "联系人", "经办人", "办理人",
    "法定代表人", "负责人", "当事人", "本人", "申请人", "姓名", "之子", "之女", "之妻", "之夫", "之父", "之母",
    "孙子", "孙女", "继子", "继女", "养子", "养女", "亡夫", "亡妻", "死者", "逝者", "承租人", "出租人", "被征收人",
    "被拆迁人", "户名", "学生", "患者", "职工", "员工", "同学", "老人", "子女", "孩子", "监护人",
    "被监护人", "主任", "书记", "会长", "院长", "经理", "站长", "所长", "校长", "组长", "手机", "收件人",
)
# words right before which a person's name stands: “王建国同志的死亡证明”, “王建国之子”
NAME_BEFORE = (
    "同志", "先生", "女士", "老人", "烈士", "之子", "之女", "之妻", "之夫", "之父", "之母", "的儿子", "的女儿", "的父亲",
    "的母亲", "的配偶", "的死亡证明", "的学籍", "的户籍", "的档案", "的病历", "的低保", "的身份证",
)
# what may follow a name (so a name of 2–4 characters ends there)
NAME_END = (
    "，", ",", "。", "；", ";", "、", " ", "\u3000", "（", "(", "的", "之", "于", "在", "与", "和", "及", "申请", "委托",
    "同志", "先生", "女士", "提出", "要求", "反映", "称", "等", "名下", "户", "家", "生前", "本人", "已", "现", "住",
    "系", "是", "为", "：", ":", "”", "\"", "来电", "来访", "来信", "办理", "领取", "签字", "签收", "电话", "手机",
    "联系", "邮箱",
)
# a first character that starts no name: a word before it was caught (“开张三同志” → 张三)
NOT_NAME_START = tuple("开请供询于及和与的其对将向把为即是系在由被给查取调阅")
# two-character surnames (a four-character name starts with one)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "令狐", "司徒", "夏侯", "尉迟", "长孙", "宇文",
                     "公孙", "端木", "独孤", "南宫", "万俟", "闻人", "澹台", "轩辕", "钟离", "呼延", "赫连")
# words that look like a name's place but are none
NOT_NAMES = ("某", "该", "其", "自己", "申请", "本", "所", "已", "未", "的", "在", "于", "名下", "户籍", "信息", "身份",
             "相关", "有关", "上述", "以上", "个人", "本人", "他人", "第三方", "家庭", "其他", "全部", "部分")

# the part of an address below 乡镇/街道
PLACE_SUFFIX = ("村", "社区", "居委会", "小区", "花园", "大厦", "公寓", "家园", "新村", "苑", "院", "庄园", "广场")
ROAD_SUFFIX = ("大道", "路", "街", "巷", "弄", "胡同", "里")
ROAD_SECTION = ("东段", "西段", "南段", "北段", "中段", "一段", "二段", "三段", "四段", "五段")
HOUSE_SUFFIX = ("组", "社", "号院", "号楼", "号", "栋", "幢", "座", "单元", "楼", "层", "室", "户", "附")

# separators inside a phone or an ID number as people write them: 139-8765-4321, 139.8765.4321, 139 8765 4321
NUMBER_SEPARATORS = "- .．·－"
