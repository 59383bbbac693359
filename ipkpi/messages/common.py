"""Messages any part of ipkpi may show: the words around an error, and the errors of
choosing a place, plan, lead unit or measure."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the words around every message
    "error": ("错误", "Error"),
    "warning": ("警告", "Warning"),
    "did_you_mean": ("是否指 {names}？", "did you mean {names}? "),
    "none": ("（无）", "(none)"),
    "place.shown": ("{city}（{place}）", "{city} ({place})"),
    "E-NO-PROBLEM": ("未说明的问题", "a problem that was not described"),
    # choosing what to show
    "E-CATALOGUE-MISSING": (
        "{origin}：找不到目标目录文件夹 {path}；请指定存放规划 TOML 文件的文件夹",
        "{origin}: no catalogue folder at {path}",
    ),
    "E-CITY-UNKNOWN": (
        "没有名为“{city}”的地方；{did_you_mean}已知地方：{known}",
        "unknown city '{city}'; {did_you_mean}known: {known}",
    ),
    "E-PLAN-UNKNOWN": (
        "没有编号为“{plan}”的规划；{did_you_mean}已知规划：{known}",
        "unknown plan '{plan}'; {did_you_mean}known: {known}",
    ),
    "E-PLAN-UNKNOWN-FOR": (
        "{city}没有编号为“{plan}”的规划；{did_you_mean}已知规划：{known}",
        "unknown plan '{plan}' for {city}; {did_you_mean}known: {known}",
    ),
    "E-LEAD-AMBIGUOUS": (
        "牵头单位“{lead}”在{plan}中不止一个：可能是{matches}",
        "lead '{lead}' is ambiguous in {plan}: it could be {matches}",
    ),
    "E-LEAD-UNKNOWN": (
        "{plan}中没有牵头单位“{lead}”；{did_you_mean}该规划的牵头单位：{known}",
        "no lead unit '{lead}' in {plan}; {did_you_mean}its leads: {known}",
    ),
    "E-MEASURE-AMBIGUOUS": (
        "指标“{measure}”不明确：可能是{matches}；请指定其中一个",
        "measure '{measure}' is ambiguous: it could be {matches}; give one of them",
    ),
    "E-MEASURE-UNKNOWN": (
        "没有指标“{measure}”；{did_you_mean}目标目录中的指标：{known}",
        "unknown measure '{measure}'; {did_you_mean}the catalogue's measures: {known}",
    ),
    # the store, as a whole
    "E-STORE-UNUSABLE": ("{path}：{what}；{todo}", "{path}: {what}; {todo}"),
    "E-STORE-DAMAGED": ("{path}：{damage}", "{path}: {damage}"),
}
