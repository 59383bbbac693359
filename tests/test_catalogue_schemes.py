"""The catalogue's [[tasks]], [quantities] and [[rules]]: a good plan, then one defect per
case with its exact message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from conftest import write_plan

from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.rewards import AmountKind, ApplicantType, CapScope, Once, QuantityType
from ipkpi.errors import CatalogueError

PLAN = """\
schema = 1

[plan]
id = "testville-2024-2025"
city = "testville"
place = "测试市"
place_en = "Testville"
level = "city"
title = "测试市工作要点"
start_year = 2024
target_year = 2025

[[tasks]]
id = "task_01"
number = "1"
title = "保护中心建设"
text = "建设保护中心。"
category = "一、保护"
deadline = 2024-12-31
lead = ["市知识产权局"]
coordinating = ["市财政局"]
clause = "一 / 1"
quote = "1. 建设保护中心。(市知识产权局牵头,市财政局配合。2024年12月底前完成)"

[[tasks]]
id = "task_02"
number = "(二)"
title = "整体推进"
text = "整体推进。"
category = "二、时序"
starts = 2024-07-01
deadline = 2025-06-30
clause = "二 / (二)"
quote = "(二)整体推进(2024年7月至2025年6月)。"

[[tasks]]
id = "task_03"
number = "3"
title = "持续工作"
text = "持续工作。"
category = "一、保护"
deadline = "ongoing"
clause = "一 / 3"
quote = "3. 持续工作。(持续推进)"

[quantities]
patents = { name = "转让专利", unit = "件", type = "count" }
grade = { name = "评级", type = "grade" }
won = { name = "胜诉", type = "flag" }
cost = { name = "成本", unit = "万元", type = "amount" }

[[rules]]
id = "transfer"
measure = "(七)"
name = "专利转让奖励"
title = "盘活存量专利"
applicants = ["高校", "institute"]
conditions = [{ quantity = "patents", at_least = 6 }]
amount = { kind = "base_plus", quantity = "patents", threshold = 6, base = 3, rate = 0.5 }
cap = { value = 30, per = "applicant_year" }
once = "applicant_year"
clause = "四 / (七)"
quote = "每家奖励3万元,在此基础上每增加1件奖励5000元,每个单位每年最高不超过30万元"

[[rules]]
id = "grading"
measure = "(六)"
name = "评级补助"
title = "评级"
applicants = ["enterprise"]
amount = { kind = "grades", quantity = "grade", grades = [8, 12.5] }
once = "applicant"
clause = "三 / (六)"
quote = "一级到二级分别一次性给予8万元、12.5万元"

[[rules]]
id = "cases"
measure = "(十二)"
name = "维权补助"
title = "维权"
applicants = ["enterprise"]
conditions = [{ quantity = "won", is = true }, { quantity = "patents", at_least = "1/3", of = "patents" }]
amount = { kind = "cost", quantity = "cost" }
cap = { value = 20, per = "claim" }
clause = "五 / (十二)"
quote = "一次性不超过20万元"
"""


def problems(folder, text: str, lang: str = "en") -> list[str]:
    write_plan(folder, text)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder, cache=None)
    return caught.value.lines(lang)


def change(old: str, new: str) -> str:
    assert old in PLAN, old
    return PLAN.replace(old, new, 1)


def test_tasks_and_rules_load_with_their_meaning(in_tmp):
    write_plan(in_tmp / "cat", PLAN)
    (plan,) = load_catalogue(in_tmp / "cat", cache=None).plans
    assert plan.targets == ()
    assert [(t.id, t.number, t.starts, t.deadline, t.lead, t.coordinating) for t in plan.tasks] == [
        ("task_01", "1", None, dt.date(2024, 12, 31), ("市知识产权局",), ("市财政局",)),
        ("task_02", "(二)", dt.date(2024, 7, 1), dt.date(2025, 6, 30), (), ()),
        ("task_03", "3", None, None, (), ()),
    ]
    assert plan.tasks[2].ongoing
    assert [(q.id, q.type, q.unit) for q in plan.quantities] == [
        ("patents", QuantityType.COUNT, "件"),
        ("grade", QuantityType.GRADE, None),
        ("won", QuantityType.FLAG, None),
        ("cost", QuantityType.AMOUNT, "万元"),
    ]
    transfer, grading, cases = plan.rules
    assert transfer.applicants == (ApplicantType.UNIVERSITY, ApplicantType.INSTITUTE)
    assert transfer.amount.kind is AmountKind.BASE_PLUS
    # Amounts are exact decimals as written, never floats: 0.5, not 0.5000000001.
    assert (transfer.amount.base, transfer.amount.rate, transfer.amount.threshold) == (
        Decimal("3"),
        Decimal("0.5"),
        6,
    )
    assert (transfer.cap.value, transfer.cap.per, transfer.once) == (
        Decimal("30"),
        CapScope.APPLICANT_YEAR,
        Once.APPLICANT_YEAR,
    )
    assert grading.amount.grades == (Decimal("8"), Decimal("12.5"))
    assert [(c.quantity, c.op, c.limit, c.of) for c in cases.conditions] == [
        ("won", "is", True, None),
        ("patents", ">=", Fraction(1, 3), "patents"),
    ]
    assert cases.needs() == ("won", "patents", "cost")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "deadline = 2024-12-31",
            'deadline = "soon"',
            'task #1 (task_01) › deadline: expected a date (e.g. 2022-12-31) or "ongoing", '
            "got a string ('soon')",
        ),
        (
            "deadline = 2024-12-31",
            "deadline = 2026-12-31",
            "task #1 (task_01) › deadline: 2026-12-31 is outside the plan window 2024–2025",
        ),
        (
            "starts = 2024-07-01",
            "starts = 2025-07-01",
            "task #2 (task_02) › starts: 2025-07-01 is after the deadline 2025-06-30",
        ),
        (
            'deadline = "ongoing"',
            'deadline = "ongoing"\nstarts = 2024-01-01',
            "task #3 (task_03) › starts: an ongoing task has no start date; give a deadline too",
        ),
        (
            'number = "3"',
            'number = "1"',
            "task #3 › number: duplicate task number '1' (first at task #1)",
        ),
        (
            'id = "task_03"',
            'id = "Task 3"',
            "task #3 (Task 3) › id: 'Task 3' is not a valid task id (lower-case ASCII letters, "
            "digits and _, starting with a letter)",
        ),
        (
            'title = "持续工作"',
            'title = "持续工作"\nowner = "x"',
            "task #3 (task_03) › owner: unknown key; known keys: id, number, title, title_en, "
            "text, category, starts, deadline, lead, coordinating, national, clause, quote, "
            "reading",
        ),
        (
            'applicants = ["高校", "institute"]',
            'applicants = ["高校", "farm"]',
            "rule #1 (transfer) › applicants: unknown applicants 'farm'; use one of enterprise, "
            "university, institute, service, bank (or 企业, 企業, 高校, 高等学校, 高等學校, 大学, "
            "大學, 科研院所, 科研机构, 科研機構, 研究院所, 服务机构, 服務機構, 知识产权服务机构, "
            "知識產權服務機構, 银行, 銀行, 合作银行, 合作銀行)",
        ),
        (
            '[{ quantity = "patents", at_least = 6 }]',
            '[{ quantity = "patent", at_least = 6 }]',
            "rule #1 (transfer) › conditions[1].quantity: unknown quantity 'patent'; "
            "[quantities] has patents, grade, won, cost",
        ),
        (
            '[{ quantity = "patents", at_least = 6 }]',
            '[{ quantity = "patents", at_least = 6, at_most = 9 }]',
            "rule #1 (transfer) › conditions[1].at_least: give exactly one of at_least, "
            "at_most, is",
        ),
        (
            '[{ quantity = "patents", at_least = 6 }]',
            '[{ quantity = "won", at_least = 6 }]',
            "rule #1 (transfer) › conditions[1].quantity: quantity 'won' is a flag, not a "
            "count or amount or grade",
        ),
        (
            '[{ quantity = "patents", at_least = 6 }]',
            '[{ quantity = "patents", at_least = "1/3" }]',
            'rule #1 (transfer) › conditions[1].at_least: a fraction needs of = "QUANTITY" '
            "(the whole it is a share of)",
        ),
        (
            'at_least = "1/3", of = "patents"',
            'at_least = "4/3", of = "patents"',
            "rule #3 (cases) › conditions[2].at_least: a share must lie between 0 and 1, got 4/3",
        ),
        (
            "threshold = 6, base = 3, rate = 0.5 }",
            "threshold = 6, base = 3 }",
            "rule #1 (transfer) › amount.rate: missing required key (a base_plus amount)",
        ),
        (
            "threshold = 6, base = 3, rate = 0.5 }",
            "threshold = 6, base = 3, rate = 0.5, value = 9 }",
            "rule #1 (transfer) › amount.value: not used by a base_plus amount",
        ),
        (
            "threshold = 6, base = 3, rate = 0.5 }",
            "threshold = 6, base = 3, rate = -0.5 }",
            "rule #1 (transfer) › amount.rate: must be positive, got -0.5",
        ),
        (
            "grades = [8, 12.5] }",
            "grades = [] }",
            "rule #2 (grading) › amount.grades: expected a list of numbers, got a list",
        ),
        (
            '{ kind = "grades", quantity = "grade"',
            '{ kind = "grades", quantity = "patents"',
            "rule #2 (grading) › amount.quantity: quantity 'patents' is a count, not a grade",
        ),
        (
            'cap = { value = 30, per = "applicant_year" }',
            'cap = { value = 30, per = "month" }',
            "rule #1 (transfer) › cap.per: unknown cap.per 'month'; use one of claim, "
            "applicant_year",
        ),
        (
            'once = "applicant_year"',
            'once = "forever"',
            "rule #1 (transfer) › once: unknown once 'forever'; use one of applicant, "
            "applicant_year",
        ),
        (
            'name = "评级补助"',
            'name = "专利转让奖励"',
            "rule #2 › name: duplicate rule name '专利转让奖励' (first at rule #1)",
        ),
        (
            'cost = { name = "成本", unit = "万元", type = "amount" }',
            'cost = { name = "成本", unit = "元", type = "amount" }',
            'quantities.cost.unit: an amount is in 万元: set unit = "万元"',
        ),
        (
            'won = { name = "胜诉", type = "flag" }',
            'won = { name = "胜诉", type = "yesno" }',
            "quantities.won.type: unknown type 'yesno'; use one of count, amount, grade, flag",
        ),
    ],
    ids=lambda v: v[:40] if isinstance(v, str) else v,
)
def test_one_defect_one_problem(in_tmp, old, new, message):
    assert problems(in_tmp / "cat", change(old, new)) == [f"cat/testville.toml › {message}"]


def test_a_plan_needs_targets_tasks_or_rules(in_tmp):
    head = PLAN[: PLAN.index("[[tasks]]")]
    assert problems(in_tmp / "cat", head) == [
        "cat/testville.toml › targets: the plan has no [[targets]], [[tasks]] or [[rules]]"
    ]


def test_rules_need_a_quantities_table(in_tmp):
    start, end = PLAN.index("[quantities]"), PLAN.index("[[rules]]")
    lines = problems(in_tmp / "cat", PLAN[:start] + PLAN[end:])
    assert lines[0] == (
        "cat/testville.toml › quantities: rules need a [quantities] table naming what claims give"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'deadline = "ongoing"',
            'deadline = "soon"',
            "第3个任务（task_03） › deadline：应为日期（如 2022-12-31）或“ongoing”，实际是文字“soon”",
        ),
        (
            "deadline = 2024-12-31",
            "deadline = 2026-12-31",
            "第1个任务（task_01） › deadline：截止日期 2026-12-31 不在规划期2024—2025年之内",
        ),
        (
            "starts = 2024-07-01",
            "starts = 2025-07-01",
            "第2个任务（task_02） › starts：开始日期 2025-07-01 晚于截止日期 2025-06-30",
        ),
        (
            'deadline = "ongoing"',
            'deadline = "ongoing"\nstarts = 2024-01-01',
            "第3个任务（task_03） › starts：持续推进（ongoing）的任务没有开始日期；要写 starts，"
            "请同时写明截止日期 deadline",
        ),
        (
            'number = "3"',
            'number = "1"',
            "第3个任务 › number：任务的 number“1”重复（第1个任务已用过）",
        ),
        (
            'id = "task_03"',
            'id = "Task 3"',
            "第3个任务（Task 3） › id：“Task 3”不能作为任务的 id（只能用小写英文字母、数字和 _，"
            "并以字母开头）",
        ),
        (
            'applicants = ["高校", "institute"]',
            'applicants = ["高校", "farm"]',
            "第1个奖补规则（transfer） › applicants：无法识别的申报主体类型“farm”；请用以下之一："
            "enterprise、university、institute、service、bank（也可以写：企业、企業、高校、高等学校、"
            "高等學校、大学、大學、科研院所、科研机构、科研機構、研究院所、服务机构、服務機構、"
            "知识产权服务机构、知識產權服務機構、银行、銀行、合作银行、合作銀行）",
        ),
        (
            '[{ quantity = "patents", at_least = 6 }]',
            '[{ quantity = "patent", at_least = 6 }]',
            "第1个奖补规则（transfer） › conditions[1].quantity：[quantities] 中没有数据项“patent”；"
            "其中有：patents、grade、won、cost",
        ),
        (
            '[{ quantity = "patents", at_least = 6 }]',
            '[{ quantity = "patents", at_least = 6, at_most = 9 }]',
            "第1个奖补规则（transfer） › conditions[1].at_least：at_least、at_most、is 必须写一个，"
            "且只能写一个",
        ),
        (
            '[{ quantity = "patents", at_least = 6 }]',
            '[{ quantity = "won", at_least = 6 }]',
            "第1个奖补规则（transfer） › conditions[1].quantity：数据项“won”是“是/否”项，"
            "这里需要件数或金额或等级",
        ),
        (
            '[{ quantity = "patents", at_least = 6 }]',
            '[{ quantity = "patents", at_least = 6, is = true }]',
            "第1个奖补规则（transfer） › conditions[1].at_least：at_least、at_most、is 必须写一个，"
            "且只能写一个",
        ),
        (
            '{ quantity = "won", is = true }',
            '{ quantity = "won", is = true, of = "patents" }',
            "第3个奖补规则（cases） › conditions[1].of：of 只能和 at_least 或 at_most 一起用",
        ),
        (
            '[{ quantity = "patents", at_least = 6 }]',
            '[{ quantity = "patents", at_least = "1/3" }]',
            '第1个奖补规则（transfer） › conditions[1].at_least：写成分数时需要 of = "QUANTITY"'
            "（说明是哪个数据项的几分之几）",
        ),
        (
            'at_least = "1/3", of = "patents"',
            'at_least = "4/3", of = "patents"',
            "第3个奖补规则（cases） › conditions[2].at_least：比例必须在 0 到 1 之间，这里是 4/3",
        ),
        (
            "threshold = 6, base = 3, rate = 0.5 }",
            "threshold = 6, base = 3 }",
            "第1个奖补规则（transfer） › amount.rate：缺少必填的键（base_plus 类金额需要）",
        ),
        (
            "threshold = 6, base = 3, rate = 0.5 }",
            "threshold = 6, base = 3, rate = 0.5, value = 9 }",
            "第1个奖补规则（transfer） › amount.value：base_plus 类金额不用这个键",
        ),
        (
            "threshold = 6, base = 3, rate = 0.5 }",
            "threshold = 0, base = 3, rate = 0.5 }",
            "第1个奖补规则（transfer） › amount.threshold：必须是 1 或更大，这里是 0",
        ),
        (
            "grades = [8, 12.5] }",
            "grades = [8, -1] }",
            "第2个奖补规则（grading） › amount.grades：每个等级的金额都必须大于 0",
        ),
        (
            'cap = { value = 30, per = "applicant_year" }',
            'cap = { value = 0, per = "applicant_year" }',
            "第1个奖补规则（transfer） › cap.value：必须大于 0，这里是 0",
        ),
        (
            'cap = { value = 30, per = "applicant_year" }',
            'cap = { value = 30, per = "month" }',
            "第1个奖补规则（transfer） › cap.per：无法识别的封顶范围“month”；请用以下之一：claim、"
            "applicant_year",
        ),
        (
            'once = "applicant_year"',
            'once = "forever"',
            "第1个奖补规则（transfer） › once：无法识别的兑现次数“forever”；请用以下之一：applicant、"
            "applicant_year",
        ),
        (
            'name = "评级补助"',
            'name = "专利转让奖励"',
            "第2个奖补规则 › name：奖补规则的 name“专利转让奖励”重复（第1个奖补规则已用过）",
        ),
        (
            'cost = { name = "成本", unit = "万元", type = "amount" }',
            'cost = { name = "成本", unit = "元", type = "amount" }',
            'quantities.cost.unit：金额以万元计：请写 unit = "万元"',
        ),
        (
            'won = { name = "胜诉", type = "flag" }',
            'won = { name = "胜诉", type = "yesno" }',
            "quantities.won.type：无法识别的数据类型“yesno”；请用以下之一：count、amount、grade、flag",
        ),
        (
            'won = { name = "胜诉", type = "flag" }',
            'won = { name = "胜诉", type = "flag", unit = "打" }',
            "quantities.won.unit：无法识别的单位“打”",
        ),
        (
            'won = { name = "胜诉", type = "flag" }',
            'won = { name = "胜诉", type = "flag" }\n"Extra 1" = { name = "额外", type = "flag" }',
            "quantities.Extra 1：“Extra 1”不能作为数据项的 id（只能用小写英文字母、数字和 _）",
        ),
        (
            'won = { name = "胜诉", type = "flag" }',
            'won = "胜诉"',
            "quantities.won：应为表，实际是文字“胜诉”",
        ),
    ],
    ids=lambda v: v[:40] if isinstance(v, str) else v,
)
def test_one_defect_one_problem_in_chinese(in_tmp, old, new, message):
    assert problems(in_tmp / "cat", change(old, new), "zh") == [f"cat/testville.toml › {message}"]


def test_the_plan_level_problems_of_rules_in_chinese(in_tmp):
    head = PLAN[: PLAN.index("[[tasks]]")]
    assert problems(in_tmp / "cat", head, "zh") == [
        "cat/testville.toml › targets：规划中没有目标、任务或奖补规则（[[targets]]、[[tasks]] 或 "
        "[[rules]]）"
    ]
    start, end = PLAN.index("[quantities]"), PLAN.index("[[rules]]")
    lines = problems(in_tmp / "cat", PLAN[:start] + PLAN[end:], "zh")
    assert lines[0] == (
        "cat/testville.toml › quantities：有奖补规则就需要 [quantities] 表，列明申报材料提供哪些数据"
    )


def test_rule_amounts_are_in_wan_yuan(in_tmp):
    text = change('measure = "(七)"', 'measure = "(七)"\nunit = "元"')
    assert problems(in_tmp / "cat", text) == [
        "cat/testville.toml › rule #1 (transfer) › unit: rule amounts are in 万元, not '元'"
    ]
    assert problems(in_tmp / "cat", text, "zh") == [
        "cat/testville.toml › 第1个奖补规则（transfer） › unit：奖补规则的金额以万元计，不能用“元”"
    ]
