"""Messages of reading a reward claims workbook (``ipkpi rewards``): its table, and each
claim's applicant, type, year, measure and quantities; and of choosing the figures to
collect for a year (``ipkpi template``, ``ipkpi missing``); code → (zh, en)."""

from __future__ import annotations

_TYPES = "企业、高校、科研院所、服务机构或银行"
_TYPES_EN = "企业, 高校, 科研院所, 服务机构 or 银行"

MESSAGES: dict[str, tuple[str, str]] = {
    "E-CLAIMS-NO-TABLE": (
        "找不到申报表：表头行需要有“申请单位”“单位类型”“措施”和“年度”四列",
        "no claims table: a header row needs 申请单位, 单位类型, 措施 and 年度 columns",
    ),
    "E-CLAIMS-EMPTY": ("表头下面没有申报数据", "no claims below the header"),
    "E-CLAIM-APPLICANT-MISSING": (
        "这一行没有填写申请单位",
        "no applicant (申请单位) in this row",
    ),
    "E-CLAIM-TYPE-UNKNOWN": (
        "看不懂单位类型“{type}”；请填写" + _TYPES,
        "type {type!r} not understood; write " + _TYPES_EN,
    ),
    "E-CLAIM-TYPE-MISSING": (
        "没有填写单位类型；请填写" + _TYPES,
        "no applicant type; write " + _TYPES_EN,
    ),
    "E-CLAIM-YEAR-INVALID": (
        "年度“{year}”不是年份（请填写如2024）",
        "year {year!r} is not a year (年度, e.g. 2024)",
    ),
    "E-CLAIM-YEAR-MISSING": ("没有填写年度（如2024）", "no year (年度, e.g. 2024)"),
    "E-CLAIM-MEASURE-MISSING": ("这一行没有填写措施", "no measure (措施) in this row"),
    "E-CLAIM-MEASURE-UNKNOWN": (
        "没有奖补规则对应措施“{measure}”；有奖补规则的措施：{measures}",
        "no measure {measure!r} with a reward rule; measures: {measures}",
    ),
    "E-CLAIM-MEASURE-AMBIGUOUS": (
        "措施{measure}有{n}条规则：请写明是{rules}",
        "measure {measure} has {n} rules: write {rules}",
    ),
    "E-CLAIM-COLUMN-MISSING": (
        "没有“{quantity}”列（{id}），而{rule}需要它",
        "no {quantity} column ({id}), which {rule} needs",
    ),
    "E-CLAIM-VALUE-EMPTY": (
        "{rule}需要“{quantity}”（{id}），但单元格是空的",
        "{rule} needs {quantity} ({id}); the cell is empty",
    ),
    "E-CLAIM-VALUE-MISSING": (
        "{rule}需要“{quantity}”（{id}），但单元格写的是“{text}”",
        "{rule} needs {quantity} ({id}); the cell says {text!r}",
    ),
    "E-CLAIM-FLAG-INVALID": (
        "{quantity}（{id}）一栏：“{text}”不是“是”或“否”",
        "{quantity} ({id}): {text!r} is not 是 or 否",
    ),
    "E-CLAIM-NOT-NUMBER": (
        "{quantity}（{id}）一栏：{reason}{fix}",
        "{quantity} ({id}): {reason}{fix}",
    ),
    "E-CLAIM-PERCENT": (
        "{quantity}（{id}）一栏：“{text}”是百分数，这一栏要填以{unit}计的数字",
        "{quantity} ({id}): {text!r} is a percentage, not a number of {unit}",
    ),
    "ingest.claim.items": ("个", "items"),
    "E-CLAIM-NEGATIVE": (
        "{quantity}（{id}）一栏：{text}是负数",
        "{quantity} ({id}): {text} is negative",
    ),
    "E-CLAIM-TOO-LARGE": (
        "{quantity}（{id}）一栏：{value}太大，不会是申报的数（达到10¹²或更多）：请核对数字和单位",
        "{quantity} ({id}): {value} is too large for a claim (10¹² or more): check the "
        "figure and its unit",
    ),
    "E-CLAIM-NOT-AMOUNT": (
        "{quantity}（{id}）一栏：“{text}”不是金额",
        "{quantity} ({id}): {text!r} is not an amount",
    ),
    "E-CLAIM-NOT-WHOLE": (
        "{quantity}（{id}）一栏：{text}不是整数",
        "{quantity} ({id}): {text} is not a whole number",
    ),
    "E-CLAIM-GRADE-UNKNOWN": (
        "{quantity}（{id}）一栏：没有第{grade}档（档次为1–{grades}）",
        "{quantity} ({id}): grade {grade} does not exist (grades 1–{grades})",
    ),
}
