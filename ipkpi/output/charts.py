"""Small trend charts for the Word brief, drawn by matplotlib with a Chinese font found on
the machine — never boxes where characters should be. The font is the first family
matplotlib's font manager knows (the fonts fontconfig lists, and its own folders) whose
name is one of ``CJK_FAMILIES``, in that order: the Noto CJK and Source Han families
(Debian's fonts-noto-cjk), WenQuanYi (fonts-wqy-microhei, fonts-wqy-zenhei), the
Windows fonts (SimSun, SimHei, Microsoft YaHei), the macOS ones (PingFang SC, Heiti SC), AR
PL and Droid Sans Fallback. With none, there is no chart and the caller says so.

matplotlib is imported here only, and only when a chart is drawn or a font looked for."""

from __future__ import annotations

import io
from functools import lru_cache

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Serif SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimSun",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",
)


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The Chinese font family charts are drawn with, or None when the machine has none."""
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in known), None)


def trend_png(
    title: str,
    points: list[tuple[int, float]],
    goal: float | None,
    goal_label: str,
    font: str,
) -> bytes:
    """A line of a target's figures by year, its target dashed, as a PNG (12 × 5 cm)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams["font.family"] = font
    pyplot.rcParams["axes.unicode_minus"] = False
    figure, axes = pyplot.subplots(figsize=(12 / 2.54, 5 / 2.54), dpi=150)
    try:
        years = [y for y, _ in points]
        axes.plot(years, [v for _, v in points], marker="o", color="#1F4E79", linewidth=1.5)
        if goal is not None:
            axes.axhline(goal, color="#C00000", linestyle="--", linewidth=1, label=goal_label)
            axes.legend(loc="best", fontsize=7, frameon=False)
        axes.set_title(title, fontsize=9)
        axes.set_xticks(years)
        axes.tick_params(labelsize=7)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png")
        return out.getvalue()
    finally:
        pyplot.close(figure)
