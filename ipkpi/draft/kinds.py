"""What a goal's words say it means (its kind), read from the words around its number — the
rules of targets/README.md's *Kinds*, in the order they are tried:

==============================  ===========  =========================================
the words                       kind         e.g.
==============================  ===========  =========================================
年均增长 N%                      growth       注册商标年均增长10%以上
累计增长 N%                      increment    专利质押登记金额累计增长20%以上 (in %)
逐年增加 / 逐年提高 (no number)  rise         知识产权质押融资额逐年增加
每年 N, 年…率 N%                annual       每年组织30家企业…, 年结案率达到95%以上
年均 N                           average      专利质押登记年均达50件以上
新增 N                           increment    新增贯标企业1000家
“十四五”期间 / 四年内 N          cumulative   “十四五”期间,力争中国专利奖获奖数量超过30项
a flow (融资, 交易, 转让, …)      cumulative   知识产权融资总额超160亿元
累计 N of a stock               level        集成电路布图设计登记量累计达2792件 (待核实)
an action and N (培育 N 家)      cumulative   培育知识产权运营服务机构3家以上 (待核实)
any other                       level        万人高价值发明专利拥有量达50件
==============================  ===========  =========================================
"""

from __future__ import annotations

import re

from ipkpi.messages import msg

GROWTH = re.compile(r"年均(?:增长|增速|增幅|提高)(?:率)?(?:达到?|保持在|为)?\s*$")
RISE_GROWTH = re.compile(r"累计(?:增长|增幅|提高)(?:率)?(?:达到?|为)?\s*$")
RISE = re.compile(r"逐年(?:增加|提高|增长|上升|扩大|提升)")
VAGUE_RISE = re.compile(
    r"(?:进一步扩大|实现快速增长|快速增长|持续增长|稳步增长|持续提高|稳步提高|明显提高)"
)
PERIOD = re.compile(
    r"[“\"]?十[四五六]五[”\"]?(?:期间|时期)|[一二三四五六七八九十两\d]+年(?:内|间)|期间"
)
FLOW = re.compile(r"融资|交易|转让|许可|培训|资助|奖励|实施")
RATE = re.compile(r"增长|增速|比重|占比|率|之比|强度")
_VERBS = (
    "组织|实施|支持|培育|评选|资助|培养|建成|新建|建设|新增|认定|完成|打造|引进|举办|开展|创建|扶持|"
    "奖励|布局|设立|遴选|选树|推动|帮助|指导|推广|发布|制定|建立"
)
ACTION = re.compile(rf"(?:{_VERBS})(?:了|出|起)?$")  # 在全市建成 N 家: an action just before
ACTION_FIRST = re.compile(rf"^(?:{_VERBS})")  # 培育专利运营优势单位 N 家: an action first


def kind_of(name: str, before: str, sentence: str, unit: str, verb_first: bool):
    """(kind, a reason to review it or None) of a goal: ``name`` the indicator, ``before``
    the clause's words before its number, ``sentence`` the whole sentence."""
    if unit == "%" and GROWTH.search(before):
        return "growth", None
    if unit == "%" and RISE_GROWTH.search(before):
        return "increment", None
    if "每年" in before:
        return "annual", None
    if re.search(r"年[^，,。]{0,4}率", name) and unit == "%":
        return "annual", None
    if "年均" in before:
        return "average", None
    if "新增" in before:
        return "increment", None
    if unit != "%" and PERIOD.search(sentence) and "末" not in before[-8:]:
        return "cumulative", None
    if unit != "%" and FLOW.search(name) and not RATE.search(name):
        return "cumulative", None
    if "累计" in before:
        return "level", msg("draft.review.cumulative_or_level")
    if verb_first and unit != "%":
        return "cumulative", msg("draft.review.count_over_plan")
    return "level", None
