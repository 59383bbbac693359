"""The dashboard (``ipkpi export --format html``): one self-contained HTML file for an
intranet page — no network when it is viewed, no CDN: the styles, the script and each
target's trend (an inline SVG) are in the file.

Per place: the plan, the status counts in their colours, and a row a target — its figure,
target, gap, status (on its colour) and lead unit, and a trend line — in the cells the
report writes (``views.report.report_row``), with the report's numbers as ``data-``
attributes for scripts. A filter by status and by lead unit, a search box and sortable
columns, in a few lines of plain JavaScript; the same filters from the address
(``#status=missed&lead=…&q=…``), so a link can share a view. It prints on A4 (the controls
hidden) and reads on a phone (each row a block).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Sequence
from pathlib import Path

from ipkpi.assess.report import Report
from ipkpi.assess.results import STATUS_ORDER, Assessment
from ipkpi.files import write_workbook
from ipkpi.labels import Lang, label
from ipkpi.output.excel_plans import STATUS_FILLS
from ipkpi.views.catalogue import plan_heading
from ipkpi.views.report import ordered, report_row
from ipkpi.views.tasks import leads_of

COLUMNS = ("name", "unit", "baseline", "actual", "target", "gap", "status", "lead", "trend")


def write_dashboard(
    path: Path, reports: Sequence[Report], lang: Lang = "zh", made_at: dt.datetime | None = None
) -> Path:
    """Write the dashboard of ``reports`` to ``path``, whole or not at all."""
    text = dashboard_html(reports, lang, made_at or dt.datetime.now().astimezone())

    def write(tmp: Path) -> Path:
        tmp.write_text(text, encoding="utf-8")
        return path

    return write_workbook(path, write)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def dashboard_html(reports: Sequence[Report], lang: Lang, made_at: dt.datetime) -> str:
    statuses = [s.value for s in STATUS_ORDER]
    leads = sorted({lead for r in reports for a in r.results for lead in leads_of(a.target, lang)})
    options = "".join(
        f'<option value="{_e(s)}">{_e(label(f"status.{s}", lang))}</option>' for s in statuses
    )
    lead_options = "".join(f'<option value="{_e(x)}">{_e(x)}</option>' for x in leads)
    every = _e(label("dash.all", lang))
    title = _e(label("dash.title", lang))
    made = _e(label("dash.made", lang, when=made_at.strftime("%Y-%m-%d %H:%M")))
    places = "\n".join(_place(r, lang) for r in reports)
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_css()}</style>\n</head>\n<body>\n"
        f'<header><h1>{title}</h1><p class="made">{made}</p>\n<div class="controls">'
        f'<label>{_e(label("dash.status", lang))} <select id="status"><option value="">'
        f"{every}</option>{options}</select></label> "
        f'<label>{_e(label("dash.lead", lang))} <select id="lead"><option value="">'
        f"{every}</option>{lead_options}</select></label> "
        f'<input id="search" type="search" placeholder="{_e(label("dash.search", lang))}">'
        f"</div></header>\n<main>\n{places}\n</main>\n"
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _place(report: Report, lang: Lang) -> str:
    plan, pa = report.plan, report.assessment
    counts = pa.counts()
    chips = "".join(
        f'<span class="chip" style="background:{STATUS_FILLS[s.value]}">'
        f"{_e(label(f'status.{s.value}', lang))} {n}</span>"
        for s in STATUS_ORDER
        if (n := counts.get(s, 0))
    )
    names = {c: label("dash.trend" if c == "trend" else c, lang) for c in COLUMNS}
    heads = "".join(f'<th data-key="{c}" scope="col">{_e(names[c])}</th>' for c in COLUMNS)
    rows = "\n".join(_row(a, lang) for a in ordered(report.results, "category", lang))
    heading = f"{plan_heading(plan, lang)} · {label('as_of', lang, year=pa.as_of)}"
    if not report.results:  # a plan of tasks or rules only
        return (
            f'<section class="place" data-city="{_e(plan.city)}" data-plan="{_e(plan.id)}">'
            f'<h2>{_e(heading)}</h2>\n<p class="empty">{_e(label("dash.no_targets", lang))}</p>'
            "</section>"
        )
    return (
        f'<section class="place" data-city="{_e(plan.city)}" data-plan="{_e(plan.id)}">'
        f'<h2>{_e(heading)}</h2>\n<p class="counts">{chips}</p>\n'
        f"<table><thead><tr>{heads}</tr></thead>\n<tbody>\n{rows}\n</tbody></table></section>"
    )


def _number(value: float | None) -> str:
    return "" if value is None else json.dumps(round(float(value), 6))


def _row(a: Assessment, lang: Lang) -> str:
    cells = report_row(a, lang)
    lead = ("、" if lang == "zh" else ", ").join(leads_of(a.target, lang))
    data = {
        "id": a.target.id,
        "status": a.status.value,
        "lead": "|".join(leads_of(a.target, lang)),
        "actual": _number(a.actual),
        "target": _number(a.target.value),
        "gap": _number(a.gap),
        "progress": _number(a.progress_ratio),
    }
    attributes = " ".join(f'data-{k}="{_e(v)}"' for k, v in data.items())
    fill = STATUS_FILLS.get(a.status.value, "#FFFFFF")
    shown = {**cells, "lead": lead}
    tds = []
    for c in COLUMNS[:-1]:
        style = f' style="background:{fill}"' if c == "status" else ""
        tds.append(f'<td data-col="{c}"{style}>{_e(shown[c])}</td>')
    tds.append(f'<td data-col="trend">{_trend(a)}</td>')
    return f"<tr {attributes}>{''.join(tds)}</tr>"


def _trend(a: Assessment, width: int = 120, height: int = 28) -> str:
    """The target's figures as a small line, with its target dashed where it is in range."""
    points = [(p.year, p.value) for p in a.series]
    if len(points) < 2:
        return ""
    values = [v for _, v in points]
    goal = a.target.value if a.target.unit == a.target.series_unit_or_unit else None
    low, high = (
        min(values + ([goal] if goal is not None else [])),
        max(values + ([goal] if goal is not None else [])),
    )
    span = (high - low) or 1.0
    first, last = points[0][0], points[-1][0]
    years = (last - first) or 1

    def xy(year: int, value: float) -> str:
        x = 2 + (width - 4) * (year - first) / years
        y = height - 2 - (height - 4) * (value - low) / span
        return f"{x:.1f},{y:.1f}"

    line = " ".join(xy(y, v) for y, v in points)
    target = ""
    if goal is not None:
        y = xy(first, goal).split(",")[1]
        target = (
            f'<line x1="2" x2="{width - 2}" y1="{y}" y2="{y}" stroke="#888" '
            'stroke-dasharray="3,2" stroke-width="1"/>'
        )
    return (
        f'<svg class="trend" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{first}–{last}">{target}'
        f'<polyline fill="none" stroke="#1F4E79" stroke-width="1.5" points="{line}"/></svg>'
    )


def _css() -> str:
    return (
        "body{font-family:'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif;"
        "margin:1rem;color:#222}h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;"
        "margin:1.4rem 0 .4rem}.made{color:#666;margin:0 0 .6rem}.controls{display:flex;"
        "flex-wrap:wrap;gap:.6rem;align-items:center}.controls input{min-width:12rem}"
        ".chip{display:inline-block;padding:.1rem .5rem;margin:0 .3rem .3rem 0;border-radius:"
        ".6rem;font-size:.9rem}table{border-collapse:collapse;width:100%;font-size:.9rem}"
        "th,td{border:1px solid #ccc;padding:.25rem .4rem;text-align:left;vertical-align:top}"
        "th{background:#DDEBF7;cursor:pointer;white-space:nowrap}td[data-col=status]{white-space:nowrap}"
        "th.sorted::after{content:"
        "' ▴'}th.sorted.desc::after{content:' ▾'}tr[hidden]{display:none}.empty{color:#666}"
        "@media print{.controls{display:none}body{margin:0}@page{size:A4;margin:15mm}"
        "section{break-inside:avoid-page}th{cursor:auto}}"
        "@media (max-width:640px){thead{display:none}table,tbody,tr,td{display:block;"
        "width:auto}tr{border:1px solid #ccc;margin:.5rem 0}td{border:none;padding:.15rem "
        ".4rem}td[data-col=name]{font-weight:bold}td:empty{display:none}}"
    )


# Filter rows by status, lead unit and words, from the controls or the address; sort a
# table by a column's numbers (from the data- attributes) or words. No library.
_SCRIPT = """
(function () {
  var status = document.getElementById('status');
  var lead = document.getElementById('lead');
  var search = document.getElementById('search');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tbody tr'));
  function apply() {
    var s = status.value, l = lead.value, q = search.value.trim().toLowerCase();
    rows.forEach(function (tr) {
      var ok = (!s || tr.dataset.status === s) &&
        (!l || tr.dataset.lead.split('|').indexOf(l) >= 0) &&
        (!q || tr.textContent.toLowerCase().indexOf(q) >= 0);
      tr.hidden = !ok;
    });
    var parts = [];
    if (s) parts.push('status=' + encodeURIComponent(s));
    if (l) parts.push('lead=' + encodeURIComponent(l));
    if (q) parts.push('q=' + encodeURIComponent(q));
    var hash = parts.length ? '#' + parts.join('&') : '#';
    if (history.replaceState) history.replaceState(null, '', hash);
  }
  function fromAddress() {
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var kv = part.split('='), v = decodeURIComponent(kv[1] || '');
      if (kv[0] === 'status') status.value = v;
      if (kv[0] === 'lead') lead.value = v;
      if (kv[0] === 'q') search.value = v;
    });
  }
  var numeric = {actual: 1, target: 1, gap: 1};
  Array.prototype.forEach.call(document.querySelectorAll('th[data-key]'), function (th) {
    th.addEventListener('click', function () {
      var key = th.dataset.key, table = th.closest('table'), body = table.tBodies[0];
      var desc = th.classList.contains('sorted') && !th.classList.contains('desc');
      Array.prototype.forEach.call(table.querySelectorAll('th'), function (h) {
        h.classList.remove('sorted', 'desc');
      });
      th.classList.add('sorted');
      if (desc) th.classList.add('desc');
      var list = Array.prototype.slice.call(body.rows);
      list.sort(function (a, b) {
        var x, y;
        if (numeric[key]) {
          x = parseFloat(a.dataset[key]); y = parseFloat(b.dataset[key]);
          x = isNaN(x) ? Infinity : x; y = isNaN(y) ? Infinity : y;
        } else {
          x = a.querySelector('td[data-col="' + key + '"]').textContent;
          y = b.querySelector('td[data-col="' + key + '"]').textContent;
        }
        var c = x < y ? -1 : x > y ? 1 : 0;
        return desc ? -c : c;
      });
      list.forEach(function (tr) { body.appendChild(tr); });
    });
  });
  [status, lead].forEach(function (el) { el.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  fromAddress();
  apply();
})();
"""
