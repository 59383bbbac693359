"""The readings: one sentence per target on where it stands, in the words officials write
(``完成目标进度72%，慢于时序进度8个百分点，剩余两年需年均增加3.1件``), and its notes as
sentences. No I/O.
"""

from __future__ import annotations

from ipkpi.assess.results import Assessment, Note, Status, final_year
from ipkpi.catalogue.model import Comparator, Kind
from ipkpi.labels import Lang, label
from ipkpi.views.catalogue import target_requirement
from ipkpi.views.numbers import COUNT_UNITS, fmt, format_number, pct, whole_count

_ZH_COUNT = {
    1: "一",
    2: "两",
    3: "三",
    4: "四",
    5: "五",
    6: "六",
    7: "七",
    8: "八",
    9: "九",
    10: "十",
}


def rate_unit(a: Assessment) -> str | None:
    """The unit of ``required_rate`` and ``actual_rate``."""
    if a.rate_kind is None:
        return None
    if a.rate_kind == "growth":
        return "%"
    unit = a.target.series_unit_or_unit if a.target.kind is Kind.RISE else a.target.unit
    return f"{'个百分点' if unit == '%' else unit}/年"


def year_span(first: int, last: int) -> str:
    return str(last) if first == last else f"{first}–{last}"


def with_unit(value: float | None, unit: str, lang: Lang) -> str:
    """``71.21件`` in Chinese, ``71.21 件`` in English; ``85.7%`` in both."""
    sep = "" if lang == "zh" or unit == "%" else " "
    return f"{fmt(value)}{sep}{unit}"


def difference(value: float | None, unit: str, lang: Lang) -> str:
    """A difference: of shares in percentage points (个百分点), else as ``with_unit``."""
    if unit == "%":
        return with_unit(value, label("unit.points", lang), lang)
    return with_unit(value, unit, lang)


def _n_years(n: int, lang: Lang) -> str:
    if lang == "zh":
        return f"{_ZH_COUNT.get(n, n)}年"
    return f"{n} year" + ("" if n == 1 else "s")


def _points(share_diff: float) -> str:
    return fmt(abs(share_diff) * 100, 0)


def _requirement(a: Assessment, lang: Lang) -> str:
    text = target_requirement(a.target, lang)
    return text.replace(" ", "") if lang == "zh" else text


def path_start(a: Assessment) -> float:
    """The measure at the baseline: the level itself, or nothing yet for an increment."""
    return a.baseline.value if a.target.kind is Kind.LEVEL else 0.0


def _change_words(value: float, unit: str, lang: Lang) -> str:
    """``上升0.13个百分点`` / ``down 0.13 percentage points``."""
    word = label("reading.rose" if value >= 0 else "reading.fell", lang)
    unit = label("unit.points", lang) if unit == "%" else unit
    sep = "" if lang == "zh" else " "
    return f"{word}{sep}{fmt(abs(value))}{sep}{unit}"


def _change(a: Assessment, value: float, lang: Lang) -> str:
    """``增加3.1件`` / ``add 3.1 件``, ``增长10.6%`` / ``grow 10.6%``."""
    unit = (rate_unit(a) or "").removesuffix("/年")
    if unit == "个百分点":
        unit = label("unit.points", lang)
    if a.rate_kind == "growth":
        word = label("reading.grow" if value >= 0 else "reading.shrink", lang)
        return f"{word}{fmt(abs(value), 1)}%" if lang == "zh" else f"{word} {fmt(abs(value), 1)}%"
    word = label("reading.add" if value >= 0 else "reading.cut", lang)
    amount = fmt(whole_count(abs(value)) if counts_whole_things(a) else abs(value))
    return f"{word}{amount}{unit}" if lang == "zh" else f"{word} {amount} {unit}"


def counts_whole_things(a: Assessment) -> bool:
    """A measure of whole things (家, 件, 人, …) whose figures are all whole: what it still
    needs a year is rounded up to whole units (需年均增加1家, not 0.5家). Measures per
    10,000 people or averages (71.21件) have fractional figures and keep their decimals."""
    t = a.target
    figures = [t.value, a.actual, a.baseline.value if a.baseline else None]
    return (
        t.unit in COUNT_UNITS
        and all(v is not None and float(v).is_integer() for v in figures[:2])
        and (figures[2] is None or float(figures[2]).is_integer())
    )


def reading(a: Assessment, lang: Lang = "zh") -> str:
    """One sentence on where the target stands, e.g.
    ``完成目标进度72%，慢于时序进度8个百分点，剩余两年需年均增加3.1件``; where a status
    that says the target holds could not check a year, the sentence says so."""
    text = _reading(a, lang)
    missing = unchecked_years(a)
    if missing:
        years = ("、" if lang == "zh" else ", ").join(str(y) for y in missing)
        text += label("reading.unchecked", lang, years=years)
    return text


def provisional(a: Assessment) -> bool:
    """A verdict on a final year's 快报 figure: to be confirmed by the final one."""
    return (
        a.status in (Status.MET, Status.MISSED)
        and a.latest is not None
        and a.latest.preliminary
        and a.latest.year == final_year(a.target)
    )


def _reading(a: Assessment, lang: Lang) -> str:
    t, status = a.target, a.status
    if status is Status.AWAITING_FINAL:
        req = _requirement(a, lang)
        year = final_year(t)
        if a.actual is None:
            return label("reading.awaiting_none", lang, year=year, req=req)
        return label("reading.awaiting", lang, year=year, req=req, head=_head(a, lang))
    if status is Status.NO_DATA:
        why = next((n for n in a.notes if n.code != "preliminary"), None)
        reason = note_text(why, a, lang) if why else label("reading.no_figures", lang)
        return label("reading.no_data", lang, reason=reason)
    req = _requirement(a, lang)
    if t.kind in (Kind.ANNUAL, Kind.RISE):
        return _years_reading(a, req, lang)

    head = _head(a, lang)
    if status is Status.MET:
        return label("reading.met", lang, head=head, req=req)
    if status is Status.MISSED:
        # a 左右 target passed beyond its tolerance: over by the gap, not short of it
        over = a.gap is not None and a.gap < 0
        gap = difference(abs(a.gap) if over else a.gap, t.unit, lang)
        key = "reading.missed_over" if over else "reading.missed"
        if t.comparator is Comparator.APPROX:  # outside its band at its year: 偏离
            key = "reading.deviated_over" if over else "reading.deviated"
        return label(key, lang, head=head, req=req, gap=gap)
    if status is Status.ACHIEVED:
        return label("reading.achieved", lang, head=head, req=req)

    parts = [_standing(a, head, req, lang)]
    if a.required_rate is not None and a.remaining_years:
        key = "reading.needs_one" if a.remaining_years == 1 else "reading.needs"
        parts.append(
            label(
                key,
                lang,
                years=_n_years(a.remaining_years, lang),
                change=_change(a, a.required_rate, lang),
            )
        )
    return ("，" if lang == "zh" else "; ").join(parts)


def _years_reading(a: Assessment, req: str, lang: Lang) -> str:
    """An annual or rise target: the years that missed the requirement (or fell), if any."""
    t = a.target
    years = ("、" if lang == "zh" else ", ").join(str(y) for y in a.years_missed)
    first, last = a.years_counted[0], a.years_counted[-1]
    if t.kind is Kind.RISE:
        first = a.years_counted[1] if len(a.years_counted) > 1 else first
        key = "reading.rise_fell" if a.years_missed else "reading.rise_ok"
    elif a.years_missed:
        # the year that decides the status, with its figure and gap: the row's actual
        key = "reading.annual_missed_one" if len(a.years_missed) == 1 else "reading.annual_missed"
        return label(
            key,
            lang,
            years=years,
            req=req,
            year=a.actual_year,
            value=with_unit(a.actual, t.unit, lang),
            gap=difference(a.gap, t.unit, lang),
        )
    else:
        key = "reading.annual_ok"
    return label(key, lang, years=years, span=year_span(first, last), req=req)


def _head(a: Assessment, lang: Lang) -> str:
    """What the target measures so far: ``2024年为71.21件`` and the like."""
    t = a.target
    value = with_unit(a.actual, t.unit, lang)
    if t.kind is Kind.GROWTH and a.baseline:
        return label(
            "reading.growth_head",
            lang,
            span=year_span(a.baseline.year, a.actual_year),
            rate=fmt(a.actual, 1),
        )
    if t.kind is Kind.CUMULATIVE:
        return label(
            "reading.sum_head", lang, span=year_span(a.years_counted[0], a.actual_year), value=value
        )
    if t.kind is Kind.AVERAGE:
        return label(
            "reading.mean_head",
            lang,
            span=year_span(a.years_counted[0], a.actual_year),
            value=value,
        )
    if t.kind is Kind.INCREMENT and a.baseline:
        return label(
            "reading.increment_head", lang, year=a.actual_year, since=a.baseline.year, value=value
        )
    return label("reading.level_head", lang, year=a.actual_year, value=value)


def _standing(a: Assessment, head: str, req: str, lang: Lang) -> str:
    """Where a target not yet final stands: off its 左右 target, moving away, against the
    requirement, or its progress beside the time elapsed."""
    t, status = a.target, a.status
    if t.comparator is Comparator.APPROX and a.gap is not None and a.gap < 0:
        # 左右 overshot: past the target by more than the tolerance
        off = difference(-a.gap, t.unit, lang)
        return head + label("reading.off", lang, req=req, amount=off)
    if status is Status.MOVING_AWAY and a.baseline is not None and t.kind is not Kind.GROWTH:
        moved = _change_words(a.actual - path_start(a), a.target.unit, lang)
        return head + label("reading.away", lang, year=a.baseline.year, change=moved)
    if t.kind is Kind.GROWTH or a.gap_share_closed is None or a.time_share_elapsed is None:
        return head + label("reading.against", lang, req=req)
    diff = a.gap_share_closed - a.time_share_elapsed
    points = _points(diff)
    pace = (
        label("reading.even", lang)
        if points == "0"
        else label(
            "reading.ahead" if diff > 0 else "reading.lagging",
            lang,
            points=points,
            s="" if points == "1" else "s",
        )
    )
    return label("reading.progress", lang, closed=pct(a.gap_share_closed), pace=pace)


# Kinds that count every year of their window: a year missing leaves a gap in what they
# claim, and a status that says the target holds must say so.
_EVERY_YEAR = (Kind.ANNUAL, Kind.RISE, Kind.CUMULATIVE, Kind.AVERAGE)
_HOLDING = (Status.MET, Status.ACHIEVED, Status.ON_TRACK)


def years_missing(a: Assessment) -> list[int]:
    """The years missing in the middle of the figures counted (the missing_years note)."""
    return [y for n in a.notes if n.code == "missing_years" for y in n.data["years"]]


def unchecked_years(a: Assessment) -> list[int]:
    """The years a status that says the target holds could not check: a missing year of an
    annual, rise, cumulative or average target that is met, achieved or on track."""
    if a.status in _HOLDING and a.target.kind in _EVERY_YEAR:
        return years_missing(a)
    return []


def status_label(a: Assessment, lang: Lang = "zh") -> str:
    """The status in words, qualified where it could not check every year it speaks for:
    ``已完成（缺2023年数据）`` / ``met (2023 missing)``."""
    code = a.status.value
    if a.status is Status.MISSED and a.target.comparator is Comparator.APPROX:
        code = "missed_approx"  # a 左右 target at its year, outside its band: 偏离
    text = label(f"status.{code}", lang)
    if provisional(a):
        text = label("status.provisional", lang, status=text)
    missing = unchecked_years(a)
    if not missing:
        return text
    years = ("、" if lang == "zh" else ", ").join(str(y) for y in missing)
    return label("status.unchecked", lang, status=text, years=years)


def note_text(note: Note, a: Assessment, lang: Lang = "zh") -> str:
    """A note as a sentence in ``lang``."""
    data = dict(note.data)
    if "years" in data:
        data["years"] = ("、" if lang == "zh" else ", ").join(str(y) for y in data["years"])
    if "value" in data:
        data["value"] = format_number(round(data["value"], 6))
        data["unit"] = a.target.series_unit_or_unit
    return label(f"note.{note.code}", lang, **data)
