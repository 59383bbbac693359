"""Zhangzhou's reward and subsidy rules (漳州市促進知識產權高質量發展若干措施) applied to
claims: every rule at, just below and just above its thresholds and caps, once-only rules,
the claims workbook reader and its located errors, and the `ipkpi rewards` command.

Every expected amount is worked out by hand in a comment next to it, in 万元.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from conftest import write_workbook

from ipkpi.assess.rewards import apply_rules
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.rewards import ApplicantType
from ipkpi.catalogue.select import select_plan
from ipkpi.cli.app import app
from ipkpi.errors import ClaimsError, display_path
from ipkpi.ingest.claims import Claim, read_claims
from ipkpi.views.rewards import arithmetic, why

ENTERPRISE = ApplicantType.ENTERPRISE
UNIVERSITY = ApplicantType.UNIVERSITY
INSTITUTE = ApplicantType.INSTITUTE
SERVICE = ApplicantType.SERVICE
BANK = ApplicantType.BANK

PLAN_ID = "zhangzhou-2024-2029"


@pytest.fixture(scope="module")
def plan():
    return select_plan(load_catalogue(), "zhangzhou", PLAN_ID)


# --- the engine, on claims built directly --------------------------------------------------


def claim(plan, rule_id, row=2, who="甲公司", kind=ENTERPRISE, year=2024, **quantities):
    rule = next(r for r in plan.rules if r.id == rule_id)
    return Claim(row, "Sheet1", who, kind, rule, year, quantities)


def outcomes(plan, *claims):
    """(eligible, amount, why, arithmetic) of each claim, applied in order (rows 2, 3, …)."""
    numbered = [
        Claim(i, c.sheet, c.applicant, c.applicant_type, c.rule, c.year, c.quantities)
        for i, c in enumerate(claims, start=2)
    ]
    result = apply_rules(plan, numbered)
    return [(r.eligible, r.amount, why(r, plan), arithmetic(r)) for r in result.results]


def one(plan, rule_id, **kwargs):
    return outcomes(plan, claim(plan, rule_id, **kwargs))[0]


def test_the_plan_has_the_fourteen_rules_in_the_documents_order(plan):
    assert (plan.id, plan.start_year, plan.target_year) == (PLAN_ID, 2024, 2029)
    assert [(r.measure, r.id) for r in plan.rules] == [
        ("(一)", "newcomer_patents"),
        ("(三)", "ip_management_university"),
        ("(三)", "ip_management_institute"),
        ("(六)", "iso56005_grading"),
        ("(七)", "patent_transfer"),
        ("(九)", "patent_intensive_products"),
        ("(十)", "pledge_loan_risk"),
        ("(十二)", "rights_domestic"),
        ("(十二)", "rights_overseas"),
        ("(十三)", "public_service_body"),
        ("(十四)", "ip_operation_body"),
        ("(十五)", "gi_tourism_group_standard"),
        ("(十五)", "gi_tourism_local_standard"),
        ("(十七)", "ip_research_centre"),
    ]


# (一) newcomer_patents: 新引進, ≥ 40 new invention patents, high-value ≥ 1/3 of them → 50.

NEWCOMER_MET = (
    "新引進企業：是；兩年內新增發明專利40件，不少于40件；"
    "其中高價值發明專利14件，占兩年內新增發明專利40件不少于1/3"
)


def newcomer(plan, patents, high_value, introduced=True, **kwargs):
    return claim(
        plan,
        "newcomer_patents",
        newly_introduced=introduced,
        new_invention_patents=patents,
        new_high_value_patents=high_value,
        **kwargs,
    )


def test_newcomer_with_40_patents_of_which_14_high_value_gets_50(plan):
    # 40 ≥ 40; 14 / 40 = 0.35 ≥ 1/3 (14 × 3 = 42 ≥ 40) → the fixed 50 万元
    assert outcomes(plan, newcomer(plan, 40, 14)) == [
        (True, Decimal(50), NEWCOMER_MET, "50.0 万元")
    ]


def test_newcomer_with_39_patents_is_one_short(plan):
    # 39 < 40, though 13 / 39 is exactly 1/3
    assert outcomes(plan, newcomer(plan, 39, 13)) == [
        (False, Decimal(0), "未达条件：兩年內新增發明專利39件，不足40件", "")
    ]


def test_newcomer_with_13_high_value_of_40_is_below_a_third(plan):
    # 13 / 40 = 0.325 < 1/3 (13 × 3 = 39 < 40)
    assert outcomes(plan, newcomer(plan, 40, 13)) == [
        (
            False,
            Decimal(0),
            "未达条件：其中高價值發明專利13件，占兩年內新增發明專利40件不足1/3",
            "",
        )
    ]


def test_newcomer_with_exactly_a_third_high_value_is_enough(plan):
    # 14 / 42 = 1/3 exactly: 不少于1/3 includes it → 50
    eligible, amount, _, text = outcomes(plan, newcomer(plan, 42, 14))[0]
    assert (eligible, amount, text) == (True, Decimal(50), "50.0 万元")


def test_newcomer_must_be_newly_introduced(plan):
    assert outcomes(plan, newcomer(plan, 40, 14, introduced=False)) == [
        (False, Decimal(0), "未达条件：新引進企業：否", "")
    ]


def test_newcomer_award_is_once_per_enterprise_even_in_another_year(plan):
    # 一次性: 甲公司 is granted 50 in row 2; its claims of 2024 again and of 2025 get 0;
    # 乙公司 is another enterprise → 50. Total 50 + 0 + 0 + 50 = 100.
    claims = [
        newcomer(plan, 40, 14),
        newcomer(plan, 45, 20),
        newcomer(plan, 40, 14, year=2025),
        newcomer(plan, 40, 14, who="乙公司"),
    ]
    assert outcomes(plan, *claims) == [
        (True, Decimal(50), NEWCOMER_MET, "50.0 万元"),
        (False, Decimal(0), "一次性奖补，已在第2行给予", ""),
        (False, Decimal(0), "一次性奖补，已在第2行给予", ""),
        (True, Decimal(50), NEWCOMER_MET, "50.0 万元"),
    ]


def test_once_only_compares_applicants_ignoring_spaces_width_and_case(plan):
    # "ＡＢＣ 公司" and "abc公司" are the same enterprise written two ways
    claims = [newcomer(plan, 40, 14, who="ＡＢＣ 公司"), newcomer(plan, 40, 14, who="abc公司")]
    assert [o[:3] for o in outcomes(plan, *claims)] == [
        (True, Decimal(50), NEWCOMER_MET),
        (False, Decimal(0), "一次性奖补，已在第2行给予"),
    ]


def test_a_refused_claim_does_not_use_up_a_once_only_award(plan):
    # row 2 fails (39 patents), so row 3 is the first grant → 50
    claims = [newcomer(plan, 39, 13), newcomer(plan, 40, 14)]
    assert [o[:2] for o in outcomes(plan, *claims)] == [
        (False, Decimal(0)),
        (True, Decimal(50)),
    ]


def test_newcomer_in_english(plan):
    result = apply_rules(plan, [newcomer(plan, 40, 14), newcomer(plan, 40, 14, row=3)])
    first, second = result.results
    assert why(first, plan, "en") == (
        "Newly introduced: yes; New invention patents in two years 40 件 ≥ 40; "
        "Of which high-value 14 of 40 (New invention patents in two years), at least 1/3"
    )
    assert arithmetic(first, "en") == "50.0 万元"
    assert why(second, plan, "en") == "one-off: already granted in row 2"


# (三) first certification: university 10, research institute 5, once each.


def test_university_certification_gets_10_and_institute_5(plan):
    claims = [
        claim(
            plan,
            "ip_management_university",
            who="漳州大学",
            kind=UNIVERSITY,
            first_certification=True,
        ),
        claim(
            plan,
            "ip_management_institute",
            who="漳州研究院",
            kind=INSTITUTE,
            first_certification=True,
        ),
    ]
    # 分別 10萬元、5萬元
    assert outcomes(plan, *claims) == [
        (True, Decimal(10), "首次通過認證：是", "10.0 万元"),
        (True, Decimal(5), "首次通過認證：是", "5.0 万元"),
    ]


def test_an_enterprise_cannot_claim_the_certification_subsidy(plan):
    assert one(plan, "ip_management_university", first_certification=True) == (
        False,
        Decimal(0),
        "本项适用于高校，申请单位为企业",
        "",
    )


def test_certification_must_be_the_first_and_is_once_only(plan):
    claims = [
        claim(plan, "ip_management_institute", who="所", kind=INSTITUTE, first_certification=False),
        claim(plan, "ip_management_institute", who="所", kind=INSTITUTE, first_certification=True),
        claim(
            plan,
            "ip_management_institute",
            who="所",
            kind=INSTITUTE,
            year=2026,
            first_certification=True,
        ),
    ]
    assert [o[:3] for o in outcomes(plan, *claims)] == [
        (False, Decimal(0), "未达条件：首次通過認證：否"),
        (True, Decimal(5), "首次通過認證：是"),
        (False, Decimal(0), "一次性奖补，已在第3行给予"),
    ]


# (六) ISO 56005 grades 1…5 → 8, 12, 18, 24, 38, once per enterprise.


@pytest.mark.parametrize(
    ("grade", "amount"),
    [(1, 8), (2, 12), (3, 18), (4, 24), (5, 38)],  # 一級到五級分別 8、12、18、24、38萬元
)
def test_iso56005_grade_amounts(plan, grade, amount):
    assert one(plan, "iso56005_grading", iso56005_grade=grade) == (
        True,
        Decimal(amount),
        "无附加条件",
        f"{grade}级 → {amount}.0 万元",
    )


def test_iso56005_grading_is_once_per_enterprise(plan):
    # a later, higher grade is not paid again: 18 for grade 3, then 0
    claims = [
        claim(plan, "iso56005_grading", iso56005_grade=3),
        claim(plan, "iso56005_grading", iso56005_grade=5, year=2025),
    ]
    assert [o[:3] for o in outcomes(plan, *claims)] == [
        (True, Decimal(18), "无附加条件"),
        (False, Decimal(0), "一次性奖补，已在第2行给予"),
    ]


def test_iso56005_grade_in_english(plan):
    result = apply_rules(plan, [claim(plan, "iso56005_grading", iso56005_grade=2)])
    assert arithmetic(result.results[0], "en") == "grade 2 → 12.0 万元"


# (七) patents transferred by a university or institute: 3 at 6, + 0.5 each beyond, cap 30
# per unit and year, one claim per unit and year.


def transfer(plan, n, who="漳州大学", year=2024, kind=UNIVERSITY):
    return claim(plan, "patent_transfer", who=who, kind=kind, year=year, patents_transferred=n)


@pytest.mark.parametrize(
    ("n", "amount", "text"),
    [
        (6, "3", "3 + 0.5 × 0 = 3.0 万元"),  # 3 + 0.5 × (6 − 6) = 3
        (7, "3.5", "3 + 0.5 × 1 = 3.5 万元"),  # 3 + 0.5 × 1 = 3.5
        (10, "5", "3 + 0.5 × 4 = 5.0 万元"),  # 3 + 0.5 × 4 = 5
        (59, "29.5", "3 + 0.5 × 53 = 29.5 万元"),  # 3 + 26.5 = 29.5
        (60, "30", "3 + 0.5 × 54 = 30.0 万元"),  # 3 + 27 = 30: at the cap, not over it
    ],
)
def test_patent_transfer_amounts_below_the_cap(plan, n, amount, text):
    assert outcomes(plan, transfer(plan, n)) == [
        (True, Decimal(amount), f"向漳州市企業轉讓發明專利{n}件，不少于6件", text)
    ]


def test_patent_transfer_above_the_cap_is_held_to_30(plan):
    # 3 + 0.5 × (61 − 6) = 3 + 27.5 = 30.5 > 30 → 30
    assert outcomes(plan, transfer(plan, 61)) == [
        (
            True,
            Decimal(30),
            "向漳州市企業轉讓發明專利61件，不少于6件",
            "3 + 0.5 × 55 = 30.5 万元，超过上限30.0万元，按30.0万元",
        )
    ]


def test_patent_transfer_of_5_is_below_the_threshold(plan):
    assert outcomes(plan, transfer(plan, 5)) == [
        (False, Decimal(0), "未达条件：向漳州市企業轉讓發明專利5件，不足6件", "")
    ]


def test_patent_transfer_is_for_universities_and_institutes(plan):
    # a research institute qualifies too: 3 + 0.5 × 2 = 4
    assert one(plan, "patent_transfer", who="所", kind=INSTITUTE, patents_transferred=8)[:2] == (
        True,
        Decimal(4),
    )
    assert one(plan, "patent_transfer", patents_transferred=8) == (
        False,
        Decimal(0),
        "本项适用于高校，科研院所，申请单位为企业",
        "",
    )


def test_patent_transfer_is_one_claim_per_unit_and_year(plan):
    # 2024: row 2 gets 3 + 0.5 × 4 = 5, row 3 (same unit, same year) gets 0;
    # 2025: a new year → 3 + 0.5 × 0 = 3; another university in 2024 → 3 + 0.5 × 1 = 3.5
    claims = [
        transfer(plan, 10),
        transfer(plan, 20),
        transfer(plan, 6, year=2025),
        transfer(plan, 7, who="闽南大学"),
    ]
    assert outcomes(plan, *claims) == [
        (True, Decimal(5), "向漳州市企業轉讓發明專利10件，不少于6件", "3 + 0.5 × 4 = 5.0 万元"),
        (False, Decimal(0), "每年一次，2024年已在第2行给予", ""),
        (True, Decimal(3), "向漳州市企業轉讓發明專利6件，不少于6件", "3 + 0.5 × 0 = 3.0 万元"),
        (True, Decimal("3.5"), "向漳州市企業轉讓發明專利7件，不少于6件", "3 + 0.5 × 1 = 3.5 万元"),
    ]


def test_patent_transfer_cap_and_once_in_english(plan):
    result = apply_rules(
        plan,
        [
            transfer(plan, 61),
            claim(
                plan,
                "patent_transfer",
                row=3,
                who="漳州大学",
                kind=UNIVERSITY,
                patents_transferred=6,
            ),
        ],
    )
    first, second = result.results
    assert arithmetic(first, "en") == "3 + 0.5 × 55 = 30.5 万元; capped at 30.0 万元: 30.0 万元"
    assert why(second, plan, "en") == "once a year: already granted for 2024 in row 2"


# (九) recognised patent-intensive products: 0.5 each, at most 10 per enterprise and year.


def products(plan, n, who="甲公司", year=2024):
    return claim(plan, "patent_intensive_products", who=who, year=year, products_recognised=n)


@pytest.mark.parametrize(
    ("n", "amount", "text"),
    [
        (1, "0.5", "0.5 × 1 = 0.5 万元"),  # 0.5 × 1
        (19, "9.5", "0.5 × 19 = 9.5 万元"),  # 0.5 × 19
        (20, "10", "0.5 × 20 = 10.0 万元"),  # 0.5 × 20 = 10: the cap exactly, not cut
        (21, "10", "0.5 × 21 = 10.5 万元，超过上限10.0万元，按10.0万元"),  # 10.5 > 10 → 10
    ],
)
def test_patent_intensive_products_amounts(plan, n, amount, text):
    assert outcomes(plan, products(plan, n)) == [
        (True, Decimal(amount), f"認定專利密集型產品{n}件，不少于1件", text)
    ]


def test_no_recognised_product_is_not_eligible(plan):
    assert outcomes(plan, products(plan, 0)) == [
        (False, Decimal(0), "未达条件：認定專利密集型產品0件，不足1件", "")
    ]


def test_patent_intensive_products_yearly_cap_over_several_claims(plan):
    # row 2: 0.5 × 12 = 6 (room 10); row 3: 6 but only 10 − 6 = 4 left → 4;
    # row 4: 6 but 10 − 10 = 0 left → 0, still eligible; another enterprise (row 5) and the
    # next year (row 6) start afresh → 6 each. Total 6 + 4 + 0 + 6 + 6 = 22.
    claims = [
        products(plan, 12),
        products(plan, 12),
        products(plan, 12),
        products(plan, 12, who="乙公司"),
        products(plan, 12, year=2025),
    ]
    met = "認定專利密集型產品12件，不少于1件"
    assert outcomes(plan, *claims) == [
        (True, Decimal(6), met, "0.5 × 12 = 6.0 万元"),
        (
            True,
            Decimal(4),
            met,
            "0.5 × 12 = 6.0 万元，本年度已在第2行给予6.0万元，年度上限10.0万元，按4.0万元",
        ),
        (
            True,
            Decimal(0),
            met,
            "0.5 × 12 = 6.0 万元，本年度已在第2、3行给予10.0万元，年度上限10.0万元，按0.0万元",
        ),
        (True, Decimal(6), met, "0.5 × 12 = 6.0 万元"),
        (True, Decimal(6), met, "0.5 × 12 = 6.0 万元"),
    ]
    numbered = [
        Claim(i, c.sheet, c.applicant, c.applicant_type, c.rule, c.year, c.quantities)
        for i, c in enumerate(claims, start=2)
    ]
    result = apply_rules(plan, numbered)
    assert result.total == Decimal(22)
    [total] = result.by_rule()
    assert (total.rule.id, total.claims, total.eligible, total.amount) == (
        "patent_intensive_products",
        5,
        5,
        Decimal(22),
    )


def test_yearly_cap_in_english(plan):
    result = apply_rules(plan, [products(plan, 12), products(plan, 12)])
    assert arithmetic(result.results[1], "en") == (
        "0.5 × 12 = 6.0 万元; 6.0 万元 already granted this year (row 2), "
        "yearly cap 10.0 万元: 4.0 万元"
    )


# (十) pledge loan risk compensation: the fund bears 80 % of a bank's principal loss.


def test_pledge_loan_risk_is_80_percent_of_the_loss(plan):
    # 0.8 × 50 = 40
    assert one(plan, "pledge_loan_risk", who="漳州银行", kind=BANK, loan_loss=Decimal(50)) == (
        True,
        Decimal(40),
        "无附加条件",
        "0.8 × 50 = 40.0 万元",
    )


def test_pledge_loan_risk_on_a_fractional_loss(plan):
    # 0.8 × 12.5 = 10; 0.8 × 0.25 = 0.2
    loss = one(plan, "pledge_loan_risk", kind=BANK, loan_loss=Decimal("12.5"))
    assert loss == (True, Decimal(10), "无附加条件", "0.8 × 12.5 = 10.0 万元")
    small = one(plan, "pledge_loan_risk", kind=BANK, loan_loss=Decimal("0.25"))
    assert small == (True, Decimal("0.2"), "无附加条件", "0.8 × 0.25 = 0.2 万元")


def test_no_loss_no_compensation(plan):
    assert one(plan, "pledge_loan_risk", kind=BANK, loan_loss=Decimal(0)) == (
        False,
        Decimal(0),
        "应补金额为0",
        "",
    )


def test_pledge_loan_risk_is_for_banks(plan):
    assert one(plan, "pledge_loan_risk", loan_loss=Decimal(50)) == (
        False,
        Decimal(0),
        "本项适用于银行，申请单位为企业",
        "",
    )


# (十二) cases won: the cost, at most 20 per case; the domestic one in a 9+5 industry only.


def domestic(plan, cost, key_industry=True, won=True, **kwargs):
    return claim(
        plan, "rights_domestic", key_industry=key_industry, won=won, cost=Decimal(cost), **kwargs
    )


def test_domestic_case_pays_the_cost_up_to_20(plan):
    met = "屬“9+5”千百億產業：是；勝訴：是"
    # 20 ≤ 20 → 20; 19.5 → 19.5; 20.5 > 20 → 20
    assert outcomes(plan, domestic(plan, 20)) == [(True, Decimal(20), met, "20.0 万元")]
    assert outcomes(plan, domestic(plan, "19.5")) == [(True, Decimal("19.5"), met, "19.5 万元")]
    assert outcomes(plan, domestic(plan, "20.5")) == [
        (True, Decimal(20), met, "20.5 万元，超过上限20.0万元，按20.0万元")
    ]


def test_the_domestic_cap_is_per_case_not_per_year(plan):
    # two won cases in 2024: 20.5 → 20 and 20.5 → 20 again (each case its own cap) = 40
    claims = [domestic(plan, "20.5"), domestic(plan, "20.5")]
    assert [o[1::2] for o in outcomes(plan, *claims)] == [
        (Decimal(20), "20.5 万元，超过上限20.0万元，按20.0万元"),
        (Decimal(20), "20.5 万元，超过上限20.0万元，按20.0万元"),
    ]


def test_domestic_case_needs_a_key_industry_and_a_win(plan):
    assert outcomes(plan, domestic(plan, 10, key_industry=False)) == [
        (False, Decimal(0), "未达条件：屬“9+5”千百億產業：否", "")
    ]
    assert outcomes(plan, domestic(plan, 10, won=False)) == [
        (False, Decimal(0), "未达条件：勝訴：否", "")
    ]


def test_overseas_case_needs_a_win_only(plan):
    won = one(plan, "rights_overseas", won=True, cost=Decimal("12.5"))
    assert won == (True, Decimal("12.5"), "勝訴：是", "12.5 万元")
    lost = one(plan, "rights_overseas", won=False, cost=Decimal(5))
    assert lost == (False, Decimal(0), "未达条件：勝訴：否", "")
    capped = one(plan, "rights_overseas", won=True, cost=Decimal(35))
    # 35 > 20 → 20
    assert capped == (True, Decimal(20), "勝訴：是", "35.0 万元，超过上限20.0万元，按20.0万元")


def test_a_case_that_cost_nothing_is_not_eligible(plan):
    assert outcomes(plan, domestic(plan, 0)) == [(False, Decimal(0), "应补金额为0", "")]


# (十三) public service body: ≥ 5 enterprises, ≥ 50 transfers, ≥ 50 filings, fees waived
# → 15 a year.


def service_body(plan, pledges, transfers, filings, waived, year=2024, who="快维中心"):
    return claim(
        plan,
        "public_service_body",
        who=who,
        kind=SERVICE,
        year=year,
        pledge_enterprises=pledges,
        transfers_licences=transfers,
        product_filings=filings,
        fees_waived=waived,
    )


SERVICE_MET = (
    "質押登記惠及企業5家，不少于5家；專利轉讓許可數50件，不少于50件；"
    "專利密集型產品備案數50件，不少于50件；免收服務費：是"
)


def test_public_service_body_at_every_threshold_gets_15(plan):
    assert outcomes(plan, service_body(plan, 5, 50, 50, True)) == [
        (True, Decimal(15), SERVICE_MET, "15.0 万元")
    ]


@pytest.mark.parametrize(
    ("figures", "failed"),
    [
        ((4, 50, 50, True), "質押登記惠及企業4家，不足5家"),
        ((5, 49, 50, True), "專利轉讓許可數49件，不足50件"),
        ((5, 50, 49, True), "專利密集型產品備案數49件，不足50件"),
        ((5, 50, 50, False), "免收服務費：否"),
    ],
)
def test_public_service_body_one_short_is_not_eligible(plan, figures, failed):
    assert outcomes(plan, service_body(plan, *figures)) == [
        (False, Decimal(0), f"未达条件：{failed}", "")
    ]


def test_public_service_body_is_paid_once_a_year(plan):
    # 2024: 15, then 0 for a second 2024 claim; 2025: 15 again. Total 30.
    claims = [
        service_body(plan, 5, 50, 50, True),
        service_body(plan, 9, 90, 90, True),
        service_body(plan, 5, 50, 50, True, year=2025),
    ]
    assert outcomes(plan, *claims) == [
        (True, Decimal(15), SERVICE_MET, "15.0 万元"),
        (False, Decimal(0), "每年一次，2024年已在第2行给予", ""),
        (True, Decimal(15), SERVICE_MET, "15.0 万元"),
    ]


# (十四) operation body: the amount assessed, at most 200 per body and year.


def operation(plan, assessed, year=2024, who="运营中心"):
    return claim(
        plan,
        "ip_operation_body",
        who=who,
        kind=SERVICE,
        year=year,
        assessed_amount=Decimal(assessed),
    )


def test_operation_body_gets_the_assessed_amount_up_to_200(plan):
    # 200 ≤ 200 → 200; 200.5 > 200 → 200
    assert outcomes(plan, operation(plan, 200)) == [
        (True, Decimal(200), "无附加条件", "200.0 万元")
    ]
    assert outcomes(plan, operation(plan, "200.5")) == [
        (True, Decimal(200), "无附加条件", "200.5 万元，超过上限200.0万元，按200.0万元")
    ]


def test_operation_body_yearly_cap_over_two_claims(plan):
    # row 2: 150; row 3: 100 asked, 200 − 150 = 50 left → 50; 2025 (row 4): 100 → 100
    claims = [operation(plan, 150), operation(plan, 100), operation(plan, 100, year=2025)]
    assert outcomes(plan, *claims) == [
        (True, Decimal(150), "无附加条件", "150.0 万元"),
        (
            True,
            Decimal(50),
            "无附加条件",
            "100.0 万元，本年度已在第2行给予150.0万元，年度上限200.0万元，按50.0万元",
        ),
        (True, Decimal(100), "无附加条件", "100.0 万元"),
    ]


# (十五) GI tourism: a group standard guiding ≥ 15 entities → 15 once; 5 per local standard.


def test_group_standard_guiding_15_entities_gets_15(plan):
    kinds = (ENTERPRISE, UNIVERSITY, INSTITUTE, SERVICE)
    claims = [
        claim(plan, "gi_tourism_group_standard", who=f"组织{i}", kind=k, entities_guided=15)
        for i, k in enumerate(kinds)
    ]
    assert (
        outcomes(plan, *claims)
        == [(True, Decimal(15), "指導市場主體15个，不少于15个", "15.0 万元")] * 4
    )


def test_group_standard_guiding_14_is_one_short(plan):
    assert one(plan, "gi_tourism_group_standard", entities_guided=14) == (
        False,
        Decimal(0),
        "未达条件：指導市場主體14个，不足15个",
        "",
    )


def test_group_standard_is_once_only_and_not_for_banks(plan):
    claims = [
        claim(plan, "gi_tourism_group_standard", entities_guided=15),
        claim(plan, "gi_tourism_group_standard", entities_guided=30, year=2025),
        claim(plan, "gi_tourism_group_standard", who="漳州银行", kind=BANK, entities_guided=15),
    ]
    assert [o[:3] for o in outcomes(plan, *claims)] == [
        (True, Decimal(15), "指導市場主體15个，不少于15个"),
        (False, Decimal(0), "一次性奖补，已在第2行给予"),
        (False, Decimal(0), "本项适用于企业，高校，科研院所，服务机构，申请单位为银行"),
    ]


def test_local_standards_pay_5_each(plan):
    # 5 × 1 = 5; 5 × 2 = 10; and again in the same year (no once, no cap): 5 × 2 = 10
    claims = [
        claim(plan, "gi_tourism_local_standard", local_standards=1),
        claim(plan, "gi_tourism_local_standard", local_standards=2),
        claim(plan, "gi_tourism_local_standard", local_standards=2),
    ]
    assert outcomes(plan, *claims) == [
        (True, Decimal(5), "參與制定地方標準(排名前二)1项，不少于1项", "5 × 1 = 5.0 万元"),
        (True, Decimal(10), "參與制定地方標準(排名前二)2项，不少于1项", "5 × 2 = 10.0 万元"),
        (True, Decimal(10), "參與制定地方標準(排名前二)2项，不少于1项", "5 × 2 = 10.0 万元"),
    ]


def test_no_local_standard_is_not_eligible(plan):
    assert one(plan, "gi_tourism_local_standard", local_standards=0) == (
        False,
        Decimal(0),
        "未达条件：參與制定地方標準(排名前二)0项，不足1项",
        "",
    )


# (十七) IP research centre at a university or institute: 30 a year.


def centre(plan, flag=True, year=2024, who="漳州大学", kind=UNIVERSITY):
    return claim(plan, "ip_research_centre", who=who, kind=kind, year=year, research_centre=flag)


def test_research_centre_gets_30_once_a_year(plan):
    # 2024: 30, a second 2024 claim 0; 2025: 30; an institute in 2024: 30. Total 90.
    claims = [
        centre(plan),
        centre(plan),
        centre(plan, year=2025),
        centre(plan, who="漳州研究院", kind=INSTITUTE),
    ]
    assert outcomes(plan, *claims) == [
        (True, Decimal(30), "知識產權研究中心：是", "30.0 万元"),
        (False, Decimal(0), "每年一次，2024年已在第2行给予", ""),
        (True, Decimal(30), "知識產權研究中心：是", "30.0 万元"),
        (True, Decimal(30), "知識產權研究中心：是", "30.0 万元"),
    ]


def test_research_centre_needs_the_flag_and_a_university_or_institute(plan):
    assert outcomes(plan, centre(plan, flag=False)) == [
        (False, Decimal(0), "未达条件：知識產權研究中心：否", "")
    ]
    assert outcomes(plan, centre(plan, who="甲公司", kind=ENTERPRISE)) == [
        (False, Decimal(0), "本项适用于高校，科研院所，申请单位为企业", "")
    ]


# The measures' period: 2024–2029.


@pytest.mark.parametrize(
    ("year", "eligible", "reason"),
    [
        (2023, False, "2023年不在措施有效期（2024–2029年）内"),
        (2024, True, "知識產權研究中心：是"),
        (2029, True, "知識產權研究中心：是"),
        (2030, False, "2030年不在措施有效期（2024–2029年）内"),
    ],
)
def test_claims_outside_2024_to_2029_are_not_eligible(plan, year, eligible, reason):
    # inside the period 30, outside 0
    assert outcomes(plan, centre(plan, year=year)) == [
        (eligible, Decimal(30 if eligible else 0), reason, "30.0 万元" if eligible else "")
    ]


def test_a_year_outside_the_period_in_english(plan):
    result = apply_rules(plan, [centre(plan, year=2023)])
    assert why(result.results[0], plan, "en") == "2023 is outside the measures' period 2024–2029"


def test_totals_by_rule_in_the_catalogues_order(plan):
    # claims given out of the catalogue's order; totals come in its order:
    # (十四) 150 + 50 = 200 (2 claims, 2 eligible); (一) 50 + 0 = 50 (2, 1);
    # (七) 3 + 0.5 × 4 = 5 (1, 1). Overall 200 + 50 + 5 = 255, 5 claims, 4 eligible.
    claims = [
        operation(plan, 150),
        newcomer(plan, 40, 14),
        operation(plan, 100),
        transfer(plan, 10),
        newcomer(plan, 40, 14),
    ]
    numbered = [
        Claim(i, c.sheet, c.applicant, c.applicant_type, c.rule, c.year, c.quantities)
        for i, c in enumerate(claims, start=2)
    ]
    result = apply_rules(plan, numbered)
    assert [(t.rule.measure, t.claims, t.eligible, t.amount) for t in result.by_rule()] == [
        ("(一)", 2, 1, Decimal(50)),
        ("(七)", 1, 1, Decimal(5)),
        ("(十四)", 2, 2, Decimal(200)),
    ]
    assert result.total == Decimal(255)


# --- the claims workbook ------------------------------------------------------------------

# Every quantity's column: id, heading in simplified characters (an alias), heading in
# traditional characters (the catalogue's name). Columns E… in this order.
QUANTITIES = [
    ("newly_introduced", "新引进企业", "新引進企業"),
    ("new_invention_patents", "两年内新增发明专利", "兩年內新增發明專利"),
    ("new_high_value_patents", "其中高价值发明专利", "其中高價值發明專利"),
    ("first_certification", "首次通过认证", "首次通過認證"),
    ("iso56005_grade", "ISO56005评级", "ISO56005評級"),
    ("patents_transferred", "向漳州市企业转让发明专利", "向漳州市企業轉讓發明專利"),
    ("products_recognised", "认定专利密集型产品", "認定專利密集型產品"),
    ("loan_loss", "贷款本金损失", "貸款本金損失"),
    ("key_industry", "属“9+5”千百亿产业", "屬“9+5”千百億產業"),
    ("won", "胜诉", "勝訴"),
    ("cost", "维权或应对成本", "維權或應對成本"),
    ("pledge_enterprises", "质押登记惠及企业", "質押登記惠及企業"),
    ("transfers_licences", "专利转让许可数", "專利轉讓許可數"),
    ("product_filings", "专利密集型产品备案数", "專利密集型產品備案數"),
    ("fees_waived", "免收服务费", "免收服務費"),
    ("assessed_amount", "核定补助金额", "核定補助金額"),
    ("entities_guided", "指导市场主体", "指導市場主體"),
    ("local_standards", "参与制定地方标准(排名前二)", "參與制定地方標準(排名前二)"),
    ("research_centre", "知识产权研究中心", "知識產權研究中心"),
]
SIMPLIFIED = ["申请单位", "单位类型", "措施", "年度", *(q[1] for q in QUANTITIES)]
TRADITIONAL = ["申請單位", "單位類型", "措施", "年度", *(q[2] for q in QUANTITIES)]
# column letters: A applicant, B type, C measure, D year, E newly_introduced … W research_centre
COLUMN = {q[0]: chr(ord("E") + i) for i, q in enumerate(QUANTITIES)}


def row(applicant, kind, measure, year, **quantities):
    return [applicant, kind, measure, year, *(quantities.get(q[0]) for q in QUANTITIES)]


def book(path, *rows, header=SIMPLIFIED):
    return write_workbook(path, [header, *rows])


def test_column_letters_are_as_the_tests_assume():
    assert (COLUMN["newly_introduced"], COLUMN["patents_transferred"]) == ("E", "J")
    assert (COLUMN["loan_loss"], COLUMN["won"], COLUMN["research_centre"]) == ("L", "N", "W")


def test_read_claims_with_simplified_headings(plan, tmp_path):
    path = book(
        tmp_path / "claims.xlsx",
        row(
            "甲公司",
            "企业",
            "(一)",
            2024,
            newly_introduced="是",
            new_invention_patents=40,
            new_high_value_patents=14,
        ),
        row("乙大学", "高校", "(七)", "2025年", patents_transferred=10),
        row("丁银行", "银行", "(十)", 2024, loan_loss=12.5),
        row("丙公司", "企业", "国内维权胜诉补助", 2024, key_industry="否", won="是", cost=20),
    )
    claims = read_claims(path, plan)
    assert [(c.row, c.sheet, c.applicant, c.applicant_type, c.rule.id, c.year) for c in claims] == [
        (2, "Sheet1", "甲公司", ENTERPRISE, "newcomer_patents", 2024),
        (3, "Sheet1", "乙大学", UNIVERSITY, "patent_transfer", 2025),
        (4, "Sheet1", "丁银行", BANK, "pledge_loan_risk", 2024),
        (5, "Sheet1", "丙公司", ENTERPRISE, "rights_domestic", 2024),
    ]
    assert [c.quantities for c in claims] == [
        {"newly_introduced": True, "new_invention_patents": 40, "new_high_value_patents": 14},
        {"patents_transferred": 10},
        {"loan_loss": Decimal("12.5")},
        {"key_industry": False, "won": True, "cost": Decimal(20)},
    ]


def test_read_claims_with_traditional_headings(plan, tmp_path):
    path = book(
        tmp_path / "claims.xlsx",
        row("漳州大學", "高校", "(十七)", 2024, research_centre="是"),
        row(
            "服務中心",
            "服務機構",
            "(十三)",
            2024,
            pledge_enterprises=5,
            transfers_licences=50,
            product_filings=50,
            fees_waived="是",
        ),
        row("甲企業", "企業", "(六)", 2024, iso56005_grade=4),
        header=TRADITIONAL,
    )
    claims = read_claims(path, plan)
    assert [(c.applicant_type, c.rule.id, c.quantities) for c in claims] == [
        (UNIVERSITY, "ip_research_centre", {"research_centre": True}),
        (
            SERVICE,
            "public_service_body",
            {
                "pledge_enterprises": 5,
                "transfers_licences": 50,
                "product_filings": 50,
                "fees_waived": True,
            },
        ),
        (ENTERPRISE, "iso56005_grading", {"iso56005_grade": 4}),
    ]
    # 30 + 15 + 24 (grade 4) = 69
    assert apply_rules(plan, claims).total == Decimal(69)


@pytest.mark.parametrize(
    "measure",
    [
        "(七)",
        "（七）",
        "七",
        "7",
        7,
        "第七条",
        "高校院所專利轉讓獎勵",
        "高校院所专利转让奖励",
        "patent_transfer",
        "University or institute: invention patents transferred to Zhangzhou enterprises",
    ],
)
def test_the_measure_may_be_written_many_ways(plan, tmp_path, measure):
    path = book(
        tmp_path / "claims.xlsx", row("乙大学", "高校", measure, 2024, patents_transferred=8)
    )
    [c] = read_claims(path, plan)
    assert (c.rule.id, c.quantities) == ("patent_transfer", {"patents_transferred": 8})


@pytest.mark.parametrize(
    ("kind", "measure", "rule_id"),
    [
        ("高校", "(三)", "ip_management_university"),
        ("科研院所", "(三)", "ip_management_institute"),
        ("企业", "(三)", "ip_management_university"),  # none fits: the first says why not
        ("企业", "海外维权应对胜诉补助", "rights_overseas"),
        ("企业", "rights_domestic", "rights_domestic"),
        ("企业", "地标文旅地方标准起草补助", "gi_tourism_local_standard"),
        ("服务机构", "地標文旅團體標準獎勵", "gi_tourism_group_standard"),
    ],
)
def test_the_applicants_type_or_the_rules_name_chooses_among_a_measures_rules(
    plan, tmp_path, kind, measure, rule_id
):
    path = book(
        tmp_path / "claims.xlsx",
        row(
            "某单位",
            kind,
            measure,
            2024,
            first_certification="是",
            won="是",
            cost=5,
            key_industry="是",
            local_standards=1,
            entities_guided=15,
        ),
    )
    [c] = read_claims(path, plan)
    assert c.rule.id == rule_id


def test_blank_rows_are_skipped_and_units_after_figures_are_read(plan, tmp_path):
    path = book(
        tmp_path / "claims.xlsx",
        row("乙大学", "高校", "(七)", 2024, patents_transferred="12件"),
        [None] * len(SIMPLIFIED),
        row("丁银行", "银行", "(十)", 2024, loan_loss="30万元"),
    )
    claims = read_claims(path, plan)
    assert [(c.row, c.quantities) for c in claims] == [
        (2, {"patents_transferred": 12}),
        (4, {"loan_loss": Decimal(30)}),
    ]


def test_a_note_column_and_a_year_written_as_a_word_are_read(plan, tmp_path):
    path = write_workbook(
        tmp_path / "claims.xlsx",
        [
            [*SIMPLIFIED, "备注"],
            [*row("漳州大学", "高校", "(十七)", "2024年度", research_centre="是"), "见附件"],
        ],
    )
    [c] = read_claims(path, plan)
    assert (c.year, c.note, c.quantities) == (2024, "见附件", {"research_centre": True})


def test_a_total_row_below_the_claims_is_skipped_when_a_number_column_comes_first(plan, tmp_path):
    path = write_workbook(
        tmp_path / "claims.xlsx",
        [
            ["序号", *SIMPLIFIED],
            [1, *row("丁银行", "银行", "(十)", 2024, loan_loss=50)],
            ["合计", None, None, None, None],
        ],
    )
    [c] = read_claims(path, plan)
    assert (c.row, c.applicant, c.quantities) == (2, "丁银行", {"loan_loss": Decimal(50)})


def test_a_total_row_below_the_claims_is_skipped_when_the_applicant_comes_first(plan, tmp_path):
    path = book(
        tmp_path / "claims.xlsx",
        row("丁银行", "银行", "(十)", 2024, loan_loss=50),
        row("合计", None, None, None, loan_loss=50),
    )
    [c] = read_claims(path, plan)
    # only the bank's claim: 0.8 × 50 = 40
    assert apply_rules(plan, [c]).total == Decimal(40)


@pytest.mark.parametrize(
    ("claim_row", "cell", "message"),
    [
        (
            row("丁银行", "银行", "(十)", 2024, loan_loss="50%"),
            "L2",
            "貸款本金損失 (loan_loss): '50%' is a percentage, not a number of 万元",
        ),
        (
            row("乙大学", "高校", "(七)", 2024, patents_transferred="10%"),
            "J2",
            "向漳州市企業轉讓發明專利 (patents_transferred): '10%' is a percentage, "
            "not a number of 件",
        ),
    ],
)
def test_a_percentage_is_not_an_amount_or_a_count(plan, tmp_path, claim_row, cell, message):
    path = book(tmp_path / "claims.xlsx", claim_row)
    with pytest.raises(ClaimsError) as caught:
        read_claims(path, plan)
    assert [(p.sheet, p.cell, p.message.text("en")) for p in caught.value.problems] == [
        ("Sheet1", cell, message)
    ]


def test_claims_problems_in_chinese(plan, in_tmp):
    path = book(
        in_tmp / "claims.xlsx",
        row("丁银行", "银行", "(十)", 2024, loan_loss="50%"),
        row("乙大学", "高校", "(七)", 2024, patents_transferred="很多"),
        row("甲公司", "公司", "(十一)", "明年"),
    )
    with pytest.raises(ClaimsError) as caught:
        read_claims(path, plan)
    assert [p.text("zh") for p in caught.value.problems] == [
        "claims.xlsx › Sheet1 › L2：貸款本金損失（loan_loss）一栏：“50%”是百分数，"
        "这一栏要填以万元计的数字",
        "claims.xlsx › Sheet1 › J3：向漳州市企業轉讓發明專利（patents_transferred）一栏："
        "“很多”不是数字",
        "claims.xlsx › Sheet1 › B4：看不懂单位类型“公司”；请填写企业、高校、科研院所、服务机构或银行",
        "claims.xlsx › Sheet1 › D4：年度“明年”不是年份（请填写如2024）",
        "claims.xlsx › Sheet1 › C4：没有奖补规则对应措施“(十一)”；有奖补规则的措施："
        "(一)、(三)、(六)、(七)、(九)、(十)、(十二)、(十三)、(十四)、(十五)、(十七)",
    ]


def test_a_grade_that_does_not_exist_is_a_located_problem(plan, tmp_path):
    path = book(tmp_path / "claims.xlsx", row("甲公司", "企业", "(六)", 2024, iso56005_grade=6))
    with pytest.raises(ClaimsError) as caught:
        read_claims(path, plan)
    [problem] = caught.value.problems
    assert (problem.sheet, problem.cell, problem.message.text("en")) == (
        "Sheet1",
        "I2",
        "ISO56005評級 (iso56005_grade): grade 6 does not exist (grades 1–5)",
    )
    assert problem.text("zh") == (
        f"{display_path(path)} › Sheet1 › I2："
        "ISO56005評級（iso56005_grade）一栏：没有第6档（档次为1–5）"
    )


# --- the command --------------------------------------------------------------------------


def run(runner, *args):
    return runner.invoke(app, ["rewards", "--city", "zhangzhou", *args])


def mixed_book(path):
    """A small workbook of several rules (rows 2–8)."""
    return book(
        path,
        row("乙大学", "高校", "(七)", 2024, patents_transferred=10),
        row("丙公司", "企业", "(九)", 2024, products_recognised=21),
        row("丁银行", "银行", "(十)", 2024, loan_loss=50),
        row(
            "甲公司",
            "企业",
            "(一)",
            2024,
            newly_introduced="是",
            new_invention_patents=40,
            new_high_value_patents=14,
        ),
        row(
            "甲公司",
            "企业",
            "(一)",
            2025,
            newly_introduced="是",
            new_invention_patents=40,
            new_high_value_patents=14,
        ),
        row("戊中心", "服务机构", "(十四)", 2024, assessed_amount=150),
        row("戊中心", "服务机构", "(十四)", 2024, assessed_amount=100),
    )


# Row by row: 2 → 3 + 0.5 × (10 − 6) = 5; 3 → 0.5 × 21 = 10.5, capped 10; 4 → 0.8 × 50 = 40;
# 5 → 50; 6 → 0 (一次性, granted in row 5); 7 → 150; 8 → 100 asked, 200 − 150 = 50 left → 50.
# By rule: (一) 50 + 0 = 50 (2 claims, 1 eligible); (七) 5; (九) 10; (十) 40;
# (十四) 150 + 50 = 200 (2, 2). Overall 50 + 5 + 10 + 40 + 200 = 305; 7 claims, 6 eligible.
MIXED_AMOUNTS = [
    (2, True, 5.0),
    (3, True, 10.0),
    (4, True, 40.0),
    (5, True, 50.0),
    (6, False, 0.0),
    (7, True, 150.0),
    (8, True, 50.0),
]


def test_rewards_plain_output(runner, in_tmp):
    mixed_book(in_tmp / "claims.xlsx")
    result = run(runner, "claims.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "漳州市促進知識產權高質量發展若干措施 · 奖补核算\n"
        "\n"
        "行    申请单位    措施    奖补项目                  年份    符合条件    依据                                                                                                           计算                                                                     金额（万元）\n"
        "----  ----------  ------  ------------------------  ------  ----------  -------------------------------------------------------------------------------------------------------------  -----------------------------------------------------------------------  --------------\n"
        "2     乙大学      (七)    高校院所專利轉讓獎勵      2024    是          向漳州市企業轉讓發明專利10件，不少于6件                                                                        3 + 0.5 × 4 = 5.0 万元                                                   5.0\n"
        "3     丙公司      (九)    專利密集型產品獎勵        2024    是          認定專利密集型產品21件，不少于1件                                                                              0.5 × 21 = 10.5 万元，超过上限10.0万元，按10.0万元                       10.0\n"
        "4     丁银行      (十)    知識產權質押貸款風險補償  2024    是          无附加条件                                                                                                     0.8 × 50 = 40.0 万元                                                     40.0\n"
        "5     甲公司      (一)    新引進企業專利獎勵        2024    是          新引進企業：是；兩年內新增發明專利40件，不少于40件；其中高價值發明專利14件，占兩年內新增發明專利40件不少于1/3  50.0 万元                                                                50.0\n"
        "6     甲公司      (一)    新引進企業專利獎勵        2025    否          一次性奖补，已在第5行给予                                                                                                                                                               0.0\n"
        "7     戊中心      (十四)  知識產權運營機構補助      2024    是          无附加条件                                                                                                     150.0 万元                                                               150.0\n"
        "8     戊中心      (十四)  知識產權運營機構補助      2024    是          无附加条件                                                                                                     100.0 万元，本年度已在第7行给予150.0万元，年度上限200.0万元，按50.0万元  50.0\n"
        "\n"
        "措施    奖补项目                  申请数    符合数    金额（万元）\n"
        "------  ------------------------  --------  --------  --------------\n"
        "(一)    新引進企業專利獎勵        2         1         50.0\n"
        "(七)    高校院所專利轉讓獎勵      1         1         5.0\n"
        "(九)    專利密集型產品獎勵        1         1         10.0\n"
        "(十)    知識產權質押貸款風險補償  1         1         40.0\n"
        "(十四)  知識產權運營機構補助      2         2         200.0\n"
        "合计                              7         6         305.0\n"
        "\n"
        "共7项申请，符合条件6项，合计305.0万元\n"
    )


def test_rewards_json(runner, in_tmp):
    mixed_book(in_tmp / "claims.xlsx")
    result = run(runner, "claims.xlsx", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    doc = json.loads(result.stdout)
    assert (doc["schema"], doc["city"], doc["plan"], doc["unit"]) == (
        "ipkpi.rewards/1",
        "zhangzhou",
        PLAN_ID,
        "万元",
    )
    assert [(c["row"], c["eligible"], c["amount"]) for c in doc["claims"]] == MIXED_AMOUNTS
    assert doc["claims"][1] == {
        "row": 3,
        "sheet": "Sheet1",
        "applicant": "丙公司",
        "type": "enterprise",
        "rule": "patent_intensive_products",
        "measure": "(九)",
        "rule_name": "專利密集型產品獎勵",
        "year": 2024,
        "quantities": {"products_recognised": 21},
        "eligible": True,
        "refusal": None,
        "why": "認定專利密集型產品21件，不少于1件",
        "computed": 10.5,  # 0.5 × 21, before the cap
        "amount": 10.0,
        "capped": True,
        "arithmetic": "0.5 × 21 = 10.5 万元，超过上限10.0万元，按10.0万元",
        "note": None,
    }
    assert (doc["claims"][4]["refusal"], doc["claims"][4]["why"]) == (
        "once",
        "一次性奖补，已在第5行给予",
    )
    assert [
        (t["measure"], t["rule"], t["claims"], t["eligible"], t["amount"]) for t in doc["totals"]
    ] == [
        ("(一)", "newcomer_patents", 2, 1, 50.0),
        ("(七)", "patent_transfer", 1, 1, 5.0),
        ("(九)", "patent_intensive_products", 1, 1, 10.0),
        ("(十)", "pledge_loan_risk", 1, 1, 40.0),
        ("(十四)", "ip_operation_body", 2, 2, 200.0),
    ]
    assert (doc["total"], doc["eligible"], doc["claims_count"]) == (305.0, 6, 7)


def test_rewards_csv(runner, in_tmp):
    mixed_book(in_tmp / "claims.xlsx")
    result = run(runner, "claims.xlsx", "-f", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == (
        "row,applicant,type,measure,rule,year,eligible,refusal,why,arithmetic,computed,amount,capped"
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [
        (r["row"], r["rule"], r["refusal"], r["computed"], r["amount"], r["capped"]) for r in rows
    ] == [
        ("2", "patent_transfer", "", "5.0", "5.0", "False"),
        ("3", "patent_intensive_products", "", "10.5", "10.0", "True"),
        ("4", "pledge_loan_risk", "", "40.0", "40.0", "False"),
        ("5", "newcomer_patents", "", "50.0", "50.0", "False"),
        ("6", "newcomer_patents", "once", "0.0", "0.0", "False"),
        ("7", "ip_operation_body", "", "150.0", "150.0", "False"),
        ("8", "ip_operation_body", "", "100.0", "50.0", "True"),
    ]
    # the amounts add up to the total: 5 + 10 + 40 + 50 + 0 + 150 + 50 = 305
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal(305)


def test_rewards_in_english(runner, in_tmp):
    mixed_book(in_tmp / "claims.xlsx")
    result = run(runner, "claims.xlsx", "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Zhangzhou: 漳州市促進知識產權高質量發展若干措施 · Rewards and subsidies"
    assert lines[-1] == "7 claims, 6 eligible, 305.0 万元 in total"


def test_rewards_writes_a_workbook(runner, in_tmp):
    import openpyxl

    mixed_book(in_tmp / "claims.xlsx")
    result = run(runner, "claims.xlsx", "-o", "out.xlsx")
    assert (result.exit_code, result.stderr) == (0, "已写入 out.xlsx\n")
    assert result.stdout.splitlines()[-1] == "共7项申请，符合条件6项，合计305.0万元"
    workbook = openpyxl.load_workbook(in_tmp / "out.xlsx")
    assert workbook.sheetnames == ["核算结果", "汇总", "规则"]

    claims = workbook["核算结果"]
    assert [c.value for c in claims[4]] == [
        "行",
        "申请单位",
        "单位类型",
        "措施",
        "奖补项目",
        "年份",
        "申报数据",
        "符合条件",
        "依据",
        "计算",
        "金额（万元）",
    ]
    # one claim a row from row 5, the amount in K, the total under them
    assert [
        (claims[f"A{r}"].value, claims[f"H{r}"].value, claims[f"K{r}"].value) for r in range(5, 12)
    ] == [(row, "是" if ok else "否", amount) for row, ok, amount in MIXED_AMOUNTS]
    assert claims["G5"].value == "向漳州市企業轉讓發明專利 10件"
    assert claims["J12"].value is None
    assert (claims["A12"].value, claims["K12"].value) == ("合计", 305)

    totals = workbook["汇总"]
    assert [[c.value for c in r] for r in totals.iter_rows(min_row=3, max_row=9)] == [
        ["措施", "奖补项目", "申请数", "符合数", "金额（万元）"],
        ["(一)", "新引進企業專利獎勵", 2, 1, 50],
        ["(七)", "高校院所專利轉讓獎勵", 1, 1, 5],
        ["(九)", "專利密集型產品獎勵", 1, 1, 10],
        ["(十)", "知識產權質押貸款風險補償", 1, 1, 40],
        ["(十四)", "知識產權運營機構補助", 2, 2, 200],
        ["合计", None, 7, 6, 305],
    ]

    rules = workbook["规则"]
    measures = [rules[f"A{r}"].value for r in range(4, 18)]
    assert measures == [
        "(一)",
        "(三)",
        "(三)",
        "(六)",
        "(七)",
        "(九)",
        "(十)",
        "(十二)",
        "(十二)",
        "(十三)",
        "(十四)",
        "(十五)",
        "(十五)",
        "(十七)",
    ]
    assert rules["A18"].value is None


def test_rewards_replaces_an_existing_workbook(runner, in_tmp):
    import openpyxl

    (in_tmp / "out.xlsx").write_bytes(b"old")
    book(in_tmp / "claims.xlsx", row("乙大学", "高校", "(七)", 2024, patents_transferred=61))
    result = run(runner, "claims.xlsx", "-o", "out.xlsx")
    assert result.exit_code == 0
    sheet = openpyxl.load_workbook(in_tmp / "out.xlsx")["核算结果"]
    # 3 + 0.5 × 55 = 30.5, capped at 30
    assert (sheet["K5"].value, sheet["K6"].value) == (30, 30)
    assert sheet["J5"].value == "3 + 0.5 × 55 = 30.5 万元，超过上限30.0万元，按30.0万元"


# Reader errors: each file has one defect; exit 1, one line, and no workbook written.

CLAIM_CODES = {
    "blank-quantity": "E-CLAIM-VALUE-EMPTY",
    "blank-share": "E-CLAIM-VALUE-EMPTY",
    "missing-column": "E-CLAIM-COLUMN-MISSING",
    "text-for-a-number": "E-CLAIM-NOT-NUMBER",
    "non-whole-count": "E-CLAIM-NOT-WHOLE",
    "negative-amount": "E-CLAIM-NEGATIVE",
    "unknown-type": "E-CLAIM-TYPE-UNKNOWN",
    "unknown-measure": "E-CLAIM-MEASURE-UNKNOWN",
    "ambiguous-measure": "E-CLAIM-MEASURE-AMBIGUOUS",
    "flag-not-yes-or-no": "E-CLAIM-FLAG-INVALID",
    "grade-6": "E-CLAIM-GRADE-UNKNOWN",
    "grade-0": "E-CLAIM-GRADE-UNKNOWN",
    "not-a-year": "E-CLAIM-YEAR-INVALID",
    "no-applicant": "E-CLAIM-APPLICANT-MISSING",
    "missing-marker": "E-CLAIM-VALUE-MISSING",
    "no-header": "E-CLAIMS-NO-TABLE",
    "no-claims": "E-CLAIMS-EMPTY",
}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param(
            [SIMPLIFIED, row("乙大学", "高校", "(七)", 2024)],
            "claims.xlsx › Sheet1 › J2: 高校院所專利轉讓獎勵 needs 向漳州市企業轉讓發明專利 "
            "(patents_transferred); the cell is empty",
            id="blank-quantity",
        ),
        pytest.param(
            [
                SIMPLIFIED,
                row(
                    "甲公司", "企业", "(一)", 2024, newly_introduced="是", new_invention_patents=40
                ),
            ],
            "claims.xlsx › Sheet1 › G2: 新引進企業專利獎勵 needs 其中高價值發明專利 "
            "(new_high_value_patents); the cell is empty",
            id="blank-share",
        ),
        pytest.param(
            [
                ["申请单位", "单位类型", "措施", "年度", "贷款本金损失"],
                ["乙大学", "高校", "(七)", 2024, 10],
            ],
            "claims.xlsx › Sheet1 › C2: no 向漳州市企業轉讓發明專利 column (patents_transferred), "
            "which 高校院所專利轉讓獎勵 needs",
            id="missing-column",
        ),
        pytest.param(
            [SIMPLIFIED, row("乙大学", "高校", "(七)", 2024, patents_transferred="很多")],
            "claims.xlsx › Sheet1 › J2: 向漳州市企業轉讓發明專利 (patents_transferred): "
            "'很多' is not a number",
            id="text-for-a-number",
        ),
        pytest.param(
            [SIMPLIFIED, row("乙大学", "高校", "(七)", 2024, patents_transferred=6.5)],
            "claims.xlsx › Sheet1 › J2: 向漳州市企業轉讓發明專利 (patents_transferred): "
            "6.5 is not a whole number",
            id="non-whole-count",
        ),
        pytest.param(
            [SIMPLIFIED, row("丁银行", "银行", "(十)", 2024, loan_loss=-5)],
            "claims.xlsx › Sheet1 › L2: 貸款本金損失 (loan_loss): -5 is negative",
            id="negative-amount",
        ),
        pytest.param(
            [SIMPLIFIED, row("乙大学", "公司", "(七)", 2024, patents_transferred=10)],
            "claims.xlsx › Sheet1 › B2: type '公司' not understood; "
            "write 企业, 高校, 科研院所, 服务机构 or 银行",
            id="unknown-type",
        ),
        pytest.param(
            [SIMPLIFIED, row("乙大学", "高校", "(十一)", 2024, patents_transferred=10)],
            "claims.xlsx › Sheet1 › C2: no measure '(十一)' with a reward rule; measures: "
            "(一), (三), (六), (七), (九), (十), (十二), (十三), (十四), (十五), (十七)",
            id="unknown-measure",
        ),
        pytest.param(
            [
                SIMPLIFIED,
                row("甲公司", "企业", "(十二)", 2024, key_industry="是", won="是", cost=5),
            ],
            "claims.xlsx › Sheet1 › C2: measure (十二) has 2 rules: "
            "write 國內維權勝訴補助 or 海外維權應對勝訴補助",
            id="ambiguous-measure",
        ),
        pytest.param(
            [
                SIMPLIFIED,
                row(
                    "甲公司",
                    "企业",
                    "国内维权胜诉补助",
                    2024,
                    key_industry="是",
                    won="可能",
                    cost=5,
                ),
            ],
            "claims.xlsx › Sheet1 › N2: 勝訴 (won): '可能' is not 是 or 否",
            id="flag-not-yes-or-no",
        ),
        pytest.param(
            [SIMPLIFIED, row("甲公司", "企业", "(六)", 2024, iso56005_grade=6)],
            "claims.xlsx › Sheet1 › I2: ISO56005評級 (iso56005_grade): "
            "grade 6 does not exist (grades 1–5)",
            id="grade-6",
        ),
        pytest.param(
            [SIMPLIFIED, row("甲公司", "企业", "(六)", 2024, iso56005_grade=0)],
            "claims.xlsx › Sheet1 › I2: ISO56005評級 (iso56005_grade): "
            "grade 0 does not exist (grades 1–5)",
            id="grade-0",
        ),
        pytest.param(
            [SIMPLIFIED, row("乙大学", "高校", "(七)", "明年", patents_transferred=10)],
            "claims.xlsx › Sheet1 › D2: year '明年' is not a year (年度, e.g. 2024)",
            id="not-a-year",
        ),
        pytest.param(
            [SIMPLIFIED, row(None, "高校", "(七)", 2024, patents_transferred=10)],
            "claims.xlsx › Sheet1 › A2: no applicant (申请单位) in this row",
            id="no-applicant",
        ),
        pytest.param(
            [SIMPLIFIED, row("乙大学", "高校", "(七)", 2024, patents_transferred="—")],
            "claims.xlsx › Sheet1 › J2: 高校院所專利轉讓獎勵 needs 向漳州市企業轉讓發明專利 "
            "(patents_transferred); the cell says '—'",
            id="missing-marker",
        ),
        pytest.param(
            [["乙大学", "高校", "(七)", 2024, 10]],
            "claims.xlsx: no claims table: a header row needs 申请单位, 单位类型, 措施 and 年度 "
            "columns",
            id="no-header",
        ),
        pytest.param(
            [SIMPLIFIED],
            "claims.xlsx › Sheet1: no claims below the header",
            id="no-claims",
        ),
    ],
)
def test_a_bad_claims_workbook_is_a_located_error(runner, in_tmp, rows, message, request):
    write_workbook(in_tmp / "claims.xlsx", rows)
    result = run(runner, "claims.xlsx", "-o", "out.xlsx", "--lang", "en")
    code = CLAIM_CODES[request.node.callspec.id]
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"Error[{code}]: {message}\n",
    )
    assert "Traceback" not in result.output
    assert not (in_tmp / "out.xlsx").exists()


def test_every_problem_is_reported_and_nothing_is_written(runner, in_tmp):
    book(
        in_tmp / "claims.xlsx",
        row("乙大学", "高校", "(七)", 2024),
        row("丙公司", "企业", "(九)", 2024, products_recognised=3),
        row("丁银行", "银行", "(十)", 2024, loan_loss="-1"),
    )
    result = run(runner, "claims.xlsx", "-o", "out.xlsx", "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error[E-CLAIM-VALUE-EMPTY]: claims.xlsx › Sheet1 › J2: 高校院所專利轉讓獎勵 needs "
        "向漳州市企業轉讓發明專利 (patents_transferred); the cell is empty",
        "Error[E-CLAIM-NEGATIVE]: claims.xlsx › Sheet1 › L4: 貸款本金損失 (loan_loss): -1 is "
        "negative",
    ]
    assert not (in_tmp / "out.xlsx").exists()
    # the same in Chinese, the default
    result = run(runner, "claims.xlsx", "-o", "out.xlsx")
    assert result.stderr.splitlines() == [
        "错误[E-CLAIM-VALUE-EMPTY]：claims.xlsx › Sheet1 › J2：高校院所專利轉讓獎勵需要"
        "“向漳州市企業轉讓發明專利”（patents_transferred），但单元格是空的",
        "错误[E-CLAIM-NEGATIVE]：claims.xlsx › Sheet1 › L4：貸款本金損失（loan_loss）一栏：-1是负数",
    ]


def test_a_city_without_reward_rules_is_a_usage_error(runner, in_tmp):
    mixed_book(in_tmp / "claims.xlsx")
    result = runner.invoke(app, ["rewards", "--city", "nanjing", "claims.xlsx", "--lang", "en"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Error[E-CITY-NO-RULES]: nanjing has no reward rules in the catalogue; places with "
        "rules: zhangzhou\n",
    )
    zh = runner.invoke(app, ["rewards", "--city", "nanjing", "claims.xlsx"])
    assert (zh.exit_code, zh.stderr) == (
        2,
        "错误[E-CITY-NO-RULES]：目标目录中nanjing没有奖补规则；有奖补规则的地方：zhangzhou\n",
    )


def test_an_unknown_city_is_a_usage_error(runner, in_tmp):
    mixed_book(in_tmp / "claims.xlsx")
    result = runner.invoke(app, ["rewards", "--city", "zhangzou", "claims.xlsx", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error[E-CITY-UNKNOWN]: unknown city 'zhangzou'; did you mean zhangzhou (漳州市)? "
        "known: guizhou (贵州省), nanjing (南京市), shanxi (山西省), shijiazhuang (石家庄市), zhangzhou (漳州市)\n"
    )


def test_a_missing_claims_file_is_a_usage_error(runner, in_tmp):
    result = run(runner, "nope.xlsx")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "错误[E-FILE-MISSING]：nope.xlsx：没有这个文件\n",
    )
    english = run(runner, "nope.xlsx", "--lang", "en")
    assert english.stderr == "Error[E-FILE-MISSING]: nope.xlsx: no such file\n"


def test_the_output_must_be_an_xlsx_workbook(runner, in_tmp):
    mixed_book(in_tmp / "claims.xlsx")
    result = run(runner, "claims.xlsx", "-o", "out.txt", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "Error[E-USAGE-VALUE]: Invalid value for --output: out.txt: the workbook must be an "
        ".xlsx file"
    )
    assert not (in_tmp / "out.txt").exists()


def test_the_output_folder_must_exist(runner, in_tmp):
    mixed_book(in_tmp / "claims.xlsx")
    result = run(runner, "claims.xlsx", "-o", "nowhere/out.xlsx")
    assert (result.exit_code, result.stderr) == (
        2,
        "错误[E-OUTPUT-NO-FOLDER]：-o：没有文件夹 nowhere，无法写入 out.xlsx\n",
    )


def test_the_plan_may_be_named(runner, in_tmp):
    book(in_tmp / "claims.xlsx", row("乙大学", "高校", "七", 2024, patents_transferred=6))
    result = run(runner, "claims.xlsx", "--plan", PLAN_ID, "-f", "json")
    assert result.exit_code == 0
    # 3 + 0.5 × 0 = 3
    assert json.loads(result.stdout)["total"] == 3.0
    wrong = run(runner, "claims.xlsx", "--plan", "zhangzhou-2020", "--lang", "en")
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        f"Error[E-PLAN-UNKNOWN-FOR]: unknown plan 'zhangzhou-2020' for zhangzhou; did you mean {PLAN_ID}? "
        f"known: {PLAN_ID}\n",
    )
